import { z } from "zod";
import { parsePositiveInt, positiveIntSchema } from "../lib/ids";

/**
 * The forms of flagging and moderating (the flag dialog, the moderator menu, the review queue),
 * one zod schema each, shared by the components and the actions. No server imports.
 */

export const FLAG_REASONS = [
  { value: "spam", label: "Spam", hint: "Advertising, or links that have nothing to do with the thread." },
  { value: "off-topic", label: "Off-topic", hint: "Not about this thread or this community." },
  { value: "inappropriate", label: "Inappropriate", hint: "Rude, abusive, or shares someone's private details." },
  { value: "other", label: "Something else", hint: "Tell the moderators what is wrong in the note." },
] as const;
export type FlagReason = (typeof FLAG_REASONS)[number]["value"];
const FLAG_REASON_VALUES = FLAG_REASONS.map((reason) => reason.value) as [FlagReason, ...FlagReason[]];

export const FLAG_NOTE_MAX_LENGTH = 500;
export const MODERATION_REASON_MAX_LENGTH = 500;
export const MAX_SUSPENSION_DAYS = 365;

const postId = positiveIntSchema("Which post? The form was incomplete.");
const threadId = positiveIntSchema("Which thread? The form was incomplete.");
const optionalReason = z
  .string()
  .trim()
  .max(MODERATION_REASON_MAX_LENGTH, `Keep the reason under ${MODERATION_REASON_MAX_LENGTH} characters.`)
  .optional()
  .default("");

export const flagSchema = z
  .object({
    intent: z.literal("flag"),
    postId,
    reason: z.enum(FLAG_REASON_VALUES, { errorMap: () => ({ message: "Choose why you are flagging this post." }) }),
    note: z
      .string()
      .trim()
      .max(FLAG_NOTE_MAX_LENGTH, `Keep the note under ${FLAG_NOTE_MAX_LENGTH} characters.`)
      .optional()
      .default(""),
  })
  .superRefine((value, context) => {
    if (value.reason === "other" && !value.note)
      context.addIssue({
        code: "custom",
        path: ["note"],
        message: "Tell the moderators what is wrong with this post.",
      });
  });
export type FlagInput = z.infer<typeof flagSchema>;

/** "12", "#12", "/community/t/12-some-title", or a full URL to it: the id of the thread to merge into. */
export function parseThreadReference(value: string): number | null {
  const trimmed = value.trim();
  const match = /^#?(\d+)$/.exec(trimmed) ?? /\/community\/t\/(\d+)(?:[-/?#]|$)/.exec(trimmed);
  return match ? parsePositiveInt(match[1]) : null;
}

/** "12", "#12" or a link: the other thread a merge goes into, or a duplicate points to. */
const threadReference = (what: string) =>
  z.string({ required_error: `Give the number or link of the thread ${what}.` }).transform((value, context) => {
    const id = parseThreadReference(value);
    if (id === null) {
      context.addIssue({
        code: "custom",
        message: `Give the number or link of the thread ${what} (for example 12 or /community/t/12-…).`,
      });
      return z.NEVER;
    }
    return id;
  });

export const moderatorActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("lock"), threadId, reason: optionalReason }),
  z.object({ intent: z.literal("unlock"), threadId, reason: optionalReason }),
  z.object({ intent: z.literal("pin"), threadId, reason: optionalReason }),
  z.object({ intent: z.literal("unpin"), threadId, reason: optionalReason }),
  z.object({
    intent: z.literal("move"),
    threadId,
    category: z.string({ required_error: "Choose a category." }).trim().min(1, "Choose a category.").max(100),
    reason: optionalReason,
  }),
  z.object({ intent: z.literal("merge"), threadId, target: threadReference("to merge into"), reason: optionalReason }),
  z.object({
    intent: z.literal("duplicate"),
    threadId,
    target: threadReference("this one duplicates"),
    reason: optionalReason,
  }),
  z.object({ intent: z.literal("reopen-duplicate"), threadId, reason: optionalReason }),
  z.object({ intent: z.literal("approve"), postId, reason: optionalReason }),
  z.object({ intent: z.literal("hide"), postId, reason: optionalReason }),
  z.object({ intent: z.literal("delete"), postId, reason: optionalReason }),
  z.object({
    intent: z.literal("suspend"),
    userId: z.string({ required_error: "Which member? The form was incomplete." }).min(1).max(100),
    days: z
      .number({ required_error: "For how many days?", invalid_type_error: "Give the number of days." })
      .int("Give a whole number of days.")
      .min(1, "Suspend for at least 1 day.")
      .max(MAX_SUSPENSION_DAYS, `Suspend for at most ${MAX_SUSPENSION_DAYS} days.`),
    reason: z
      .string({ required_error: "Say why: the member's record keeps it." })
      .trim()
      .min(1, "Say why: the member's record keeps it.")
      .max(MODERATION_REASON_MAX_LENGTH),
  }),
  z.object({ intent: z.literal("unsuspend"), userId: z.string().min(1).max(100), reason: optionalReason }),
]);
export type ModeratorAction = z.infer<typeof moderatorActionSchema>;

export const moderatorEditSchema = z.object({
  body: z
    .string({ required_error: "Write something first." })
    .trim()
    .min(1, "Write something first.")
    .max(50_000, "Keep it under 50,000 characters."),
  reason: optionalReason,
});
