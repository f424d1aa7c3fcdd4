import { z } from "zod";

const WHICH_GROUP = "Which group? The form was incomplete.";
const WHY_DISMISSED = "Say why this group is dismissed (at least 3 characters).";

/** Dismissing a content-gap group: which one (its key) and why, kept in the audit log. */
export const dismissGapSchema = z.object({
  key: z.string({ required_error: WHICH_GROUP }).trim().min(1, WHICH_GROUP),
  reason: z.string({ required_error: WHY_DISMISSED }).trim().min(3, WHY_DISMISSED),
});
