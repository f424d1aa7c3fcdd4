import { promises as dns } from "node:dns";
import { authenticate, type DNSResolver } from "mailauth";
import type { InboundSettings } from "./settings.server";
import type { SenderVerdict } from "../tickets/sender-verdicts";

/**
 * Is the From address really the sender's? DMARC answers it: a pass means an SPF or DKIM pass aligned
 * with the From domain. Checked here with mailauth (DNS lookups, each bounded), or taken from the
 * Authentication-Results header of the MTA in front of us when it is trusted to have checked (and to
 * have removed such headers from the outside). The verdict is stored with the mail and shown to agents.
 */

export type SenderCheck = { result: SenderVerdict; details: string };

export type SenderFacts = {
  raw: Buffer;
  clientAddress: string;
  helo: string;
  envelopeFrom: string;
  fromAddress: string;
};

const DNS_TIMEOUT_MS = 4_000;

/** The system resolver, each lookup bounded: a slow DNS server costs a "none" verdict, not a stuck receipt. */
export const systemResolver: DNSResolver = async (domain, rrtype) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`DNS ${rrtype} ${domain} timed out`), { code: "ETIMEOUT" })),
      DNS_TIMEOUT_MS,
    );
  });
  try {
    return (await Promise.race([dns.resolve(domain, rrtype), timeout])) as string[] | string[][];
  } finally {
    clearTimeout(timer);
  }
};

function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/.test(address);
}

function fromDomain(address: string): string {
  return address.split("@")[1]?.toLowerCase() ?? "";
}

/** The relay's verdict: the first Authentication-Results header whose authserv-id is the trusted one. */
export function verdictFromRelay(raw: Buffer, authservId: string, fromAddress: string): SenderCheck {
  const headerEnd = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, headerEnd === -1 ? Math.min(raw.length, 256 * 1024) : headerEnd).toString("latin1");
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded
    .split(/\r?\n/)
    .filter((row) => /^authentication-results:/i.test(row))
    .map((row) => row.slice(row.indexOf(":") + 1).trim())
    .find((value) => value.split(";")[0]!.trim().toLowerCase() === authservId.toLowerCase());
  if (!line) return { result: "none", details: `No Authentication-Results from ${authservId}.` };
  const dmarc = /\bdmarc=(\w+)/i.exec(line)?.[1]?.toLowerCase();
  if (dmarc === "pass") return { result: "pass", details: line };
  if (dmarc === "fail") return { result: "fail", details: line };
  // Without a DMARC result, a DKIM pass for the From domain itself still proves the From.
  const dkimDomain = /\bdkim=pass\b[^;]*header\.d=([^\s;]+)/i.exec(line)?.[1]?.toLowerCase();
  if (dkimDomain && dkimDomain === fromDomain(fromAddress)) return { result: "pass", details: line };
  return { result: "none", details: line };
}

export async function checkSender(
  facts: SenderFacts,
  settings: InboundSettings,
  resolver: DNSResolver = systemResolver,
): Promise<SenderCheck> {
  if (settings.INBOUND_AUTH === "off") return { result: "none", details: "Sender checks are off (INBOUND_AUTH=off)." };
  if (settings.INBOUND_AUTH === "relay")
    return verdictFromRelay(facts.raw, settings.INBOUND_TRUSTED_AUTHSERV_ID ?? "", facts.fromAddress);
  try {
    // Behind a relay on this machine (or by webhook) the connecting address is the relay's, not the
    // sender's: SPF then reads the client from the Received header the relay added on top.
    const relayed = !facts.clientAddress || isLoopback(facts.clientAddress);
    const result = await authenticate(facts.raw, {
      ip: relayed ? undefined : facts.clientAddress,
      helo: relayed ? undefined : facts.helo || undefined,
      trustReceived: relayed,
      sender: facts.envelopeFrom && facts.envelopeFrom !== "<>" ? facts.envelopeFrom : undefined,
      resolver,
      disableArc: true,
      disableBimi: true,
    });
    const details = [
      ...result.dkim.results.map((row) => row.info),
      result.spf ? result.spf.info : "",
      result.dmarc ? result.dmarc.info : "",
    ]
      .filter(Boolean)
      .join("; ");
    const dmarc = result.dmarc ? result.dmarc.status.result : "none";
    if (dmarc === "pass") return { result: "pass", details };
    if (dmarc === "fail") return { result: "fail", details };
    const alignedDkim = result.dkim.results.some(
      (row) => row.status.result === "pass" && row.signingDomain.toLowerCase() === fromDomain(facts.fromAddress),
    );
    return { result: alignedDkim ? "pass" : "none", details: details || "No DKIM signature, SPF or DMARC result." };
  } catch (error) {
    return {
      result: "none",
      details: `Sender check failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
