import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { NOTIFICATION_KINDS, type EmailKind } from "./kinds";
import { unsubscribeUrl } from "./unsubscribe-token.server";

type Db = PrismaClient | Prisma.TransactionClient;

export type NotificationEmail = {
  to: { id: string; email: string; name: string };
  kind: EmailKind;
  subject: string;
  /** Paragraphs of plain text, before the link and the footer. */
  paragraphs: readonly string[];
  /** A site path the email points to. */
  path: string;
};

export function absoluteUrl(path: string) {
  return `${publicOrigin}${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * A notification email through the outbox (in the caller's transaction). Every one ends with a
 * one-click unsubscribe link for its kind and a pointer to the settings page. The caller has already
 * checked the member's preference.
 */
export async function enqueueNotificationEmail(db: Db, mail: NotificationEmail) {
  const text = [
    `Hi ${mail.to.name},`,
    "",
    ...mail.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    absoluteUrl(mail.path),
    "",
    "--",
    `You get this email because of your setting "${NOTIFICATION_KINDS[mail.kind].emailLabel}".`,
    `Unsubscribe from these emails in one click: ${unsubscribeUrl(mail.to.id, mail.kind)}`,
    `Choose which emails you get: ${absoluteUrl("/settings/notifications")}`,
  ].join("\n");
  await enqueueMail(db, { to: mail.to.email, subject: mail.subject, text });
}
