import { z } from "zod";

/** Staff withdrawing a certificate say why (kept with it for the record). */
export const revokeCertificateSchema = z.object({
  reason: z
    .string({ required_error: "Say why the certificate is revoked." })
    .trim()
    .min(3, "Say why the certificate is revoked.")
    .max(300, "Keep the reason under 300 characters."),
});
