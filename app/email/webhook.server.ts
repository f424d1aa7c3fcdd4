import { createHash, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { acceptInboundMail } from "./inbound.server";
import { MAX_MESSAGE_BYTES } from "./limits";
import { checkSenderLimit, TOO_LARGE } from "./receive.server";
import { inboundSettings } from "./settings.server";

/**
 * POST /api/inbound-email: an MTA (a Postfix pipe) or a mail provider delivers the raw RFC 822 message
 * with `Authorization: Bearer <INBOUND_EMAIL_SECRET>`; `recipient` (repeatable), `sender` and `client`
 * query parameters carry the envelope when the deliverer knows it. The same accept path as SMTP: 202
 * once stored; 400/413/422/429 with the reason; 401 without the secret. Only a failure to store answers
 * 503 (with Retry-After), so the deliverer keeps the message and tries again.
 */

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function readLimited(request: Request): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_MESSAGE_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export async function handleInboundWebhook(request: Request, db: PrismaClient = prisma): Promise<Response> {
  if (request.method !== "POST")
    return json(405, { error: "Deliver mail with POST and the raw message as the body." }, { Allow: "POST" });
  const settings = inboundSettings();
  const secret = settings.INBOUND_EMAIL_SECRET;
  if (!secret) return json(404, { error: "Mail by webhook is not enabled here (INBOUND_EMAIL_SECRET is not set)." });
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  if (!given || !sameSecret(given, secret))
    return json(
      401,
      { error: "A valid bearer secret is required." },
      { "WWW-Authenticate": 'Bearer realm="inbound-email"' },
    );
  if (Number(request.headers.get("content-length") ?? 0) > MAX_MESSAGE_BYTES)
    return json(413, { error: TOO_LARGE.message });
  const url = new URL(request.url);
  // An address has no spaces: a "+" a shell script did not encode arrives as one, and is put back.
  const address = (value: string) => value.trim().replace(/ /g, "+");
  const recipients = [...url.searchParams.getAll("recipient"), ...url.searchParams.getAll("to")]
    .slice(0, 50)
    .map(address);
  const sender = address(url.searchParams.get("sender") ?? "");
  try {
    const raw = await readLimited(request);
    if (raw === null) return json(413, { error: TOO_LARGE.message });
    if (raw.length === 0) return json(400, { error: "The body is empty: send the raw RFC 822 message." });
    if (sender) {
      const limited = await checkSenderLimit(db, sender, settings);
      if (limited)
        return json(429, { error: limited.message }, { "Retry-After": String(limited.retryAfterSeconds ?? 600) });
    }
    const accepted = await acceptInboundMail(
      db,
      raw,
      {
        via: "webhook",
        envelopeFrom: sender,
        recipients,
        clientAddress: url.searchParams.get("client") ?? "",
        helo: "",
      },
      { settings },
    );
    if (!accepted.ok) {
      const { refusal } = accepted;
      return json(
        refusal.httpStatus,
        { error: refusal.message },
        refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : {},
      );
    }
    return json(202, { id: accepted.id, status: accepted.status });
  } catch (error) {
    console.error("Inbound mail webhook:", error);
    return json(503, { error: "The message could not be stored; deliver it again later." }, { "Retry-After": "60" });
  }
}
