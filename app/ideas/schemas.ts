import { z } from "zod";
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from "../forum/schemas";
import { plainLine } from "../lib/plain-text";
import { parsePositiveInt, positiveIntSchema } from "../lib/ids";
import { IDEA_STATUSES, IMPORTANCE_LEVELS } from "./rules";

/**
 * One zod schema per ideas form (Conform in the browser, the action on the server). Titles and
 * descriptions follow the forum's limits, so a customer meets the same rules in both places.
 */
export { BODY_MAX_LENGTH as DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH };

const title = plainLine(
  z
    .string({ required_error: "Give your idea a title." })
    .trim()
    .min(TITLE_MIN_LENGTH, `The title needs at least ${TITLE_MIN_LENGTH} characters.`)
    .max(TITLE_MAX_LENGTH, `Keep the title under ${TITLE_MAX_LENGTH + 1} characters.`),
  "The title",
);

const description = z
  .string({ required_error: "Describe the idea: what would it let you do?" })
  .trim()
  .min(1, "Describe the idea: what would it let you do?")
  .max(BODY_MAX_LENGTH, `Keep it under ${BODY_MAX_LENGTH.toLocaleString("en-US")} characters.`);

const area = z
  .string({ required_error: "Choose a product area." })
  .trim()
  .min(1, "Choose a product area.")
  .max(40, "Choose a product area from the list.");

export const newIdeaSchema = z.object({ title, description, area });
export type NewIdeaInput = z.infer<typeof newIdeaSchema>;

/** "Vote for this instead" on the submit form: the idea chosen and the title typed so far. */
export const insteadSchema = z.object({
  insteadIdeaId: positiveIntSchema("Which idea? The form was incomplete."),
  title: z.string().max(500).optional(),
});

export const editIdeaSchema = z.object({ intent: z.literal("edit"), title, description, area });

export const commentSchema = z.object({
  intent: z.literal("comment"),
  body: z
    .string({ required_error: "Write something first." })
    .trim()
    .min(1, "Write something first.")
    .max(BODY_MAX_LENGTH, `Keep it under ${BODY_MAX_LENGTH.toLocaleString("en-US")} characters.`),
  parentId: z.string().max(40).optional(),
  internal: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
});

export const statusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(IDEA_STATUSES, { errorMap: () => ({ message: "Choose a status from the list." }) }),
  comment: z.string().trim().max(5000, "Keep the comment under 5,000 characters.").optional().default(""),
});

export const mergeSchema = z.object({
  intent: z.literal("merge"),
  target: z
    .string({ required_error: "Give the number (or link) of the idea to merge into." })
    .trim()
    .transform((value) => parsePositiveInt(/(?:^|\/ideas\/)#?(\d+)/.exec(value)?.[1]))
    .refine((value): value is number => value !== null, "Give the number (or link) of the idea to merge into."),
});

export const importanceSchema = z.enum(IMPORTANCE_LEVELS).optional();
