import { z } from "zod";
import { parseForm } from "./form-parse";

/** Schemas these helpers make from their arguments, kept so each is built (and coerced) once. */
const intentSchemas = new Map<string, z.ZodTypeAny>();
const optionalTextSchemas = new Map<string, z.ZodTypeAny>();

function once(kept: Map<string, z.ZodTypeAny>, key: string, make: () => z.ZodTypeAny) {
  let schema = kept.get(key);
  if (!schema) {
    schema = make();
    kept.set(key, schema);
  }
  return schema;
}

/**
 * Which of a page's forms was sent (its hidden `intent` field), read through zod like every other
 * field; null when it names none of them. A route with several forms dispatches on it, then parses
 * the chosen form with that form's own schema.
 */
export function formIntent<const T extends readonly [string, ...string[]]>(
  formData: FormData,
  intents: T,
): T[number] | null {
  // The intents are a route's literal list, so the kept schemas are few.
  const schema = once(intentSchemas, intents.join("\n"), () => z.object({ intent: z.enum(intents) }));
  const submission = parseForm(formData, schema);
  return submission.status === "success" ? (submission.value as { intent: T[number] }).intent : null;
}

const envelopeSchema = z.object({
  intent: z.string().max(60).catch(""),
  _fetch: z.string().optional().catch(undefined),
  redirectTo: z.string().max(2048).optional().catch(undefined),
  returnTo: z.string().max(2048).optional().catch(undefined),
});

/**
 * The fields that pages with several small forms (like, accept, vote, flag…) share: which form was
 * sent, whether it was posted in the background (`_fetch=1`, answered with JSON instead of a
 * redirect) and the page to go back to (`redirectTo`, or `returnTo`), still to be checked with `safeRedirect`.
 */
export function formEnvelope(formData: FormData): { intent: string; inBackground: boolean; redirectTo: string | null } {
  const submission = parseForm(formData, envelopeSchema);
  const value =
    submission.status === "success"
      ? submission.value
      : { intent: "", _fetch: undefined, redirectTo: undefined, returnTo: undefined };
  return {
    intent: value.intent,
    inBackground: value._fetch === "1",
    redirectTo: value.redirectTo ?? value.returnTo ?? null,
  };
}

/** The text of one optional field through zod; a blank field is missing (as Conform reads it). */
export function optionalText(formData: FormData, name: string, maxLength = 100_000): string | undefined {
  const schema = once(optionalTextSchemas, `${name}:${maxLength}`, () =>
    z.object({ [name]: z.string().max(maxLength).optional().catch(undefined) }),
  );
  const submission = parseForm(formData, schema);
  return submission.status === "success" ? (submission.value as Record<string, string | undefined>)[name] : undefined;
}

/** The first message of a refused submission, for pages that show one message at a time. */
export function firstError(submission: { error?: Record<string, string[] | null> | null }, fallback: string): string {
  return Object.values(submission.error ?? {}).flat()[0] ?? fallback;
}
