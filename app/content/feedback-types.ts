export type FeedbackActionData =
  | { ok: true; helpful: "yes" | "no"; commented: boolean }
  | { ok: false; error: string; fieldErrors: Partial<Record<"page" | "helpful" | "comment", string>> };
