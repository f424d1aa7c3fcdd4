import { z } from "zod";

/**
 * One-line text people choose for others to read (display names, thread and idea titles). It is
 * shown in pages, notifications and plain-text mail, so it must not carry:
 * - C0 and C1 control characters (NUL, BEL, tab, CR/LF, DEL, …): a line break in a name starts a
 *   paragraph of its own in a mail, which can pass for ours;
 * - bidirectional formatting characters (the embeddings and overrides U+202A–U+202E, the isolates
 *   U+2066–U+2069, the marks U+200E, U+200F and U+061C): they reorder what is shown, so the text
 *   reads differently from what it is.
 * No server imports: the forms' schemas use this in the browser too.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_BIDI_RUNS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;

export function hasControlOrBidiCharacters(text: string): boolean {
  return CONTROL_OR_BIDI.test(text);
}

/**
 * The zod refinement every name and title schema shares: `label` says what is refused, in the
 * form's words ("Your name", "The title").
 */
export function plainLine(schema: z.ZodString, label: string) {
  return schema.refine((value) => !hasControlOrBidiCharacters(value), {
    message: `${label} cannot contain line breaks, tabs, control characters or text-direction marks.`,
  });
}

/**
 * Text stored before the refinement existed (or from elsewhere) made safe for one line: each run of
 * control or bidirectional characters becomes a space, then spacing is collapsed.
 */
export function toPlainLine(text: string): string {
  return text.replace(CONTROL_OR_BIDI_RUNS, " ").replace(/\s+/g, " ").trim();
}
