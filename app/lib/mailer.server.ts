import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "./db.server";

export type Mail = { to: string; subject: string; text: string };

/** Prisma's client or the client handed to a `$transaction` callback: mail is written with the change that causes it. */
export type MailWriter = PrismaClient | Prisma.TransactionClient;

/**
 * The one way the app sends mail: a row in the transactional outbox, written
 * through the same client (usually a transaction) as the change that causes
 * it. The send-mail job delivers pending rows through SMTP when SMTP_URL is set;
 * without SMTP the outbox is where admins read mail (/admin/outbox). A
 * user-facing request never waits on SMTP.
 */
export async function enqueueMail(db: MailWriter, mail: Mail) {
  await db.outboxEmail.create({ data: mail });
}

/** Outside a transaction (a single write): the same outbox. */
export async function sendMail(mail: Mail) {
  await enqueueMail(prisma, mail);
}
