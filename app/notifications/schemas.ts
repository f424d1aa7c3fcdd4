import { z } from "zod";
import { EMAIL_KINDS } from "./kinds";

/** /settings/notifications: one checkbox per email kind; a box that is not ticked is not sent, and anything but "on" is off. */
export const emailPreferencesSchema = z.object(
  Object.fromEntries(EMAIL_KINDS.map((kind) => [kind, z.string().optional().catch(undefined)])),
);
