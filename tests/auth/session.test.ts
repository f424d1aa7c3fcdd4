import { afterAll, describe, expect, it } from "vitest";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_ABSOLUTE_LIFETIME_MS,
  SESSION_CACHE_TTL_MS,
  SESSION_LIFETIME_MS,
  validateSessionToken,
  validateSessionTokenCached,
} from "~/auth/session.server";
import { hashSecret, hashToken, randomToken, secretMatches } from "~/auth/tokens.server";
import { listSessions, revokeSession } from "~/auth/users.server";
import { createPrismaClient, prisma } from "~/lib/db.server";
import { createAccount, createUser } from "../factories/accounts";

const DAY = 24 * 60 * 60 * 1000;
afterAll(() => prisma.$disconnect());

describe("tokens", () => {
  it("are random, at least 20 bytes, and only their SHA-256 is stored", async () => {
    const user = await createUser();
    const token = randomToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 20 bytes in base32
    expect(randomToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    const { token: sessionToken, sessionId } = await createSession(prisma, user.id, "test-agent");
    const [, secret] = sessionToken.split(".");
    const row = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(Buffer.from(row.secretHash).toString("hex")).toBe(Buffer.from(hashSecret(secret)).toString("hex"));
    expect(Buffer.from(row.secretHash).toString("utf8")).not.toContain(secret);
    expect(secretMatches(secret, row.secretHash)).toBe(true);
    expect(secretMatches(`${secret}x`, row.secretHash)).toBe(false);
  });
});

describe("session validation", () => {
  it("accepts the token it issued, with role and plan parsed, and refuses a tampered, malformed or unknown one", async () => {
    const account = await createAccount({ plan: "enterprise" });
    const user = await createUser({ role: "agent", accountId: account.id, accountRole: "owner" });
    const { token } = await createSession(prisma, user.id, "test-agent");
    expect((await validateSessionToken(prisma, token))?.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      role: "agent",
      account: {
        id: account.id,
        name: account.name,
        accountNumber: account.accountNumber,
        plan: "enterprise",
        role: "owner",
      },
      theme: null,
    });
    const [id, secret] = token.split(".");
    const tampered = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    expect(await validateSessionToken(prisma, `${id}.${tampered}`)).toBeNull();
    expect(await validateSessionToken(prisma, `${id}`)).toBeNull();
    expect(await validateSessionToken(prisma, `${id}.${secret}.extra`)).toBeNull();
    expect(await validateSessionToken(prisma, `unknown.${secret}`)).toBeNull();
  });

  it("treats an account with a plan the code does not know as no account (least privilege)", async () => {
    const account = await createAccount();
    await prisma.customerAccount.update({ where: { id: account.id }, data: { plan: "platinum" } });
    const user = await createUser({ accountId: account.id });
    const { token } = await createSession(prisma, user.id, "test-agent");
    expect((await validateSessionToken(prisma, token))?.user.account).toBeNull();
  });

  it("slides the 30-day expiry forward when used in its second half", async () => {
    const user = await createUser();
    const start = new Date("2026-01-01T00:00:00Z");
    const { token, sessionId } = await createSession(prisma, user.id, "test-agent", start);
    const day20 = new Date(start.getTime() + 20 * DAY);
    const renewed = await validateSessionToken(prisma, token, day20);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBe(day20.getTime() + SESSION_LIFETIME_MS);
    const day40 = new Date(start.getTime() + 40 * DAY);
    expect(await validateSessionToken(prisma, token, day40)).not.toBeNull();
    const row = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.lastSeenAt.getTime()).toBe(day40.getTime());
  });

  it("expires after 30 idle days and is deleted", async () => {
    const user = await createUser();
    const start = new Date("2026-02-01T00:00:00Z");
    const { token, sessionId } = await createSession(prisma, user.id, "test-agent", start);
    expect(
      await validateSessionToken(prisma, token, new Date(start.getTime() + SESSION_LIFETIME_MS + 1000)),
    ).toBeNull();
    expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull();
  });

  it("never outlives its absolute cap, however often it is used", async () => {
    const user = await createUser();
    const start = new Date("2026-03-01T00:00:00Z");
    const { token } = await createSession(prisma, user.id, "test-agent", start);
    let now = start.getTime();
    while (now < start.getTime() + SESSION_ABSOLUTE_LIFETIME_MS - 10 * DAY) {
      now += 10 * DAY;
      expect(await validateSessionToken(prisma, token, new Date(now))).not.toBeNull();
    }
    expect(
      await validateSessionToken(prisma, token, new Date(start.getTime() + SESSION_ABSOLUTE_LIFETIME_MS)),
    ).toBeNull();
  });

  it("ends one session, or all of a user's sessions but the current one", async () => {
    const user = await createUser();
    const a = await createSession(prisma, user.id, "a");
    const b = await createSession(prisma, user.id, "b");
    const c = await createSession(prisma, user.id, "c");
    await invalidateSession(prisma, a.sessionId);
    expect(await validateSessionToken(prisma, a.token)).toBeNull();
    await invalidateUserSessions(prisma, user.id, b.sessionId);
    expect(await validateSessionToken(prisma, b.token)).not.toBeNull();
    expect(await validateSessionToken(prisma, c.token)).toBeNull();
  });
});

