import { z } from "zod";

/** The /admin/on-call forms. Times arrive as local date-times plus the zone they are in (the route turns them into instants). */

export const ON_CALL_INTENTS = ["add-slot", "remove-slot", "add-override", "remove-override"] as const;

const person = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(64, message);
const optionalPerson = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((value) => value || null);

export const slotSchema = z.object({ primaryId: person("Choose the primary."), secondaryId: optionalPerson });

const localDateTime = (message: string) =>
  z.string({ required_error: message }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message);

export const overrideSchema = z.object({
  startsAt: localDateTime("Enter when the override starts."),
  endsAt: localDateTime("Enter when the override ends."),
  timeZone: z.string({ required_error: "Choose the time zone." }).min(1).max(64),
  primaryId: person("Choose who is on call."),
  secondaryId: optionalPerson,
  note: z.string().trim().max(200, "Keep the note under 200 characters.").optional().default(""),
});

export const removeSchema = z.object({ id: z.string().min(1).max(64) });
