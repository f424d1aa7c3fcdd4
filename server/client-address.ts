import { BlockList, isIP } from "node:net";

export type ProxyTrust = {
  /** Believe X-Forwarded-For and X-Forwarded-Proto at all (TRUST_PROXY). */
  trustProxy: boolean;
  /** Addresses or CIDR blocks of our own proxies (TRUSTED_PROXIES); empty: only the nearest hop is trusted. */
  trustedProxies: readonly string[];
};

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[::1]:443" and "10.0.0.1:80" lose their port; anything else that is not an IP → null. */
export function normalizeAddress(value: string | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  if (address.toLowerCase().startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : null;
}

function blockListOf(entries: readonly string[]) {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/**
 * The visitor's address, for rate limits and analytics. Without TRUST_PROXY it
 * is the socket peer and X-Forwarded-For is ignored (anyone can send one). With
 * it, the chain is X-Forwarded-For plus the peer, read from the right: the
 * first address that is not one of our proxies is the client. With no list,
 * exactly one hop (the peer) is ours, so the client is the entry it appended.
 */
export function createClientAddressResolver({ trustProxy, trustedProxies }: ProxyTrust) {
  const trusted = trustedProxies.length ? blockListOf(trustedProxies) : null;
  const isTrusted = (address: string) =>
    trusted !== null && trusted.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

  return (socketAddress: string | undefined, forwardedFor: string | string[] | undefined): string => {
    const peer = normalizeAddress(socketAddress) ?? "unknown";
    if (!trustProxy || !forwardedFor) return peer;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
    if (!trusted) return normalizeAddress(hops[hops.length - 1]) ?? peer;
    if (!isTrusted(peer)) return peer;
    let client = peer;
    for (let index = hops.length - 1; index >= 0; index--) {
      const address = normalizeAddress(hops[index]);
      // An entry that is not an address: stop at the last hop we could read rather than key limits on garbage.
      if (!address) return client;
      client = address;
      if (!isTrusted(address)) return address;
    }
    return client;
  };
}

/**
 * Whether the socket peer is our proxy, so its X-Forwarded-Proto may be
 * believed: with TRUST_PROXY and no list, the nearest hop always is; with a
 * list, only a peer in it.
 */
export function createPeerTrustCheck({ trustProxy, trustedProxies }: ProxyTrust) {
  if (!trustProxy) return () => false;
  if (trustedProxies.length === 0) return () => true;
  const trusted = blockListOf(trustedProxies);
  return (socketAddress: string | undefined) => {
    const peer = normalizeAddress(socketAddress);
    return peer !== null && trusted.check(peer, isIP(peer) === 6 ? "ipv6" : "ipv4");
  };
}
