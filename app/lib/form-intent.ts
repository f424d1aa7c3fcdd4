import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";

/**
 * Which of a page's forms was sent (its hidden `intent` field), read through zod like every other
 * field; null when it names none of them. A route with several forms dispatches on it, then parses
 * the chosen form with that form's own schema.
 */
export function formIntent<const T extends readonly [string, ...string[]]>(
  formData: FormData,
  intents: T,
): T[number] | null {
  const submission = parseWithZod(formData, { schema: z.object({ intent: z.enum(intents) }) });
  return submission.status === "success" ? (submission.value.intent as T[number]) : null;
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
  const submission = parseWithZod(formData, { schema: envelopeSchema });
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
  const submission = parseWithZod(formData, {
    schema: z.object({ [name]: z.string().max(maxLength).optional().catch(undefined) }),
  });
  return submission.status === "success" ? (submission.value[name] as string | undefined) : undefined;
}

/** The first message of a refused submission, for pages that show one message at a time. */
export function firstError(submission: { error?: Record<string, string[] | null> | null }, fallback: string): string {
  return Object.values(submission.error ?? {}).flat()[0] ?? fallback;
}
