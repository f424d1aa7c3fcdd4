import { z } from "zod";
import { plainLine } from "../lib/plain-text";

/**
 * One zod schema per forum form, used by Conform in the browser and by the action on the server
 * (the server's check is the one that counts). No server imports: components read these too.
 */
export const TITLE_MIN_LENGTH = 10;
export const TITLE_MAX_LENGTH = 120;
/** The same limit as MARKDOWN_MAX_LENGTH in app/lib/markdown.ts (a test holds them equal); not imported, so forms do not ship the Markdown pipeline. */
export const BODY_MAX_LENGTH = 50_000;
export const MAX_TAGS = 5;
const TAG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$/;

const body = z
  .string({ required_error: "Write something first." })
  .trim()
  .min(1, "Write something first.")
  .max(BODY_MAX_LENGTH, `Keep it under ${BODY_MAX_LENGTH.toLocaleString("en-US")} characters.`);

/** "Billing, API  sso" → ["billing", "api", "sso"]; the message names the first bad tag. */
const tags = z
  .string()
  .optional()
  .transform((value) => [
    ...new Set(
      (value ?? "")
        .split(/[\s,]+/)
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .superRefine((list, context) => {
    if (list.length > MAX_TAGS) context.addIssue({ code: "custom", message: `Use at most ${MAX_TAGS} tags.` });
    const bad = list.find((tag) => !TAG_PATTERN.test(tag));
    if (bad !== undefined)
      context.addIssue({
        code: "custom",
        message: `Tags use lower-case letters, digits and "-" (up to 30 characters): "${bad.slice(0, 40)}" does not.`,
      });
  });

export const newThreadSchema = z.object({
  category: z
    .string({ required_error: "Choose a category." })
    .trim()
    .min(1, "Choose a category.")
    .max(60, "Choose a category from the list."),
  title: plainLine(
    z
      .string({ required_error: "Give your thread a title." })
      .trim()
      .min(TITLE_MIN_LENGTH, `The title needs at least ${TITLE_MIN_LENGTH} characters.`)
      .max(TITLE_MAX_LENGTH, `Keep the title under ${TITLE_MAX_LENGTH + 1} characters.`),
    "The title",
  ),
  body,
  tags,
});
export type NewThreadInput = z.infer<typeof newThreadSchema>;

export const replySchema = z.object({ intent: z.literal("reply"), body });
export const editPostSchema = z.object({ body });

export const newCategorySchema = z.object({
  name: plainLine(
    z
      .string()
      .trim()
      .min(3, "Give the category a name of at least 3 characters.")
      .max(60, "Keep the name under 61 characters."),
    "The name",
  ),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'Use lower-case letters, digits and "-" (up to 40 characters).'),
  description: z
    .string()
    .trim()
    .min(10, "Describe the category in a sentence.")
    .max(300, "Keep the description under 301 characters."),
  staffOnlyThreads: z.boolean().optional(),
  isQuestions: z.boolean().optional(),
});

/** A whole number that fits the database's integer ids and post numbers. */
const positiveId = (message: string) =>
  z.coerce.number({ invalid_type_error: message }).int(message).positive(message).max(2_147_483_647, message);

/** The thread page's "read up to post N" report (sent by the page once shown, see recordThreadRead). */
export const threadReadSchema = z.object({
  threadId: positiveId("Which thread?"),
  upTo: positiveId("Up to which post?"),
});
