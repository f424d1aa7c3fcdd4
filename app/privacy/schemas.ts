import { z } from "zod";

/** A deletion request's optional note for the administrator who confirms it. */
export const DELETION_NOTE_MAX_LENGTH = 1000;

/** /settings/delete-data's request form: the confirmation box must be ticked. */
export const deletionRequestSchema = z.object({
  confirm: z.literal("on", {
    errorMap: () => ({ message: "Tick the box to confirm that you want your data deleted." }),
  }),
  note: z
    .string()
    .max(DELETION_NOTE_MAX_LENGTH, `Keep the note under ${DELETION_NOTE_MAX_LENGTH} characters.`)
    .default(""),
});
