import type { DNSResolver } from "mailauth";
import type { PrismaClient } from "../generated/prisma/client";
import { processInboundEmail } from "./process.server";
import type { InboundSettings } from "./settings.server";
import { storeInboundMessage, type Envelope, type MailRefusal } from "./receive.server";

/**
 * The one path every received mail takes, from SMTP and from the webhook alike: store it (the
 * acknowledgement waits for that), then process it at once. When processing fails the mail stays
 * stored and the process-inbound-mail job tries again; the sender has its acknowledgement either way.
 */

/**
 * Processing runs one mail at a time in this process: a burst would otherwise race for the next ticket
 * number (and on SQLite for the write lock) and burn its retries. Storing, the part the sender waits
 * on before its acknowledgement can be sent, stays parallel.
 */
let processing: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = processing.then(work, work);
  processing = run.catch(() => undefined);
  return run;
}

export type Accepted = { ok: true; id: string; status: string } | { ok: false; refusal: MailRefusal };

export async function acceptInboundMail(
  db: PrismaClient,
  raw: Buffer,
  envelope: Envelope,
  options: { resolver?: DNSResolver; settings?: InboundSettings; indexSearch?: boolean } = {},
): Promise<Accepted> {
  const receipt = await storeInboundMessage(db, raw, envelope);
  if (!receipt.ok) return receipt;
  try {
    const status = await oneAtATime(() => processInboundEmail(db, receipt.id, { parsed: receipt.parsed, ...options }));
    return { ok: true, id: receipt.id, status };
  } catch (error) {
    console.error(`Inbound mail ${receipt.id} is stored; processing failed and will be retried:`, error);
    return { ok: true, id: receipt.id, status: "received" };
  }
}
