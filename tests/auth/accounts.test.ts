import { afterAll, describe, expect, it } from "vitest";
import { outcome } from "../refusals";
import {
  changePassword,
  requestPasswordReset,
  resetPassword,
  signIn,
  signUp,
  tokenIsUsable,
  verifyEmail,
} from "~/auth/accounts.server";
import { AUTH_LIMITS } from "~/auth/limits.server";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";
import { publicOrigin } from "~/lib/env.server";
import { createAccount, createUser, FACTORY_PASSWORD, uniqueEmail } from "../factories/accounts";

afterAll(() => prisma.$disconnect());

const lastMailTo = async (to: string) =>
  prisma.outboxEmail.findFirst({ where: { to }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
const escaped = publicOrigin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The token of the link to `path` in a mail; the link must start with the configured public origin. */
function linkIn(text: string, path: string) {
  const match = new RegExp(`${escaped}${path}\\?token=[a-z2-7]+`).exec(text);
  if (!match) throw new Error(`no ${publicOrigin}${path} link in:\n${text}`);
  return new URL(match[0]).searchParams.get("token")!;
}
/** Each test signs up from its own address, so the per-address limits of one test never reach another. */
const address = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${Math.random()}`;

describe("sign-up", () => {
  it("mails a one-time confirmation link from the public origin, and only then lets the user sign in", async () => {
    const email = uniqueEmail("new");
    expect(
      await outcome(
        signUp({ name: "New Person", email, password: "tidy-orchard-window-88", accountId: null }, address()),
      ),
    ).toBe("done");
    expect(await outcome(signIn(email, "tidy-orchard-window-88", address()))).toMatchObject({
      status: 403,
      message: expect.stringMatching(/confirm your email/),
    });
    const mail = await lastMailTo(email);
    expect(mail?.subject).toMatch(/Confirm your email/);
    const token = linkIn(mail!.text, "/verify-email");
    expect(await verifyEmail(token)).toBeTruthy();
    expect(await verifyEmail(token)).toBeNull();
    expect(await signIn(email, "tidy-orchard-window-88", address())).toEqual(expect.any(String));
    expect(await outcome(signIn(email, "wrong-password-here", address()))).toMatchObject({
      status: 401,
      field: "form",
    });
  });

  it("answers a sign-up for an existing email exactly like a new one, and tells only the mailbox", async () => {
    const existing = await createUser();
    const before = await prisma.user.count();
    const result = await outcome(
      signUp(
        { name: "Someone Else", email: existing.email, password: "another-fine-phrase-77", accountId: null },
        address(),
      ),
    );
    expect(result).toBe("done");
    expect(await prisma.user.count()).toBe(before);
    const mail = await lastMailTo(existing.email);
    expect(mail?.subject).toMatch(/already have/);
    expect(mail?.text).toContain(`${publicOrigin}/login`);
  });

  it("with an account ID, files a request to join instead of attaching the user to the account", async () => {
    const account = await createAccount({ plan: "enterprise" });
    const email = uniqueEmail("joiner");
    expect(
      await outcome(
        signUp(
          { name: "Joiner", email, password: "violet-summit-rowboat-12", accountId: account.accountNumber },
          address(),
        ),
      ),
    ).toBe("done");
    const joiner = await prisma.user.findUniqueOrThrow({ where: { email }, include: { joinRequests: true } });
    expect(joiner.accountId).toBeNull();
    expect(joiner.joinRequests).toMatchObject([{ accountId: account.id, status: "pending" }]);
  });

  it("refuses an unknown account ID, and counts account-ID lookups against their own limit", async () => {
    const from = address();
    const unknown = await outcome(
      signUp(
        { name: "Lost", email: uniqueEmail("lost"), password: "violet-summit-rowboat-12", accountId: "TF-999999" },
        from,
      ),
    );
    expect(unknown).toEqual({
      status: 400,
      field: "accountId",
      message: expect.stringMatching(/couldn’t find an account/),
    });
    for (let probe = 1; probe < AUTH_LIMITS.accountLookupPerAddress.limit; probe++) {
      await outcome(
        signUp(
          {
            name: "Prober",
            email: uniqueEmail("probe"),
            password: "violet-summit-rowboat-12",
            accountId: `TF-9${String(probe).padStart(5, "0")}`,
          },
          from,
        ),
      );
    }
    const limited = await outcome(
      signUp(
        { name: "Prober", email: uniqueEmail("probe"), password: "violet-summit-rowboat-12", accountId: "TF-100001" },
        from,
      ),
    );
    expect(limited).toMatchObject({ status: 429, message: expect.stringMatching(/Too many attempts/) });
  });

  it("refuses a weak password without counting the attempt", async () => {
    const from = address();
    for (let attempt = 0; attempt < AUTH_LIMITS.signUpPerAddress.limit + 2; attempt++) {
      expect(
        await outcome(
          signUp({ name: "Weak", email: uniqueEmail("weak"), password: "password1234", accountId: null }, from),
        ),
      ).toMatchObject({ status: 400, field: "password" });
    }
    expect(
      await outcome(
        signUp(
          { name: "Strong", email: uniqueEmail("strong"), password: "tidy-orchard-window-88", accountId: null },
          from,
        ),
      ),
    ).toBe("done");
  });
});

describe("password reset", () => {
  it("resets with a one-time, expiring link from the public origin, ends every session and tells the owner", async () => {
    const user = await createUser();
    const session = await createSession(prisma, user.id, "old laptop");
    const nobody = uniqueEmail("nobody");
    expect(await outcome(requestPasswordReset(nobody, address()))).toBe("done");
    expect(await lastMailTo(nobody)).toBeNull();
    await requestPasswordReset(user.email, address());
    const token = linkIn((await lastMailTo(user.email))!.text, "/reset-password");
    expect(await outcome(resetPassword(token, "short"))).toEqual({
      status: 400,
      field: "password",
      message: expect.stringMatching(/at least 12/),
    });
    expect(await resetPassword(token, "brand-new-lighthouse-41")).toBe(user.id);
    expect(await outcome(resetPassword(token, "brand-new-lighthouse-42"))).toEqual({
      status: 400,
      field: "form",
      message: expect.stringMatching(/expired or was already used/),
    });
    expect(await validateSessionToken(prisma, session.token)).toBeNull();
    expect((await lastMailTo(user.email))?.subject).toMatch(/password was changed/);
    expect(await signIn(user.email, "brand-new-lighthouse-41", address())).toBe(user.id);
    expect(await outcome(signIn(user.email, FACTORY_PASSWORD, address()))).toMatchObject({ status: 401 });
  });

  it("refuses an expired reset link", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email, address());
    const token = linkIn((await lastMailTo(user.email))!.text, "/reset-password");
    await prisma.oneTimeToken.updateMany({
      data: { expiresAt: new Date(Date.now() - 1000) },
      where: { userId: user.id, purpose: "reset-password" },
    });
    expect(await outcome(resetPassword(token, "another-lighthouse-43"))).toMatchObject({ status: 400, field: "form" });
  });

  it("limits reset mails per account, counting each request before it is handled", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => outcome(requestPasswordReset(user.email, address()))),
    );
    expect(results.filter((result) => result === "done")).toHaveLength(AUTH_LIMITS.resetPerAccount.limit);
    expect(results.filter((result) => result !== "done")).toEqual(
      Array(10 - AUTH_LIMITS.resetPerAccount.limit).fill(expect.objectContaining({ status: 429 })),
    );
    expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(AUTH_LIMITS.resetPerAccount.limit);
  });
});

describe("changing the password in settings", () => {
  it("needs the current password, ends every other session but this one", async () => {
    const user = await createUser();
    const here = await createSession(prisma, user.id, "here");
    const there = await createSession(prisma, user.id, "there");
    expect(
      await outcome(
        changePassword({ userId: user.id, sessionId: here.sessionId }, "not-my-password-9", "fresh-pinecone-harbor-5"),
      ),
    ).toMatchObject({ status: 400, field: "currentPassword" });
    expect(
      await outcome(
        changePassword({ userId: user.id, sessionId: here.sessionId }, FACTORY_PASSWORD, "fresh-pinecone-harbor-5"),
      ),
    ).toBe("done");
    expect(await validateSessionToken(prisma, here.token)).not.toBeNull();
    expect(await validateSessionToken(prisma, there.token)).toBeNull();
  });

  it("makes a reset link sent before the change useless", async () => {
    const user = await createUser();
    const here = await createSession(prisma, user.id, "here");
    await requestPasswordReset(user.email, address());
    const token = linkIn((await lastMailTo(user.email))!.text, "/reset-password");
    expect(await tokenIsUsable(token, "reset-password")).toBe(true);
    expect(
      await outcome(
        changePassword({ userId: user.id, sessionId: here.sessionId }, FACTORY_PASSWORD, "fresh-pinecone-harbor-6"),
      ),
    ).toBe("done");
    expect(await tokenIsUsable(token, "reset-password")).toBe(false);
    expect(await outcome(resetPassword(token, "attacker-chosen-phrase-7"))).toMatchObject({ status: 400 });
    expect(await signIn(user.email, "fresh-pinecone-harbor-6", address())).toBe(user.id);
  });
});
