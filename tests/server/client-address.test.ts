import { describe, expect, it } from "vitest";
import { createClientAddressResolver, createPeerTrustCheck, normalizeAddress } from "../../server/client-address";

describe("client address without TRUST_PROXY", () => {
  const resolve = createClientAddressResolver({ trustProxy: false, trustedProxies: [] });

  it("is the socket peer, and a spoofed X-Forwarded-For is ignored", () => {
    expect(resolve("203.0.113.9", undefined)).toBe("203.0.113.9");
    expect(resolve("203.0.113.9", "1.2.3.4")).toBe("203.0.113.9");
    expect(resolve("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8")).toBe("203.0.113.9");
  });
});

describe("client address with TRUST_PROXY and no list (the nearest hop is our proxy)", () => {
  const resolve = createClientAddressResolver({ trustProxy: true, trustedProxies: [] });

  it("is the address the proxy appended: the right-most X-Forwarded-For entry", () => {
    expect(resolve("10.0.0.2", "198.51.100.7")).toBe("198.51.100.7");
    // The client's own (spoofed) entries come first; our proxy appended the real one last.
    expect(resolve("10.0.0.2", "1.2.3.4, 198.51.100.7")).toBe("198.51.100.7");
    expect(resolve("10.0.0.2", ["1.2.3.4", "198.51.100.8"])).toBe("198.51.100.8");
  });

  it("falls back to the peer without a header or with garbage", () => {
    expect(resolve("10.0.0.2", undefined)).toBe("10.0.0.2");
    expect(resolve("10.0.0.2", "not-an-address")).toBe("10.0.0.2");
  });

  it("gives visitors behind one proxy different addresses (one abuser no longer locks out everyone)", () => {
    expect(resolve("10.0.0.2", "198.51.100.7")).not.toBe(resolve("10.0.0.2", "198.51.100.8"));
  });
});

describe("client address with TRUSTED_PROXIES", () => {
  const resolve = createClientAddressResolver({ trustProxy: true, trustedProxies: ["10.0.0.0/8", "2001:db8::1"] });

  it("is the right-most entry that is not one of our proxies", () => {
    expect(resolve("10.0.0.2", "198.51.100.7, 10.1.1.1")).toBe("198.51.100.7");
    expect(resolve("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.1.1.1, 10.2.2.2")).toBe("198.51.100.7");
    expect(resolve("2001:db8::1", "198.51.100.7")).toBe("198.51.100.7");
  });

  it("ignores the header when the peer is not one of our proxies (a client connecting directly)", () => {
    expect(resolve("203.0.113.9", "1.2.3.4")).toBe("203.0.113.9");
  });

  it("stops at an entry that is not an address", () => {
    expect(resolve("10.0.0.2", "198.51.100.7, bogus, 10.1.1.1")).toBe("10.1.1.1");
  });
});

describe("normalizeAddress", () => {
  it("strips IPv4-mapped prefixes and ports, refuses non-addresses", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:db8::5]:443")).toBe("2001:db8::5");
    expect(normalizeAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normalizeAddress("evil.example")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });
});

describe("which peer may say the request came over HTTPS", () => {
  it("none without TRUST_PROXY, the nearest hop with it, only listed proxies with TRUSTED_PROXIES", () => {
    expect(createPeerTrustCheck({ trustProxy: false, trustedProxies: [] })("10.0.0.2")).toBe(false);
    expect(createPeerTrustCheck({ trustProxy: true, trustedProxies: [] })("203.0.113.9")).toBe(true);
    const listed = createPeerTrustCheck({ trustProxy: true, trustedProxies: ["10.0.0.0/8"] });
    expect(listed("::ffff:10.1.2.3")).toBe(true);
    expect(listed("203.0.113.9")).toBe(false);
  });
});
