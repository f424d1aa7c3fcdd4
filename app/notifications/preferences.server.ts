import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { EMAIL_KINDS, NOTIFICATION_KINDS, type EmailKind } from "./kinds";
import { verifyUnsubscribeToken } from "./unsubscribe-token.server";
import { inRetriedTransaction } from "../lib/transactions.server";

type Db = PrismaClient | Prisma.TransactionClient;

export type EmailPreferences = Record<EmailKind, boolean>;

function withDefaults(rows: { kind: string; email: boolean }[]): EmailPreferences {
  const preferences = Object.fromEntries(
    EMAIL_KINDS.map((kind) => [kind, NOTIFICATION_KINDS[kind].emailByDefault]),
  ) as EmailPreferences;
  for (const row of rows)
    if ((EMAIL_KINDS as readonly string[]).includes(row.kind)) preferences[row.kind as EmailKind] = row.email;
  return preferences;
}

/** Which kinds of notification the member gets by email (a kind never chosen takes its default). */
export async function getEmailPreferences(userId: string, db: Db = prisma): Promise<EmailPreferences> {
  return withDefaults(await db.notificationPreference.findMany({ where: { userId } }));
}

/** For many recipients at once (a reply with many followers): one query. */
export async function emailPreferencesOf(
  userIds: readonly string[],
  db: Db = prisma,
): Promise<Map<string, EmailPreferences>> {
  const rows = userIds.length
    ? await db.notificationPreference.findMany({ where: { userId: { in: [...userIds] } } })
    : [];
  return new Map(userIds.map((userId) => [userId, withDefaults(rows.filter((row) => row.userId === userId))]));
}

export async function wantsEmail(db: Db, userId: string, kind: EmailKind): Promise<boolean> {
  return (await getEmailPreferences(userId, db))[kind];
}

export async function setEmailPreference(userId: string, kind: EmailKind, email: boolean, db: Db = prisma) {
  await db.notificationPreference.upsert({
    where: { userId_kind: { userId, kind } },
    create: { userId, kind, email },
    update: { email },
  });
}

/** The settings form: every email kind at once (an unchecked box is absent from the form, so absent means off). */
export async function saveEmailPreferences(userId: string, chosen: EmailPreferences) {
  await inRetriedTransaction(async (tx) => {
    for (const kind of EMAIL_KINDS)
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, email: chosen[kind] },
        update: { email: chosen[kind] },
      });
  });
}

export type UnsubscribeTarget = { userId: string; kind: EmailKind; email: string };

/** The member and kind a valid unsubscribe token names, if the member still exists. */
export async function unsubscribeTarget(token: string | null): Promise<UnsubscribeTarget | null> {
  const claim = verifyUnsubscribeToken(token);
  if (!claim) return null;
  const user = await prisma.user.findUnique({ where: { id: claim.userId }, select: { email: true } });
  return user ? { ...claim, email: user.email } : null;
}
