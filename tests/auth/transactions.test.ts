import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { changePassword, requestPasswordReset, resetPassword, signIn, signUp } from "~/auth/accounts.server";
import { acceptInvitation, decideJoinRequest, inviteMember } from "~/auth/account-membership.server";
import { createSession, validateSessionToken, type SessionUser } from "~/auth/session.server";
import { hashToken } from "~/auth/tokens.server";
import { prisma } from "~/lib/db.server";
import { createAccountWithOwner, createUser, FACTORY_PASSWORD, uniqueEmail } from "../factories/accounts";
import { outcome } from "../refusals";

/**
 * Each multi-row operation is killed halfway: the outbox write (the last step
 * of every one of them) throws after the other rows were written inside the
 * transaction. Nothing of the operation may be left behind.
 */
const outbox = vi.hoisted(() => ({ failing: false }));
vi.mock("~/lib/mailer.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/lib/mailer.server")>();
  return {
    ...actual,
    enqueueMail: async (...args: Parameters<typeof actual.enqueueMail>) => {
      if (outbox.failing) throw new Error("simulated crash between the writes");
      return actual.enqueueMail(...args);
    },
  };
});

afterEach(() => {
  outbox.failing = false;
});
afterAll(() => prisma.$disconnect());

const address = () => `tx-${Math.random()}`;
async function crash(operation: () => Promise<unknown>) {
  outbox.failing = true;
  await expect(operation()).rejects.toThrow(/simulated crash/);
  outbox.failing = false;
}

function actorOf(
  user: { id: string; email: string; name: string },
  account: { id: string; name: string; accountNumber: string } | null,
  role: "owner" | "member" = "member",
): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: "member",
    account: account ? { ...account, plan: "professional", role } : null,
  };
}

describe("an operation that fails halfway leaves nothing behind", () => {
  it("sign-up: no user, no join request, no token", async () => {
    const { account } = await createAccountWithOwner();
    const email = uniqueEmail("crash");
    await crash(() =>
      signUp({ name: "Crash", email, password: "tidy-orchard-window-88", accountId: account.accountNumber }, address()),
    );
    expect(await prisma.user.findUnique({ where: { email } })).toBeNull();
    expect(await prisma.accountJoinRequest.count({ where: { accountId: account.id } })).toBe(0);
    // Once the outbox works again, the same sign-up goes through: nothing half-made blocks it.
    expect(
      await outcome(signUp({ name: "Crash", email, password: "tidy-orchard-window-88", accountId: null }, address())),
    ).toBe("done");
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("password reset request: no token is issued", async () => {
    const user = await createUser();
    await crash(() => requestPasswordReset(user.email, address()));
    expect(await prisma.oneTimeToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("password reset: the link stays unused, the old password and sessions stay", async () => {
    const user = await createUser();
    const session = await createSession(prisma, user.id, "laptop");
    await requestPasswordReset(user.email, address());
    const token = /token=([a-z2-7]+)/.exec(
      (await prisma.outboxEmail.findFirstOrThrow({ where: { to: user.email } })).text,
    )![1];
    await crash(() => resetPassword(token, "brand-new-lighthouse-41"));
    expect((await prisma.oneTimeToken.findUniqueOrThrow({ where: { id: hashToken(token) } })).usedAt).toBeNull();
    expect(await validateSessionToken(prisma, session.token)).not.toBeNull();
    expect(await signIn(user.email, FACTORY_PASSWORD, address())).toBe(user.id);
  });

  it("change password: the old password, the other sessions and the reset link all stay", async () => {
    const user = await createUser();
    const here = await createSession(prisma, user.id, "here");
    const there = await createSession(prisma, user.id, "there");
    await crash(() =>
      changePassword({ userId: user.id, sessionId: here.sessionId }, FACTORY_PASSWORD, "fresh-pinecone-harbor-5"),
    );
    expect(await validateSessionToken(prisma, there.token)).not.toBeNull();
    expect(await signIn(user.email, FACTORY_PASSWORD, address())).toBe(user.id);
  });

  it("invitation: no invitation row without its mail", async () => {
    const { account, owner } = await createAccountWithOwner();
    await crash(() => inviteMember(actorOf(owner, account, "owner"), account.id, uniqueEmail("colleague")));
    expect(await prisma.accountInvitation.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("approving a join request: the request stays pending and the user outside the account", async () => {
    const { account, owner } = await createAccountWithOwner();
    const joiner = await createUser();
    const request = await prisma.accountJoinRequest.create({ data: { accountId: account.id, userId: joiner.id } });
    await crash(() => decideJoinRequest(actorOf(owner, account, "owner"), request.id, "approve"));
    expect((await prisma.accountJoinRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: joiner.id } })).accountId).toBeNull();
  });

  it("accepting an invitation is one transaction too (no mail: it fails on a taken invitation instead)", async () => {
    const { account, owner } = await createAccountWithOwner();
    const colleague = await createUser();
    await inviteMember(actorOf(owner, account, "owner"), account.id, colleague.email);
    const token = /token=([a-z2-7]+)/.exec(
      (await prisma.outboxEmail.findFirstOrThrow({ where: { to: colleague.email } })).text,
    )![1];
    const results = await Promise.all([
      outcome(acceptInvitation(actorOf(colleague, null), token)),
      outcome(acceptInvitation(actorOf(colleague, null), token)),
    ]);
    expect(results.filter((result) => result === "done")).toHaveLength(1);
    expect(results.filter((result) => result !== "done")).toEqual([expect.objectContaining({ status: 400 })]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: colleague.id } })).accountId).toBe(account.id);
  });
});
