import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { DNSResolver } from "mailauth";
import type { PrismaClient } from "../generated/prisma/client";
import { isServedAddress } from "./addresses";
import { acceptInboundMail } from "./inbound.server";
import { MAX_MESSAGE_BYTES, MAX_RECIPIENTS } from "./limits";
import {
  checkClientLimit,
  checkSenderLimit,
  recipientRefusal,
  TOO_LARGE,
  TOO_MANY_RECIPIENTS,
  type MailRefusal,
} from "./receive.server";
import { inboundSettings, type InboundSettings } from "./settings.server";

/**
 * The SMTP receiver (smtp-server, the Nodemailer project's server): mail to the policy's addresses and
 * to reply addresses, nothing else. Refusals come at the earliest stage that can tell (client address
 * at connect, sender at MAIL FROM, each recipient at RCPT TO, size as SIZE= and during DATA), each with
 * its reason. The 250 after DATA is sent only once the message is stored (app/email/inbound.server.ts).
 * No AUTH, no STARTTLS: it listens where only the MTA in front of it, or the machine itself, reaches it.
 */

function smtpError(refusal: MailRefusal): Error {
  return Object.assign(new Error(refusal.message), { responseCode: refusal.smtpCode });
}

function envelopeFrom(session: SMTPServerSession): string {
  const from = session.envelope.mailFrom;
  return from && from.address ? from.address : "<>";
}

async function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > MAX_MESSAGE_BYTES ? null : Buffer.concat(chunks, size);
}

export type ReceiverOptions = {
  db: PrismaClient;
  settings?: InboundSettings;
  resolver?: DNSResolver;
  /** The name in the greeting; the host name by default. */
  name?: string;
  /** Off only where the app's search index is not this database's (the bench). */
  indexSearch?: boolean;
};

export function createSmtpReceiver(options: ReceiverOptions): SMTPServer {
  const settings = options.settings ?? inboundSettings();
  const { db } = options;
  const fail = (callback: (error?: Error | null) => void, error: unknown) => {
    console.error("Inbound SMTP:", error);
    callback(Object.assign(new Error("4.3.0 Temporary problem on our side: try again later."), { responseCode: 451 }));
  };
  return new SMTPServer({
    name: options.name,
    banner: "TechFlow Help Center inbound mail",
    size: MAX_MESSAGE_BYTES,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    maxClients: 200,
    onConnect(session, callback) {
      checkClientLimit(db, session.remoteAddress, settings).then(
        (refusal) => callback(refusal ? smtpError({ ...refusal, smtpCode: 421 }) : null),
        (error) => fail(callback, error),
      );
    },
    onMailFrom(address, _session, callback) {
      checkSenderLimit(db, address.address, settings).then(
        (refusal) => callback(refusal ? smtpError(refusal) : null),
        (error) => fail(callback, error),
      );
    },
    onRcptTo(address, session, callback) {
      if (!isServedAddress(address.address)) return callback(smtpError(recipientRefusal(address.address)));
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(TOO_MANY_RECIPIENTS));
      callback();
    },
    onData(stream, session, callback) {
      readMessage(stream)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(TOO_LARGE));
          const accepted = await acceptInboundMail(
            db,
            raw,
            {
              via: "smtp",
              envelopeFrom: envelopeFrom(session),
              recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              clientAddress: session.remoteAddress,
              helo: session.hostNameAppearsAs,
            },
            { resolver: options.resolver, settings, indexSearch: options.indexSearch },
          );
          if (!accepted.ok) return callback(smtpError(accepted.refusal));
          callback(null, `2.0.0 Received, thank you (${accepted.id})`);
        })
        .catch((error: unknown) => fail(callback, error));
    },
  });
}

/** Opens the receiver on INBOUND_SMTP_PORT (server/index.ts); resolves once it listens. */
export function startSmtpReceiver(options: ReceiverOptions & { port: number; host: string }): Promise<SMTPServer> {
  const server = createSmtpReceiver(options);
  return new Promise((resolve, reject) => {
    server.on("error", (error) => console.error("Inbound SMTP:", error.message));
    const listener = server.listen(options.port, options.host, () => resolve(server));
    listener.once("error", reject);
  });
}
