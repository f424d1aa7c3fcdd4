/** The longest "What was missing?" comment we accept; longer ones are refused, never cut. */
export const MAX_FEEDBACK_COMMENT = 2000;

export type FeedbackActionData =
  | { ok: true; helpful: "yes" | "no"; commented: boolean }
  | { ok: false; error: string; fieldErrors: Partial<Record<"page" | "helpful" | "comment", string>> };
