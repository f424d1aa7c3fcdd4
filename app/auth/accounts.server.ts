import type { PrismaClient } from "../generated/prisma/client";
import { sendMail } from "../lib/mailer.server";
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from "./password.server";
import { invalidateUserSessions } from "./session.server";
import { hashToken, randomToken } from "./tokens.server";

/**
 * Account flows. Sign-up, sign-in and password reset answer the same way
 * whether or not the email has an account (no enumeration); the difference
 * only ever reaches the mailbox's owner.
 */

const HOUR_MS = 60 * 60 * 1000;
export const RESET_TOKEN_LIFETIME_MS = HOUR_MS;
export const VERIFY_TOKEN_LIFETIME_MS = 24 * HOUR_MS;

type Purpose = "reset-password" | "verify-email";

async function issueToken(db: PrismaClient, userId: string, purpose: Purpose, lifetimeMs: number) {
  const token = randomToken();
  await db.oneTimeToken.deleteMany({ where: { userId, purpose } });
  await db.oneTimeToken.create({ data: { id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + lifetimeMs) } });
  return token;
}

/** Uses a one-time token: valid once, before it expires, for its purpose only. */
export async function consumeToken(db: PrismaClient, token: string, purpose: Purpose): Promise<string | null> {
  const id = hashToken(token);
  const used = await db.oneTimeToken.updateMany({ where: { id, purpose, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  if (used.count !== 1) return null;
  return (await db.oneTimeToken.findUnique({ where: { id }, select: { userId: true } }))?.userId ?? null;
}

export async function tokenIsUsable(db: PrismaClient, token: string, purpose: Purpose) {
  const row = await db.oneTimeToken.findUnique({ where: { id: hashToken(token) } });
  return Boolean(row && row.purpose === purpose && !row.usedAt && row.expiresAt > new Date());
}

export type SignUpInput = { name: string; email: string; password: string; accountId: string | null };
export type SignUpResult = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

export async function signUp(db: PrismaClient, input: SignUpInput, siteOrigin: string): Promise<SignUpResult> {
  const problem = passwordProblem(input.password, input);
  if (problem) return { ok: false, fieldErrors: { password: problem } };
  const account = input.accountId ? await db.customerAccount.findUnique({ where: { accountNumber: input.accountId } }) : null;
  if (input.accountId && !account) return { ok: false, fieldErrors: { accountId: "We couldn’t find an account with that ID. Check it with your account administrator." } };
  // Hash before looking the email up, so both paths cost the same time.
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) {
    await sendMail({
      to: input.email,
      subject: "You already have a TechFlow Help Center account",
      text: `Someone (probably you) tried to sign up with this email address, which already has an account.\n\nSign in: ${siteOrigin}/login\nForgot your password? ${siteOrigin}/forgot-password\n\nIf this wasn't you, you can ignore this email.`,
    });
    return { ok: true };
  }
  const user = await db.user.create({ data: { name: input.name, email: input.email, passwordHash, accountId: account?.id ?? null } });
  const token = await issueToken(db, user.id, "verify-email", VERIFY_TOKEN_LIFETIME_MS);
  await sendMail({
    to: input.email,
    subject: "Confirm your email for the TechFlow Help Center",
    text: `Welcome, ${input.name}!\n\nConfirm your email address to finish creating your account:\n${siteOrigin}/verify-email?token=${token}\n\nThe link works once and expires in 24 hours.`,
  });
  return { ok: true };
}

export async function verifyEmail(db: PrismaClient, token: string) {
  const userId = await consumeToken(db, token, "verify-email");
  if (!userId) return null;
  await db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  return userId;
}

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "unverified" };

export async function signIn(db: PrismaClient, email: string, password: string): Promise<SignInResult> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, emailVerifiedAt: true } });
  if (!user) return { ok: false, reason: await verifyAgainstDummy(password).then(() => "invalid" as const) };
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "invalid" };
  // Only someone who knows the password learns that the address is unconfirmed.
  if (!user.emailVerifiedAt) return { ok: false, reason: "unverified" };
  return { ok: true, userId: user.id };
}

export async function requestPasswordReset(db: PrismaClient, email: string, siteOrigin: string) {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  const token = await issueToken(db, user.id, "reset-password", RESET_TOKEN_LIFETIME_MS);
  await sendMail({
    to: email,
    subject: "Reset your TechFlow Help Center password",
    text: `We received a request to reset your password.\n\nChoose a new password:\n${siteOrigin}/reset-password?token=${token}\n\nThe link works once and expires in 1 hour. If you didn't ask for this, ignore this email: your password stays the same.`,
  });
}

export type PasswordChangeResult = { ok: true; userId: string } | { ok: false; fieldErrors: Record<string, string> };

/** Sets a new password from a reset link; every session of the account ends. */
export async function resetPassword(db: PrismaClient, token: string, password: string): Promise<PasswordChangeResult> {
  const row = await db.oneTimeToken.findUnique({ where: { id: hashToken(token) }, include: { user: { select: { email: true, name: true } } } });
  if (!row || row.purpose !== "reset-password" || row.usedAt || row.expiresAt <= new Date()) {
    return { ok: false, fieldErrors: { form: "This reset link has expired or was already used. Ask for a new one." } };
  }
  const problem = passwordProblem(password, row.user);
  if (problem) return { ok: false, fieldErrors: { password: problem } };
  const userId = await consumeToken(db, token, "reset-password");
  if (!userId) return { ok: false, fieldErrors: { form: "This reset link has expired or was already used. Ask for a new one." } };
  // Whoever could read the mailbox owns the account now: the address is confirmed.
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password), passwordChangedAt: new Date(), emailVerifiedAt: new Date() } });
  await invalidateUserSessions(db, userId);
  return { ok: true, userId };
}

/** Changes the password of a signed-in user; every other session ends. */
export async function changePassword(db: PrismaClient, userId: string, sessionId: string, current: string, next: string): Promise<PasswordChangeResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, current))) return { ok: false, fieldErrors: { currentPassword: "That isn’t your current password." } };
  const problem = passwordProblem(next, user);
  if (problem) return { ok: false, fieldErrors: { newPassword: problem } };
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next), passwordChangedAt: new Date() } });
  await invalidateUserSessions(db, userId, sessionId);
  return { ok: true, userId };
}
