import fs from "node:fs/promises";
import { createRequire } from "node:module";
import { BlockList, isIP } from "node:net";
import path from "node:path";
import { Reader, type CountryResponse } from "mmdb-lib";
import { isCountryCode, LOCAL_NETWORK, type StoredLocation } from "./location";

/**
 * Client address → country, for the sessions list (decision record 012). Only the
 * country is derived, at sign-in, and only it is stored; the address is not kept.
 * The data is @ip-location-db/geo-whois-asn-country-mmdb, shipped inside its npm
 * package: nothing is fetched at run time.
 */

/** The data set's record: a bare country code (it is not MaxMind's nested layout). */
type CountryRecord = CountryResponse & { country_code?: unknown };

export type AddressClass = { kind: "public"; address: string } | { kind: "local" } | { kind: "unknown" };

/**
 * Ranges answered without the data set. The data set maps some of them to a
 * country (192.168.0.0/16 and 198.51.100.0/24 to AU, 2001:db8::/32 to JP in the
 * version checked), which would put a home router or a test address abroad.
 */
const LOCAL_RANGES: readonly [string, number, "ipv4" | "ipv6"][] = [
  ["10.0.0.0", 8, "ipv4"], // RFC 1918
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["127.0.0.0", 8, "ipv4"], // loopback
  ["169.254.0.0", 16, "ipv4"], // link-local
  ["100.64.0.0", 10, "ipv4"], // carrier-grade NAT: the client shares our carrier's private network
  ["::1", 128, "ipv6"],
  ["fe80::", 10, "ipv6"], // link-local
  ["fc00::", 7, "ipv6"], // unique local
];
const UNROUTABLE_RANGES: readonly [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.0.2.0", 24, "ipv4"], // documentation
  ["198.18.0.0", 15, "ipv4"], // benchmarking
  ["198.51.100.0", 24, "ipv4"], // documentation
  ["203.0.113.0", 24, "ipv4"], // documentation
  ["224.0.0.0", 4, "ipv4"], // multicast
  ["240.0.0.0", 4, "ipv4"], // reserved, and the broadcast address
  ["2001:db8::", 32, "ipv6"], // documentation
];

function blockList(ranges: readonly [string, number, "ipv4" | "ipv6"][]) {
  const list = new BlockList();
  for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
  return list;
}
const localRanges = blockList(LOCAL_RANGES);
const unroutableRanges = blockList(UNROUTABLE_RANGES);
/** Global unicast: an IPv6 address outside it (multicast, unspecified, reserved) has no country. */
const globalUnicast = blockList([["2000::", 3, "ipv6"]]);

/** The eight 16-bit groups of a valid IPv6 address (isIP already said 6), an embedded dotted IPv4 tail included. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/** ::ffff:a.b.c.d (in either spelling, ::ffff:808:808 too) → "a.b.c.d"; null for any other IPv6 address. */
function mappedIPv4(address: string): string | null {
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).some((group) => group !== 0) || groups[5] !== 0xffff) return null;
  return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join(".");
}

/** Whether an address can have a country at all, in a canonical form the data set can look up. */
export function classifyAddress(raw: string): AddressClass {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\]$/.exec(address);
  if (bracketed) address = bracketed[1];
  address = address.replace(/%.*$/, ""); // an IPv6 zone ("fe80::1%eth0") names our interface, not a place
  let family = isIP(address);
  if (family === 0) return { kind: "unknown" };
  if (family === 6) {
    // The data set keys IPv4 under its own tree: a mapped address must be looked up as IPv4.
    const v4 = mappedIPv4(address);
    if (v4) {
      address = v4;
      family = 4;
    }
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  if (localRanges.check(address, type)) return { kind: "local" };
  if (unroutableRanges.check(address, type)) return { kind: "unknown" };
  if (type === "ipv6" && !globalUnicast.check(address, "ipv6")) return { kind: "unknown" };
  return { kind: "public", address };
}

export type AddressLocator = {
  /** The location to store for a client address; never throws, never waits longer than `waitMs`. */
  locate(address: string, waitMs?: number): Promise<StoredLocation>;
};

/**
 * How long a sign-in waits for the first load of the data set (a 7.8 MB read, once per process)
 * before going on without a location. 250 ms was too short on a loaded machine: the first
 * sign-in after a start then got "Unknown location" for good.
 */
const DEFAULT_WAIT_MS = 2000;

/**
 * A locator over one .mmdb file, read once, on the first public address asked about.
 * A missing or unreadable file, or one the reader cannot parse, makes every answer
 * "unknown" and logs one warning: a location is a courtesy, never a reason to fail a sign-in.
 */
export function createAddressLocator(
  file: string,
  readFile: (file: string) => Promise<Buffer> = fs.readFile,
): AddressLocator {
  let loading: Promise<Reader<CountryRecord> | null> | null = null;
  let warned = false;
  const warnOnce = (problem: unknown) => {
    if (warned) return;
    warned = true;
    console.warn(
      `Session locations are off: the address data at ${file} could not be used (${problem instanceof Error ? problem.message : String(problem)}); sessions show "Unknown location".`,
    );
  };
  const load = async () => {
    try {
      return new Reader<CountryRecord>(await readFile(file));
    } catch (problem) {
      warnOnce(problem);
      return null;
    }
  };

  return {
    async locate(raw, waitMs = DEFAULT_WAIT_MS) {
      const address = classifyAddress(raw);
      if (address.kind === "local") return LOCAL_NETWORK;
      if (address.kind === "unknown") return null;
      loading ??= load();
      let timer: NodeJS.Timeout | undefined;
      // The load goes on after a timeout, so the next sign-in finds the data ready.
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
        timer.unref();
      });
      const reader = await Promise.race([loading, timeout]);
      clearTimeout(timer);
      if (!reader) return null;
      try {
        const code = reader.get(address.address)?.country_code;
        return isCountryCode(code) ? code : null;
      } catch (problem) {
        // A file whose metadata parses but whose tree or data section is damaged fails here instead.
        warnOnce(problem);
        return null;
      }
    },
  };
}

/**
 * The packaged file, resolved from the app's own node_modules (the working directory, as
 * for data/ and .content-cache/), so a server bundle built elsewhere finds it too.
 */
export function packagedDataFile(): string {
  return createRequire(path.join(process.cwd(), "package.json")).resolve(
    "@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb",
  );
}

let defaultLocator: AddressLocator | null = null;

/** The process's locator over the packaged data set, made on first use. */
export function locateAddress(address: string): Promise<StoredLocation> {
  if (!defaultLocator) {
    let file: string;
    try {
      file = packagedDataFile();
    } catch {
      file = "node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb";
    }
    defaultLocator = createAddressLocator(file);
  }
  return defaultLocator.locate(address);
}
