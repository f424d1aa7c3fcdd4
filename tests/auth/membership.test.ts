import { afterAll, describe, expect, it } from "vitest";
import { signUp, verifyEmail } from "~/auth/accounts.server";
import {
  acceptInvitation,
  attachUserToAccount,
  decideJoinRequest,
  findInvitation,
  inviteMember,
  teamOverview,
} from "~/auth/account-membership.server";
import { createSession, validateSessionToken, type SessionUser } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";
import { publicOrigin } from "~/lib/env.server";
import { createAccountWithOwner, createUser, uniqueEmail } from "../factories/accounts";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());

/** The user as a signed-in request would see them (role and account parsed at the session). */
async function actor(userId: string): Promise<SessionUser> {
  const { token } = await createSession(prisma, userId, "test");
  return (await validateSessionToken(prisma, token))!.user;
}
const lastMailTo = (to: string) =>
  prisma.outboxEmail.findFirst({ where: { to }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
const tokenIn = (text: string, path: string) =>
  new RegExp(`${publicOrigin.replace(/[.]/g, "\\.")}${path}\\?token=([a-z2-7]+)`).exec(text)?.[1] ?? null;

describe("asking to join a customer account", () => {
  it("signing up with an account ID gives nothing until the owner approves; the owner hears once the address is confirmed", async () => {
    const { account, owner } = await createAccountWithOwner("enterprise");
    const email = uniqueEmail("joiner");
    await signUp(
      { name: "Joiner", email, password: "violet-summit-rowboat-12", accountId: account.accountNumber },
      `join-${Math.random()}`,
    );
    const ownerView = await teamOverview(await actor(owner.id));
    expect(ownerView?.requests).toEqual([]); // unconfirmed addresses are not shown
    expect(await prisma.outboxEmail.count({ where: { to: owner.email } })).toBe(0);

    await verifyEmail(tokenIn((await lastMailTo(email))!.text, "/verify-email")!);
    expect((await lastMailTo(owner.email))?.text).toContain(`${publicOrigin}/settings/team`);
    const joiner = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect((await actor(joiner.id)).account).toBeNull();

    const [request] = (await teamOverview(await actor(owner.id)))!.requests;
    expect(request.user.email).toBe(email);
    expect(await outcome(decideJoinRequest(await actor(owner.id), request.id, "approve"))).toBe("done");
    expect((await actor(joiner.id)).account).toMatchObject({ id: account.id, plan: "enterprise", role: "member" });
    expect(await outcome(decideJoinRequest(await actor(owner.id), request.id, "approve"))).toMatchObject({
      status: 400,
    });
  });

  it("only that account's owner or staff decide; anyone else is told there is no such request", async () => {
    const { account } = await createAccountWithOwner();
    const other = await createAccountWithOwner();
    const colleague = await createUser({ accountId: account.id, accountRole: "member" });
    const agent = await createUser({ role: "agent" });
    const joiner = await createUser();
    const request = await prisma.accountJoinRequest.create({ data: { accountId: account.id, userId: joiner.id } });
    for (const outsider of [other.owner, colleague, joiner]) {
      expect(await outcome(decideJoinRequest(await actor(outsider.id), request.id, "approve"))).toMatchObject({
        status: 404,
        message: "No such request for your account.",
      });
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: joiner.id } })).accountId).toBeNull();
    expect(await outcome(decideJoinRequest(await actor(agent.id), request.id, "decline"))).toBe("done");
    expect((await prisma.accountJoinRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("declined");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: joiner.id } })).accountId).toBeNull();
  });
});

describe("invitations", () => {
  it("an owner invites by email; only that address can accept, once", async () => {
    const { account, owner } = await createAccountWithOwner("professional");
    const invited = await createUser();
    const stranger = await createUser();
    expect(await outcome(inviteMember(await actor(owner.id), account.id, invited.email.toUpperCase()))).toBe("done");
    const token = tokenIn((await lastMailTo(invited.email))!.text, "/join")!;
    expect(await findInvitation(token)).toEqual({ email: invited.email, accountName: account.name });
    expect(await outcome(acceptInvitation(await actor(stranger.id), token))).toMatchObject({ status: 403 });
    expect((await actor(stranger.id)).account).toBeNull();
    expect(await outcome(acceptInvitation(await actor(invited.id), token))).toBe("done");
    expect((await actor(invited.id)).account).toMatchObject({ id: account.id, role: "member", plan: "professional" });
    expect(await outcome(acceptInvitation(await actor(invited.id), token))).toMatchObject({ status: 400 });
    expect(await findInvitation(token)).toBeNull();
  });

  it("an expired invitation does nothing", async () => {
    const { account, owner } = await createAccountWithOwner();
    const invited = await createUser();
    await inviteMember(await actor(owner.id), account.id, invited.email);
    const token = tokenIn((await lastMailTo(invited.email))!.text, "/join")!;
    await prisma.accountInvitation.updateMany({
      where: { accountId: account.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await outcome(acceptInvitation(await actor(invited.id), token))).toMatchObject({ status: 400 });
    expect((await actor(invited.id)).account).toBeNull();
  });

  it("members who are not owners cannot invite, nor can owners of another account", async () => {
    const { account } = await createAccountWithOwner();
    const other = await createAccountWithOwner();
    const colleague = await createUser({ accountId: account.id, accountRole: "member" });
    expect(await outcome(inviteMember(await actor(colleague.id), account.id, uniqueEmail()))).toMatchObject({
      status: 403,
    });
    expect(await outcome(inviteMember(await actor(other.owner.id), account.id, uniqueEmail()))).toMatchObject({
      status: 403,
    });
    expect(await prisma.accountInvitation.count({ where: { accountId: account.id } })).toBe(0);
  });
});

describe("staff attach users to accounts", () => {
  it("staff may; members may not", async () => {
    const { account } = await createAccountWithOwner();
    const user = await createUser();
    const agent = await createUser({ role: "agent" });
    expect(
      await outcome(attachUserToAccount(await actor(user.id), user.id, account.accountNumber, "owner")),
    ).toMatchObject({ status: 403 });
    expect(await outcome(attachUserToAccount(await actor(agent.id), user.id, "TF-000000", "member"))).toMatchObject({
      status: 400,
    });
    expect(await outcome(attachUserToAccount(await actor(agent.id), user.id, account.accountNumber, "owner"))).toBe(
      "done",
    );
    expect((await actor(user.id)).account).toMatchObject({ id: account.id, role: "owner" });
  });
});
