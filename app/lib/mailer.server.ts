import nodemailer from "nodemailer";
import { prisma } from "./db.server";
import { env } from "./env.server";

export type Mail = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | null = null;

/**
 * The one way the app sends mail: SMTP when SMTP_URL is set, otherwise the
 * outbox table that admins read at /admin/outbox (so every flow works on the
 * embedded default).
 */
export async function sendMail(mail: Mail) {
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.MAIL_FROM, ...mail });
    return;
  }
  await prisma.outboxEmail.create({ data: mail });
}
