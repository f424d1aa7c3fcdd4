import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it, vi } from "vitest";

/** Loads app/lib/env.server.ts afresh with these variables (a bad setting throws at import, so the server never starts). */
async function loadEnv(variables: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
  return import("~/lib/env.server");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("server settings are validated in env.server", () => {
  it("require PUBLIC_URL in production", async () => {
    await expect(loadEnv({ NODE_ENV: "production", PUBLIC_URL: undefined })).rejects.toThrow(
      /PUBLIC_URL is required when NODE_ENV=production/,
    );
    const { publicOrigin, serverSettings } = await loadEnv({
      NODE_ENV: "production",
      PUBLIC_URL: "https://help.techflow.example/",
      APP_SECRET: "env-test-secret-0123456789abcdef0123456789",
    });
    expect(publicOrigin).toBe("https://help.techflow.example");
    expect(serverSettings.allowLocalHosts).toBe(false);
  });

  it("read chat's STUN/TURN servers from CHAT_ICE_SERVERS (none by default) and refuse a malformed list", async () => {
    expect((await loadEnv({ CHAT_ICE_SERVERS: undefined })).chatSettings.iceServers).toEqual([]);
    const servers = [
      { urls: "stun:stun.example.com:3478" },
      { urls: ["turn:turn.example.com:3478", "turns:turn.example.com:5349"], username: "u", credential: "p" },
    ];
    const { chatSettings } = await loadEnv({ CHAT_ICE_SERVERS: JSON.stringify(servers) });
    expect(chatSettings.iceServers).toEqual(servers);
    await expect(loadEnv({ CHAT_ICE_SERVERS: "stun:stun.example.com" })).rejects.toThrow(
      /CHAT_ICE_SERVERS must be a JSON list of ICE servers/,
    );
    await expect(loadEnv({ CHAT_ICE_SERVERS: '[{"urls":"https://example.com"}]' })).rejects.toThrow(
      /CHAT_ICE_SERVERS must be a JSON list/,
    );
  });

  it("require an APP_SECRET of at least 32 characters in production (it signs unsubscribe links)", async () => {
    await expect(
      loadEnv({ NODE_ENV: "production", PUBLIC_URL: "https://help.techflow.example/", APP_SECRET: undefined }),
    ).rejects.toThrow(/APP_SECRET is required when NODE_ENV=production/);
    await expect(
      loadEnv({ NODE_ENV: "production", PUBLIC_URL: "https://help.techflow.example/", APP_SECRET: "short" }),
    ).rejects.toThrow(/APP_SECRET must be at least 32 characters/);
    const { appSecret } = await loadEnv({ NODE_ENV: "development", APP_SECRET: undefined });
    expect(appSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("refuse a malformed PORT, TRUST_PROXY, TRUSTED_PROXIES or PAGE_CACHE", async () => {
    await expect(loadEnv({ PORT: "eighty" })).rejects.toThrow(/PORT/);
    await expect(loadEnv({ TRUST_PROXY: "yes" })).rejects.toThrow(/TRUST_PROXY must be true or false/);
    await expect(loadEnv({ TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" })).rejects.toThrow(/TRUSTED_PROXIES/);
    await expect(loadEnv({ TRUSTED_PROXIES: "10.0.0.0/33" })).rejects.toThrow(/TRUSTED_PROXIES/);
    await expect(loadEnv({ PAGE_CACHE: "disabled" })).rejects.toThrow(/PAGE_CACHE must be on or off/);
  });

  it("parse what server/index.ts runs with", async () => {
    const { serverSettings } = await loadEnv({
      NODE_ENV: "test",
      PORT: "4100",
      HOST: "127.0.0.1",
      TRUST_PROXY: "true",
      TRUSTED_PROXIES: "10.0.0.0/8, 2001:db8::1",
      PAGE_CACHE: "off",
    });
    expect(serverSettings).toMatchObject({
      port: 4100,
      host: "127.0.0.1",
      trustProxy: true,
      trustedProxies: ["10.0.0.0/8", "2001:db8::1"],
      pageCache: false,
      allowLocalHosts: true,
    });
  });
});

describe("server/index.ts", () => {
  it("refuses to start without NODE_ENV instead of silently running in development mode", () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== "NODE_ENV"),
    ) as NodeJS.ProcessEnv;
    const result = spawnSync("npx", ["tsx", "server/index.ts"], { env, encoding: "utf8", timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("NODE_ENV is not set");
  });
});
