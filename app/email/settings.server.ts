import { z } from "zod";

/**
 * Settings of the email channel, read from the environment each time they are needed (cheap), so a
 * test or a bench can start a receiver with its own. Invalid values stop the receiver with the reason.
 */
const schema = z
  .object({
    /** Port of the SMTP receiver; unset, `npm run serve` opens none (`npm start` opens 2525). */
    INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    INBOUND_SMTP_HOST: z.string().min(1).default("127.0.0.1"),
    /** Bearer secret of POST /api/inbound-email; unset, the endpoint answers 404. */
    INBOUND_EMAIL_SECRET: z.string().min(24, "INBOUND_EMAIL_SECRET must be at least 24 characters").optional(),
    /**
     * "mailauth": check DKIM/SPF/DMARC here (DNS lookups); "relay": believe the Authentication-Results
     * header that the MTA in front of us (INBOUND_TRUSTED_AUTHSERV_ID) added; "off": no check (every
     * sender counts as not verified).
     */
    INBOUND_AUTH: z.enum(["mailauth", "relay", "off"]).default("mailauth"),
    INBOUND_TRUSTED_AUTHSERV_ID: z.string().min(1).optional(),
    /** Messages per sending address, and per client address, in each 10-minute window. */
    INBOUND_LIMIT_PER_SENDER: z.coerce.number().int().min(1).default(20),
    INBOUND_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).default(200),
  })
  .refine((value) => value.INBOUND_AUTH !== "relay" || value.INBOUND_TRUSTED_AUTHSERV_ID, {
    message: "INBOUND_AUTH=relay needs INBOUND_TRUSTED_AUTHSERV_ID (the authserv-id your MTA writes)",
    path: ["INBOUND_TRUSTED_AUTHSERV_ID"],
  });

export type InboundSettings = z.infer<typeof schema>;

export function inboundSettings(source: Record<string, string | undefined> = process.env): InboundSettings {
  const parsed = schema.safeParse(source);
  if (!parsed.success)
    throw new Error(
      `Invalid email settings:\n${parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n")}`,
    );
  return parsed.data;
}

export const RATE_WINDOW_MS = 10 * 60_000;
