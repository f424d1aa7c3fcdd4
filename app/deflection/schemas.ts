import { parseForm } from "../lib/form-parse";
import { z } from "zod";

/** The suggestion a visitor acted on (opened it, or said it solved the problem): their search session and the answer's document id. */
const suggestionChoiceSchema = z.object({
  session: z.string().optional().default(""),
  documentId: z
    .string()
    .optional()
    .transform((id) => (id ?? "").slice(0, 300)),
});

/** Reads a suggestion form; a missing field is empty, which the deflection model refuses as not part of the visitor's search. */
export function suggestionChoice(form: FormData): z.output<typeof suggestionChoiceSchema> {
  const submission = parseForm(form, suggestionChoiceSchema);
  return submission.status === "success" ? submission.value : { session: "", documentId: "" };
}
