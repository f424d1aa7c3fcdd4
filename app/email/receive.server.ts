import { simpleParser, type ParsedMail } from "mailparser";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { hitRateLimit } from "../lib/rate-limit.server";
import { isServedAddress, normalizeAddress, servedAddressList, topicOf } from "./addresses";
import { MAX_MESSAGE_BYTES, MAX_RECIPIENTS } from "./limits";
import { RATE_WINDOW_MS, type InboundSettings } from "./settings.server";

/**
 * Receiving one message, the same for SMTP and the webhook: refuse what we will not take (with the
 * SMTP code, the HTTP status and a reason a person can act on), otherwise store the raw message in one
 * insert. Only after that insert returns does the caller acknowledge it (250, or 202): acknowledged
 * mail is in the database whatever happens next.
 */

type Db = PrismaClient | Prisma.TransactionClient;

export type Envelope = {
  via: "smtp" | "webhook";
  /** MAIL FROM ("<>" for a delivery report); "" when the webhook does not say. */
  envelopeFrom: string;
  recipients: readonly string[];
  clientAddress: string;
  helo: string;
};

export type MailRefusal = {
  smtpCode: number;
  httpStatus: 400 | 413 | 422 | 429;
  message: string;
  retryAfterSeconds?: number;
};

export type Receipt = { ok: true; id: string; parsed: ParsedMail } | { ok: false; refusal: MailRefusal };

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const TOO_LARGE: MailRefusal = {
  smtpCode: 552,
  httpStatus: 413,
  message: `5.3.4 Message too large: the limit is ${megabytes(MAX_MESSAGE_BYTES)}. Send large files as a link, or attach them on the ticket page.`,
};

export function recipientRefusal(address: string): MailRefusal {
  return {
    smtpCode: 550,
    httpStatus: 422,
    message: `5.1.1 <${address.slice(0, 200)}>: no mailbox here by that name. This server takes mail for ${servedAddressList()}.`,
  };
}

export const TOO_MANY_RECIPIENTS: MailRefusal = {
  smtpCode: 452,
  httpStatus: 422,
  message: `4.5.3 Too many recipients: at most ${MAX_RECIPIENTS} per message.`,
};

function rateRefusal(what: string, retryAfterSeconds: number): MailRefusal {
  return {
    smtpCode: 450,
    httpStatus: 429,
    message: `4.7.1 Too many messages from ${what}: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
    retryAfterSeconds,
  };
}

/** Counted at MAIL FROM (SMTP) or per request (webhook); the limit is per 10 minutes. */
export async function checkSenderLimit(db: Db, sender: string, settings: InboundSettings, now = new Date()) {
  const address = normalizeAddress(sender) || "<>";
  const verdict = await hitRateLimit(
    db,
    `inbound-mail:sender:${address.slice(0, 200)}`,
    { limit: settings.INBOUND_LIMIT_PER_SENDER, windowMs: RATE_WINDOW_MS },
    now,
  );
  return verdict.allowed ? null : rateRefusal(`<${address.slice(0, 200)}>`, verdict.retryAfterSeconds);
}

export async function checkClientLimit(db: Db, clientAddress: string, settings: InboundSettings, now = new Date()) {
  const verdict = await hitRateLimit(
    db,
    `inbound-mail:client:${clientAddress.slice(0, 64)}`,
    { limit: settings.INBOUND_LIMIT_PER_CLIENT, windowMs: RATE_WINDOW_MS },
    now,
  );
  return verdict.allowed ? null : rateRefusal(`your address (${clientAddress})`, verdict.retryAfterSeconds);
}

/** The addresses of an address header as mailparser gives it (an object with `value`, or a list of them). */
function headerAddresses(field: unknown): string[] {
  const fields = Array.isArray(field) ? field : field ? [field] : [];
  return fields.flatMap((entry) =>
    typeof entry === "object" && entry !== null && "value" in entry && Array.isArray(entry.value)
      ? (entry.value as { address?: string }[]).map((item) => item.address ?? "")
      : typeof entry === "string"
        ? [entry]
        : [],
  );
}

/**
 * Our addresses among the recipients; when the webhook does not pass the envelope, Delivered-To and
 * X-Original-To (which the MTA adds: Postfix pipe flags D and O), then To and Cc say.
 */
function servedRecipients(envelope: Envelope, parsed: ParsedMail): string[] {
  const named = envelope.recipients.length
    ? envelope.recipients
    : [
        ...headerAddresses(parsed.headers.get("delivered-to")),
        ...headerAddresses(parsed.headers.get("x-original-to")),
        ...headerAddresses(parsed.to),
        ...headerAddresses(parsed.cc),
      ];
  return [...new Set(named.map(normalizeAddress).filter(isServedAddress))];
}

export async function storeInboundMessage(db: Db, raw: Buffer, envelope: Envelope): Promise<Receipt> {
  if (raw.length > MAX_MESSAGE_BYTES) return { ok: false, refusal: TOO_LARGE };
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return {
      ok: false,
      refusal: { smtpCode: 554, httpStatus: 400, message: "5.6.0 This message could not be read as MIME mail." },
    };
  }
  const from = parsed.from?.value.find((entry) => entry.address);
  if (!from?.address)
    return {
      ok: false,
      refusal: {
        smtpCode: 550,
        httpStatus: 400,
        message: "5.6.0 The message has no From address, so we cannot tell who wrote it. Add a From header.",
      },
    };
  const recipients = servedRecipients(envelope, parsed);
  if (recipients.length === 0)
    return { ok: false, refusal: recipientRefusal(envelope.recipients[0] ?? "(no recipient)") };
  const queue = recipients.map(topicOf).find((topic) => topic !== null) ?? "general";
  const row = await db.inboundEmail.create({
    data: {
      via: envelope.via,
      envelopeFrom: envelope.envelopeFrom.slice(0, 320),
      envelopeTo: recipients.join(",").slice(0, 4000),
      clientAddress: envelope.clientAddress.slice(0, 64),
      raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
      size: raw.length,
      messageId: (parsed.messageId ?? "").slice(0, 998),
      fromAddress: normalizeAddress(from.address).slice(0, 320),
      fromName: (from.name ?? "").replace(/[\r\n]+/g, " ").slice(0, 200),
      subject: (parsed.subject ?? "").replace(/[\r\n]+/g, " ").slice(0, 998),
      queue,
    },
    select: { id: true },
  });
  return { ok: true, id: row.id, parsed };
}