describe("the per-process session cache", () => {
  it("forgets a session at once when it is revoked in this process", async () => {
    const user = await createUser();
    const session = await createSession(prisma, user.id, "laptop");
    expect(await validateSessionTokenCached(prisma, session.token)).not.toBeNull();
    await invalidateSession(prisma, session.sessionId);
    expect(await validateSessionTokenCached(prisma, session.token)).toBeNull();
  });

  it("forgets every session of a user signed out everywhere (a password change), except the one kept", async () => {
    const user = await createUser();
    const kept = await createSession(prisma, user.id, "here");
    const other = await createSession(prisma, user.id, "there");
    await validateSessionTokenCached(prisma, kept.token);
    await validateSessionTokenCached(prisma, other.token);
    await invalidateUserSessions(prisma, user.id, kept.sessionId);
    expect(await validateSessionTokenCached(prisma, kept.token)).not.toBeNull();
    expect(await validateSessionTokenCached(prisma, other.token)).toBeNull();
  });

  it("sees another instance's revocation within its TTL, never later", async () => {
    const user = await createUser();
    const session = await createSession(prisma, user.id, "laptop");
    const now = new Date();
    expect(await validateSessionTokenCached(prisma, session.token, now)).not.toBeNull();
    // Another app instance (its own client) signs the device out.
    const otherInstance = createPrismaClient();
    await otherInstance.session.deleteMany({ where: { id: session.sessionId } });
    await otherInstance.$disconnect();
    expect(
      await validateSessionTokenCached(prisma, session.token, new Date(now.getTime() + SESSION_CACHE_TTL_MS + 1)),
    ).toBeNull();
  });

  it("never answers for a wrong secret from the cache", async () => {
    const user = await createUser();
    const session = await createSession(prisma, user.id, "laptop");
    await validateSessionTokenCached(prisma, session.token);
    const [id] = session.token.split(".");
    expect(await validateSessionTokenCached(prisma, `${id}.${randomToken()}`)).toBeNull();
  });
});

describe("a user's own sessions", () => {
  it("revokes only the actor's own sessions and says so when the id is someone else's", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const mine = await createSession(prisma, owner.id, "phone");
    const here = await createSession(prisma, owner.id, "laptop");
    const theirs = await createSession(prisma, stranger.id, "theirs");
    const actor = { sessionId: here.sessionId, user: (await validateSessionToken(prisma, here.token))!.user };
    expect(await revokeSession(actor, theirs.sessionId)).toBe("not-found");
    expect(await validateSessionToken(prisma, theirs.token)).not.toBeNull();
    expect(await revokeSession(actor, "no-such-session")).toBe("not-found");
    expect(await revokeSession(actor, mine.sessionId)).toBe("revoked");
    expect((await listSessions(actor)).map((entry) => [entry.id, entry.current])).toEqual([[here.sessionId, true]]);
    expect(await revokeSession(actor, here.sessionId)).toBe("current");
    expect(await validateSessionToken(prisma, here.token)).toBeNull();
  });
});
