import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { toPlainLine } from "../lib/plain-text";
import { NOTIFICATION_KINDS, type EmailKind } from "./kinds";
import { unsubscribeUrl } from "./unsubscribe-token.server";

type Db = PrismaClient | Prisma.TransactionClient;

export type NotificationEmail = {
  to: { id: string; email: string; name: string };
  kind: EmailKind;
  subject: string;
  /** Paragraphs of plain text, before the link and the footer (members' words only through quoteInline / quoteBlock). */
  paragraphs: readonly string[];
  /** A site path the email points to. */
  path: string;
};

/**
 * A member's name or a title inside our own sentence: one line, in quotation marks, shortened. A line
 * break in it could otherwise start a paragraph that reads as ours ("SECURITY NOTICE: …").
 */
export function quoteInline(text: string, max = 80): string {
  const line = toPlainLine(text);
  return `“${line.length > max ? `${line.slice(0, max - 1)}…` : line}”`;
}

/**
 * A member's own words (a post, a comment) set apart as a quoted line ("> "), code blocks shortened
 * to [code]: whatever it says, it reads as a quotation, never as a paragraph of ours.
 */
export function quoteBlock(markdown: string, max = 300): string {
  const flat = toPlainLine(markdown.replace(/```[\s\S]*?```/g, "[code]"));
  return `> ${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}`;
}

export function absoluteUrl(path: string) {
  return `${publicOrigin}${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * A notification email through the outbox (in the caller's transaction). Every one ends with a
 * one-click unsubscribe link for its kind and a pointer to the settings page. The caller has already
 * checked the member's preference, and wrote members' names and titles with quoteInline and their
 * words with quoteBlock; the greeting and the subject are kept to one line here.
 */
export async function enqueueNotificationEmail(db: Db, mail: NotificationEmail) {
  const text = [
    `Hi ${toPlainLine(mail.to.name)},`,
    "",
    ...mail.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    absoluteUrl(mail.path),
    "",
    "--",
    `You get this email because of your setting "${NOTIFICATION_KINDS[mail.kind].emailLabel}".`,
    `Unsubscribe from these emails in one click: ${unsubscribeUrl(mail.to.id, mail.kind)}`,
    `Choose which emails you get: ${absoluteUrl("/settings/notifications")}`,
  ].join("\n");
  await enqueueMail(db, { to: mail.to.email, subject: toPlainLine(mail.subject), text });
}
