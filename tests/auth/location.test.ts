import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { describeLocation, LOCAL_NETWORK } from "~/auth/location";
import { classifyAddress, createAddressLocator, locateAddress, packagedDataFile } from "~/auth/location.server";

/**
 * The address → country lookup over the packaged data set. The public addresses were
 * checked against the data set itself (version 2.3.2026061719), not assumed: each is a
 * long-lived anycast or hosting address whose registration has not moved in years.
 */

afterEach(() => vi.restoreAllMocks());

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "location-test-"));

describe("public addresses", () => {
  it.each([
    ["8.8.8.8", "US", "United States"],
    ["9.9.9.9", "US", "United States"],
    ["1.1.1.1", "AU", "Australia"], // APNIC's research block, registered in Australia
    ["193.0.6.139", "NL", "Netherlands"], // RIPE NCC, Amsterdam
    ["81.169.145.105", "DE", "Germany"],
    ["202.12.27.33", "JP", "Japan"],
    ["2001:4860:4860::8888", "US", "United States"],
    ["2a01:4f8::1", "DE", "Germany"],
    ["2001:67c:2e8:22::c100:68b", "NL", "Netherlands"],
  ])("%s is in %s", async (address, code, name) => {
    const location = await locateAddress(address);
    expect(location).toBe(code);
    expect(describeLocation(location)).toBe(name);
  });

  it("looks up an IPv4-mapped IPv6 address as the IPv4 address it carries (the data set alone would not find it)", async () => {
    for (const mapped of [
      "::ffff:8.8.8.8",
      "::FFFF:8.8.8.8",
      "::ffff:808:808",
      "0:0:0:0:0:ffff:8.8.8.8",
      "[::ffff:8.8.8.8]",
    ]) {
      expect(classifyAddress(mapped), mapped).toEqual({ kind: "public", address: "8.8.8.8" });
      expect(await locateAddress(mapped), mapped).toBe("US");
    }
  });
});

describe("addresses without a country", () => {
  it.each([
    "10.1.2.3",
    "172.16.0.9",
    "172.31.255.255",
    "192.168.1.1",
    "127.0.0.1",
    "169.254.10.20",
    "100.64.0.1",
    "::1",
    "fe80::1",
    "fe80::1%eth0",
    "fd12:3456::1",
    "[::1]",
    "::ffff:192.168.1.1",
    "::ffff:7f00:1",
  ])("%s is the local network", async (address) => {
    expect(await locateAddress(address)).toBe(LOCAL_NETWORK);
    expect(describeLocation(LOCAL_NETWORK)).toBe("Local network");
  });

  it("calls a private address local even where the data set names a country for it", async () => {
    // The packaged data maps 192.168.0.0/16 to AU: the range check must come first.
    expect(await locateAddress("192.168.1.1")).toBe(LOCAL_NETWORK);
  });

  it.each([
    "unknown",
    "",
    "not-an-address",
    "8.8.8",
    "198.51.100.7",
    "192.0.2.1",
    "203.0.113.5",
    "2001:db8::1",
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "255.255.255.255",
    "ff02::1",
    "8.8.8.8:443",
  ])("%j is an unknown location", async (address) => {
    expect(await locateAddress(address)).toBeNull();
    expect(describeLocation(null)).toBe("Unknown location");
  });
});

describe("describeLocation", () => {
  it("names countries in English and refuses what is not a known code", () => {
    expect(describeLocation("DE")).toBe("Germany");
    expect(describeLocation("GB")).toBe("United Kingdom");
    expect(describeLocation("ZZ")).toBe("Unknown location");
    expect(describeLocation("de")).toBe("Unknown location");
    expect(describeLocation("Germany")).toBe("Unknown location");
  });
});

describe("a missing or damaged data file", () => {
  it("answers unknown for a missing file, with one warning however often it is asked", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const locator = createAddressLocator(path.join(tmp, "missing.mmdb"));
    expect(await locator.locate("8.8.8.8")).toBeNull();
    expect(await locator.locate("2001:4860:4860::8888")).toBeNull();
    // Ranges need no data: they still answer.
    expect(await locator.locate("10.0.0.1")).toBe(LOCAL_NETWORK);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/Unknown location/);
  });

  it("answers unknown for a file that is not a database", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const file = path.join(tmp, "garbage.mmdb");
    fs.writeFileSync(file, "this is not an mmdb file");
    const locator = createAddressLocator(file);
    expect(await locator.locate("8.8.8.8")).toBeNull();
    expect(await locator.locate("9.9.9.9")).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("answers unknown for a file whose metadata reads but whose search tree is damaged", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const damaged = fs.readFileSync(packagedDataFile());
    damaged.fill(0xff, 0, 4_000_000);
    const file = path.join(tmp, "damaged.mmdb");
    fs.writeFileSync(file, damaged);
    const locator = createAddressLocator(file);
    for (const address of ["8.8.8.8", "81.169.145.105", "2001:4860:4860::8888"])
      expect(await locator.locate(address)).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("does not hold a sign-in while the data is still loading, and answers once it has loaded", async () => {
    const data = fs.readFileSync(packagedDataFile());
    let reads = 0;
    let finishRead: (buffer: Buffer) => void = () => {};
    // The first read finishes only when the test says so (the wait is measured on a fake clock, not slept); a second read would be a bug, counted below.
    const pendingRead = () => {
      reads += 1;
      return reads === 1 ? new Promise<Buffer>((resolve) => (finishRead = resolve)) : Promise.resolve(data);
    };
    vi.useFakeTimers();
    try {
      const locator = createAddressLocator("geo.mmdb", pendingRead);
      let answered = false;
      const first = locator.locate("8.8.8.8", 20).finally(() => (answered = true));
      await vi.advanceTimersByTimeAsync(19);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      // Given up after its 20 ms, while the data is still loading: the sign-in goes on without a location.
      expect(answered).toBe(true);
      expect(await first).toBeNull();

      // The load went on; once it is in, the next sign-in gets its country at once, without a second read.
      finishRead(data);
      expect(await locator.locate("8.8.8.8", 20)).toBe("US");
      expect(await locator.locate("81.169.145.105", 20)).toBe("DE");
      expect(reads).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
