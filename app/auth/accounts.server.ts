import { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { requestToJoinAccount, notifyOwnersOfJoinRequests } from "./account-membership.server";
import { reservedNameProblem } from "./display-names.server";
import { Refusal } from "../lib/refusal";
import { refundAttempt, spendAttempt, type LimitCheck } from "./limits.server";
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from "./password.server";
import { invalidateUserSessions } from "./session.server";
import { hashToken, randomToken } from "./tokens.server";

/**
 * Account flows. Sign-up, sign-in and password reset answer the same way
 * whether or not the email has an account (no enumeration); the difference
 * only ever reaches the mailbox's owner. Every flow that writes more than one
 * row does so in one transaction, mail included (the outbox row is written by
 * the same transaction), so a failure halfway leaves nothing behind. Links in
 * mail start with the configured public origin, never the request's Host.
 * Rate limits are counted before the work they protect. What the rules refuse
 * is thrown as a `Refusal` naming the form field to blame (`form`: the whole form).
 */

const HOUR_MS = 60 * 60 * 1000;
export const RESET_TOKEN_LIFETIME_MS = HOUR_MS;
export const VERIFY_TOKEN_LIFETIME_MS = 24 * HOUR_MS;

type Purpose = "reset-password" | "verify-email";
type Tx = Prisma.TransactionClient;

const EXPIRED_LINK = "This reset link has expired or was already used. Ask for a new one.";
const WRONG_CREDENTIALS = "That email and password don’t match an account. Check them and try again.";
const UNCONFIRMED = "Please confirm your email address first: open the link we sent when you signed up.";

function refuseField(field: string, message: string | null): void {
  if (message) throw new Refusal(400, message, { field });
}

async function issueToken(tx: Tx, userId: string, purpose: Purpose, lifetimeMs: number) {
  const token = randomToken();
  await tx.oneTimeToken.deleteMany({ where: { userId, purpose } });
  await tx.oneTimeToken.create({
    data: { id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + lifetimeMs) },
  });
  return token;
}

/** Uses a one-time token: valid once, before it expires, for its purpose only. */
async function consumeToken(tx: Tx, token: string, purpose: Purpose): Promise<string | null> {
  const id = hashToken(token);
  const used = await tx.oneTimeToken.updateMany({
    where: { id, purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (used.count !== 1) return null;
  return (await tx.oneTimeToken.findUnique({ where: { id }, select: { userId: true } }))?.userId ?? null;
}

export async function tokenIsUsable(token: string, purpose: Purpose) {
  const row = await prisma.oneTimeToken.findUnique({ where: { id: hashToken(token) } });
  return Boolean(row && row.purpose === purpose && !row.usedAt && row.expiresAt > new Date());
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** `returnTo`: a same-site path (the caller checks it) the confirmation link leads back to after signing in. */
export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  accountId: string | null;
  returnTo?: string | null;
};

/**
 * Creates an unconfirmed user and mails a confirmation link. An account ID
 * does not attach the user to that customer account: it files a request that
 * the account's owner (or staff) approves.
 */
export async function signUp(input: SignUpInput, clientAddress: string): Promise<void> {
  // A weak password is a typo to fix, not an attempt: refused before anything is counted.
  refuseField("password", passwordProblem(input.password, input));
  refuseField("name", await reservedNameProblem(prisma, { id: null, role: "member" }, input.name));
  const checks: LimitCheck[] = [["signUpPerAddress", clientAddress]];
  if (input.accountId) checks.push(["accountLookupPerAddress", clientAddress]);
  await spendAttempt(checks);
  const account = input.accountId
    ? await prisma.customerAccount.findUnique({ where: { accountNumber: input.accountId }, select: { id: true } })
    : null;
  if (input.accountId && !account)
    refuseField("accountId", "We couldn’t find an account with that ID. Check it with your account administrator.");
  // Hash before looking the email up, so both paths cost the same time.
  const passwordHash = await hashPassword(input.password);
  try {
    await inRetriedTransaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (existing) return mailExistingAccount(tx, input.email);
      const user = await tx.user.create({ data: { name: input.name, email: input.email, passwordHash } });
      if (account) await requestToJoinAccount(tx, user.id, account.id);
      const token = await issueToken(tx, user.id, "verify-email", VERIFY_TOKEN_LIFETIME_MS);
      await enqueueMail(tx, {
        to: input.email,
        subject: "Confirm your email for the TechFlow Help Center",
        text: `Welcome, ${input.name}!\n\nConfirm your email address to finish creating your account:\n${publicOrigin}/verify-email?token=${token}${input.returnTo ? `&redirectTo=${encodeURIComponent(input.returnTo)}` : ""}\n\nThe link works once and expires in 24 hours.${
          account
            ? "\n\nOnce you confirm, the owner of your company's account will be asked to approve your request to join it."
            : ""
        }`,
      });
    });
  } catch (error) {
    // Two sign-ups for one new address at once: the second finds the first's row, like a sign-up for an existing account.
    if (!isUniqueViolation(error)) throw error;
    await mailExistingAccount(prisma, input.email);
  }
}

function mailExistingAccount(db: Tx | typeof prisma, email: string) {
  return enqueueMail(db, {
    to: email,
    subject: "You already have a TechFlow Help Center account",
    text: `Someone (probably you) tried to sign up with this email address, which already has an account.\n\nSign in: ${publicOrigin}/login\nForgot your password? ${publicOrigin}/forgot-password\n\nIf this wasn't you, you can ignore this email.`,
  });
}

/** Confirms the address from the emailed link; owners then hear about the user's request to join their account. */
export async function verifyEmail(token: string): Promise<string | null> {
  return inRetriedTransaction(async (tx) => {
    const userId = await consumeToken(tx, token, "verify-email");
    if (!userId) return null;
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
    await notifyOwnersOfJoinRequests(tx, userId);
    return userId;
  });
}

/**
 * Checks an email and password. The attempt is counted against the limits
 * first and taken back only when the password was right, so any number of
 * concurrent wrong guesses reach the password check at most `limit` times.
 * Answers the user's id; a wrong pair is a 401, an unconfirmed address a 403.
 */
export async function signIn(email: string, password: string, clientAddress: string): Promise<string> {
  const checks: LimitCheck[] = [
    ["failedSignInPerAccount", email],
    ["failedSignInPerAccountHourly", email],
    ["failedSignInPerAddress", clientAddress],
  ];
  await spendAttempt(checks);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, emailVerifiedAt: true },
  });
  if (!user) {
    await verifyAgainstDummy(password);
    throw new Refusal(401, WRONG_CREDENTIALS, { field: "form" });
  }
  if (!(await verifyPassword(user.passwordHash, password)))
    throw new Refusal(401, WRONG_CREDENTIALS, { field: "form" });
  await refundAttempt(checks);
  // Only someone who knows the password learns that the address is unconfirmed.
  if (!user.emailVerifiedAt) throw new Refusal(403, UNCONFIRMED, { field: "form" });
  return user.id;
}

