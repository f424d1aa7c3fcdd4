import { afterAll, describe, expect, it } from "vitest";
import { changePassword, requestPasswordReset, resetPassword, signIn, signUp, verifyEmail } from "~/auth/accounts.server";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";

afterAll(() => prisma.$disconnect());

const ORIGIN = "http://help.test";
const lastMailTo = async (to: string) => prisma.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
const linkIn = (text: string, path: string) => new URL(new RegExp(`${ORIGIN}${path}\\?token=[a-z2-7]+`).exec(text)![0]).searchParams.get("token")!;

describe("account flows", () => {
  it("signs up, mails a one-time confirmation link, and only then lets the user sign in", async () => {
    expect(await signUp(prisma, { name: "New Person", email: "new@example.com", password: "tidy-orchard-window-88", accountId: null }, ORIGIN)).toEqual({ ok: true });
    expect(await signIn(prisma, "new@example.com", "tidy-orchard-window-88")).toEqual({ ok: false, reason: "unverified" });
    const mail = await lastMailTo("new@example.com");
    expect(mail?.subject).toMatch(/Confirm your email/);
    const token = linkIn(mail!.text, "/verify-email");
    expect(await verifyEmail(prisma, token)).toBeTruthy();
    expect(await verifyEmail(prisma, token)).toBeNull();
    expect(await signIn(prisma, "new@example.com", "tidy-orchard-window-88")).toMatchObject({ ok: true });
    expect(await signIn(prisma, "new@example.com", "wrong-password-here")).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers a sign-up for an existing email exactly like a new one, and tells only the mailbox", async () => {
    const before = await prisma.user.count();
    const result = await signUp(prisma, { name: "Someone Else", email: "new@example.com", password: "another-fine-phrase-77", accountId: null }, ORIGIN);
    expect(result).toEqual({ ok: true });
    expect(await prisma.user.count()).toBe(before);
    expect((await lastMailTo("new@example.com"))?.subject).toMatch(/already have/);
  });

  it("joins an existing customer account by its ID and refuses an unknown one", async () => {
    await prisma.customerAccount.create({ data: { accountNumber: "TF-200001", name: "Umbrella", plan: "enterprise" } });
    await signUp(prisma, { name: "Joiner", email: "joiner@example.com", password: "violet-summit-rowboat-12", accountId: "TF-200001" }, ORIGIN);
    const joiner = await prisma.user.findUniqueOrThrow({ where: { email: "joiner@example.com" }, include: { account: true } });
    expect(joiner.account?.plan).toBe("enterprise");
    const unknown = await signUp(prisma, { name: "Lost", email: "lost@example.com", password: "violet-summit-rowboat-12", accountId: "TF-999999" }, ORIGIN);
    expect(unknown).toEqual({ ok: false, fieldErrors: { accountId: expect.stringMatching(/couldn’t find an account/) } });
  });

  it("resets a password with a one-time, expiring link and ends every session", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new@example.com" } });
    const session = await createSession(prisma, user.id, "old laptop");
    await requestPasswordReset(prisma, "nobody@example.com", ORIGIN);
    expect(await lastMailTo("nobody@example.com")).toBeNull();
    await requestPasswordReset(prisma, "new@example.com", ORIGIN);
    const token = linkIn((await lastMailTo("new@example.com"))!.text, "/reset-password");
    expect(await resetPassword(prisma, token, "short")).toEqual({ ok: false, fieldErrors: { password: expect.stringMatching(/at least 12/) } });
    expect(await resetPassword(prisma, token, "brand-new-lighthouse-41")).toMatchObject({ ok: true });
    expect(await resetPassword(prisma, token, "brand-new-lighthouse-42")).toEqual({ ok: false, fieldErrors: { form: expect.stringMatching(/expired or was already used/) } });
    expect(await validateSessionToken(prisma, session.token)).toBeNull();
    expect(await signIn(prisma, "new@example.com", "brand-new-lighthouse-41")).toMatchObject({ ok: true });
    expect(await signIn(prisma, "new@example.com", "tidy-orchard-window-88")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an expired reset link", async () => {
    await requestPasswordReset(prisma, "new@example.com", ORIGIN);
    const token = linkIn((await lastMailTo("new@example.com"))!.text, "/reset-password");
    await prisma.oneTimeToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) }, where: { purpose: "reset-password" } });
    expect(await resetPassword(prisma, token, "another-lighthouse-43")).toMatchObject({ ok: false });
  });

  it("changes a password only with the current one, ending every other session but this one", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new@example.com" } });
    const here = await createSession(prisma, user.id, "here");
    const there = await createSession(prisma, user.id, "there");
    expect(await changePassword(prisma, user.id, here.sessionId, "not-my-password-9", "fresh-pinecone-harbor-5")).toEqual({
      ok: false,
      fieldErrors: { currentPassword: expect.any(String) },
    });
    expect(await changePassword(prisma, user.id, here.sessionId, "brand-new-lighthouse-41", "fresh-pinecone-harbor-5")).toMatchObject({ ok: true });
    expect(await validateSessionToken(prisma, here.token)).not.toBeNull();
    expect(await validateSessionToken(prisma, there.token)).toBeNull();
  });
});
