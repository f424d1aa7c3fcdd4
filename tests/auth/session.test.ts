import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, invalidateSession, invalidateUserSessions, SESSION_ABSOLUTE_LIFETIME_MS, SESSION_LIFETIME_MS, validateSessionToken } from "~/auth/session.server";
import { hashSecret, hashToken, randomToken, secretMatches } from "~/auth/tokens.server";
import { createPrismaClient } from "~/lib/db.server";

const db = createPrismaClient();
let userId = "";
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  const user = await db.user.create({ data: { email: "session-test@example.com", name: "Session Test", passwordHash: "x", emailVerifiedAt: new Date() } });
  userId = user.id;
});
afterAll(() => db.$disconnect());

describe("tokens", () => {
  it("are random, at least 20 bytes, and only their SHA-256 is stored", async () => {
    const token = randomToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 20 bytes in base32
    expect(randomToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    const { token: sessionToken, sessionId } = await createSession(db, userId, "test-agent");
    const [, secret] = sessionToken.split(".");
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(Buffer.from(row.secretHash).toString("hex")).toBe(Buffer.from(hashSecret(secret)).toString("hex"));
    expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(secret);
    expect(secretMatches(secret, row.secretHash)).toBe(true);
    expect(secretMatches(`${secret}x`, row.secretHash)).toBe(false);
  });
});

describe("session validation", () => {
  it("accepts the token it issued and refuses a tampered, malformed or unknown one", async () => {
    const { token } = await createSession(db, userId, "test-agent");
    expect((await validateSessionToken(db, token))?.user.email).toBe("session-test@example.com");
    const [id, secret] = token.split(".");
    const tampered = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    expect(await validateSessionToken(db, `${id}.${tampered}`)).toBeNull();
    expect(await validateSessionToken(db, `${id}`)).toBeNull();
    expect(await validateSessionToken(db, `${id}.${secret}.extra`)).toBeNull();
    expect(await validateSessionToken(db, `unknown.${secret}`)).toBeNull();
  });

  it("slides the 30-day expiry forward when used in its second half", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const { token, sessionId } = await createSession(db, userId, "test-agent", start);
    const day20 = new Date(start.getTime() + 20 * DAY);
    const renewed = await validateSessionToken(db, token, day20);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBe(day20.getTime() + SESSION_LIFETIME_MS);
    const day40 = new Date(start.getTime() + 40 * DAY);
    expect(await validateSessionToken(db, token, day40)).not.toBeNull();
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.lastSeenAt.getTime()).toBe(day40.getTime());
  });

  it("expires after 30 idle days and is deleted", async () => {
    const start = new Date("2026-02-01T00:00:00Z");
    const { token, sessionId } = await createSession(db, userId, "test-agent", start);
    expect(await validateSessionToken(db, token, new Date(start.getTime() + SESSION_LIFETIME_MS + 1000))).toBeNull();
    expect(await db.session.findUnique({ where: { id: sessionId } })).toBeNull();
  });

  it("never outlives its absolute cap, however often it is used", async () => {
    const start = new Date("2026-03-01T00:00:00Z");
    const { token } = await createSession(db, userId, "test-agent", start);
    let now = start.getTime();
    while (now < start.getTime() + SESSION_ABSOLUTE_LIFETIME_MS - 10 * DAY) {
      now += 10 * DAY;
      expect(await validateSessionToken(db, token, new Date(now))).not.toBeNull();
    }
    expect(await validateSessionToken(db, token, new Date(start.getTime() + SESSION_ABSOLUTE_LIFETIME_MS))).toBeNull();
  });

  it("ends one session, or all of a user's sessions but the current one", async () => {
    const a = await createSession(db, userId, "a");
    const b = await createSession(db, userId, "b");
    const c = await createSession(db, userId, "c");
    await invalidateSession(db, a.sessionId);
    expect(await validateSessionToken(db, a.token)).toBeNull();
    await invalidateUserSessions(db, userId, b.sessionId);
    expect(await validateSessionToken(db, b.token)).not.toBeNull();
    expect(await validateSessionToken(db, c.token)).toBeNull();
  });
});