export async function requestPasswordReset(email: string, clientAddress: string): Promise<void> {
  await spendAttempt([
    ["resetPerAddress", clientAddress],
    ["resetPerAccount", email],
  ]);
  await inRetriedTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) return;
    const token = await issueToken(tx, user.id, "reset-password", RESET_TOKEN_LIFETIME_MS);
    await enqueueMail(tx, {
      to: email,
      subject: "Reset your TechFlow Help Center password",
      text: `We received a request to reset your password.\n\nChoose a new password:\n${publicOrigin}/reset-password?token=${token}\n\nThe link works once and expires in 1 hour. If you didn't ask for this, ignore this email: your password stays the same.`,
    });
  });
}

function passwordChangedMail(email: string) {
  return {
    to: email,
    subject: "Your TechFlow Help Center password was changed",
    text: `The password of your TechFlow Help Center account was just changed, and every other device was signed out.\n\nIf this wasn't you, reset your password now: ${publicOrigin}/forgot-password`,
  };
}

/** Sets a new password from a reset link; every session of the account ends. Answers the user's id. */
export async function resetPassword(token: string, password: string): Promise<string> {
  const row = await prisma.oneTimeToken.findUnique({
    where: { id: hashToken(token) },
    include: { user: { select: { email: true, name: true, emailVerifiedAt: true } } },
  });
  if (!row || row.purpose !== "reset-password" || row.usedAt || row.expiresAt <= new Date())
    throw new Refusal(400, EXPIRED_LINK, { field: "form" });
  refuseField("password", passwordProblem(password, row.user));
  const passwordHash = await hashPassword(password);
  const userId = await inRetriedTransaction(async (tx) => {
    const userId = await consumeToken(tx, token, "reset-password");
    if (!userId) return null;
    // Whoever could read the mailbox owns the account now: the address is confirmed.
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: new Date(), emailVerifiedAt: new Date() },
    });
    // A first confirmation (a contact staff filed mail for sets a password): owners hear of their join request now.
    if (!row.user.emailVerifiedAt) await notifyOwnersOfJoinRequests(tx, userId);
    await invalidateUserSessions(tx, userId);
    await tx.oneTimeToken.deleteMany({ where: { userId, purpose: "reset-password", usedAt: null } });
    await enqueueMail(tx, passwordChangedMail(row.user.email));
    return userId;
  });
  if (!userId) throw new Refusal(400, EXPIRED_LINK, { field: "form" });
  return userId;
}

/**
 * Changes the password of a signed-in user: every other session ends, and any
 * reset link still in the mailbox stops working (it was issued for the old password).
 */
export async function changePassword(
  actor: { userId: string; sessionId: string },
  current: string,
  next: string,
): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!(await verifyPassword(user.passwordHash, current)))
    refuseField("currentPassword", "That isn’t your current password.");
  refuseField("newPassword", passwordProblem(next, user));
  const passwordHash = await hashPassword(next);
  await inRetriedTransaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    await invalidateUserSessions(tx, user.id, actor.sessionId);
    await tx.oneTimeToken.deleteMany({ where: { userId: user.id, purpose: "reset-password" } });
    await enqueueMail(tx, passwordChangedMail(user.email));
  });
}
