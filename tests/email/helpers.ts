import nodemailer from "nodemailer";
import type { SMTPServer } from "smtp-server";
import type { DNSResolver } from "mailauth";
import { prisma } from "../../app/lib/db.server";
import { createSmtpReceiver } from "../../app/email/smtp-receiver.server";
import { inboundSettings, type InboundSettings } from "../../app/email/settings.server";
import type { Plan } from "../../app/support/policy";
import { createAccount, createUser } from "../factories/accounts";

/** No DNS in tests: every lookup answers "no such domain", as for a sender without DKIM, SPF or DMARC records. */
export const noDns: DNSResolver = async (domain) => {
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${domain}`), { code: "ENOTFOUND" });
};

export type Receiver = { port: number; server: SMTPServer; close(): Promise<void> };

/** The real receiver on 127.0.0.1:`port` (each test file has its own port in 25250–25299). */
export async function startReceiver(
  port: number,
  overrides: Partial<InboundSettings> = {},
  resolver: DNSResolver = noDns,
): Promise<Receiver> {
  const settings = { ...inboundSettings({}), ...overrides };
  const server = createSmtpReceiver({ db: prisma, settings, resolver, name: "mx.test" });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { port, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function transport(port: number) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

export type SendOptions = nodemailer.SendMailOptions;

/** Sends one mail over SMTP; answers the server's reply or the refusal (code and text). */
export async function send(port: number, mail: SendOptions) {
  const client = transport(port);
  try {
    const info = await client.sendMail(mail);
    return { ok: true as const, response: info.response, rejected: info.rejected, accepted: info.accepted };
  } catch (error) {
    const failure = error as { responseCode?: number; response?: string; message: string };
    return { ok: false as const, code: failure.responseCode ?? 0, response: failure.response ?? failure.message };
  } finally {
    client.close();
  }
}

/** A customer with a verified address on a fresh account. */
export async function customer(plan: Plan = "standard", overrides: { verified?: boolean } = {}) {
  const account = await createAccount({ plan });
  const user = await createUser({ accountId: account.id, accountRole: "owner", ...overrides });
  return { account, user };
}

export const SUPPORT = "support@techflowsolutions.com";

export async function lastInbound() {
  return prisma.inboundEmail.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
}
