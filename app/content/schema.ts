import { z } from "zod";

/** The kinds of page writers publish, each in its own folder of content/. */
export const CONTENT_KINDS = ["kb", "docs", "webinars", "training"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

const isoDate = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-20")]).transform((value) => {
  const date = value instanceof Date ? value : new Date(`${value}T00:00:00Z`);
  return date.toISOString().slice(0, 10);
});

/** A site path without the leading slash, e.g. "kb/how-do-i-contact-support". */
const pageRef = z.string().regex(/^(kb|docs|webinars|training)\/[a-z0-9-]+(\/[a-z0-9-]+)*$/, "must be a page path like kb/some-article");

export const baseFrontmatterSchema = z
  .object({
    title: z.string().trim().min(3, "title is too short").max(120, "title is longer than 120 characters"),
    summary: z.string().trim().min(10, "summary is too short").max(300, "summary is longer than 300 characters"),
    category: z.string().regex(/^[a-z0-9-]+$/, "category must be a lowercase slug"),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/, "tags must be lowercase slugs")).default([]),
    order: z.number().int().min(0).default(100),
    draft: z.boolean().default(false),
    updated: isoDate.optional(),
    related: z.array(pageRef).default([]),
  })
  .strict();

/** Whether a webinar's video is the real recording or a placeholder until it is edited. */
export const RECORDING_STATUSES = ["published", "coming-soon"] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export const webinarFrontmatterSchema = baseFrontmatterSchema
  .extend({
    recordedOn: isoDate,
    durationMinutes: z.number().int().positive().max(600),
    presenter: z.string().trim().min(3),
    /** "coming-soon" while public/media holds a placeholder video: pages say so rather than offer a recording. */
    recordingStatus: z.enum(RECORDING_STATUSES).default("published"),
  })
  .strict();

/** One quiz question: single-answer questions mark exactly one option correct, multiple-answer ones at least two (and leave one wrong). */
const quizQuestionSchema = z
  .object({
    question: z.string().trim().min(10, "question is too short").max(300, "question is longer than 300 characters"),
    answers: z.enum(["single", "multiple"]).default("single"),
    options: z
      .array(
        z
          .object({
            text: z.string().trim().min(1, "an option needs text").max(200, "option is longer than 200 characters"),
            correct: z.boolean().default(false),
          })
          .strict(),
      )
      .min(2, "a question needs at least two options")
      .max(6, "a question has at most six options"),
    explanation: z
      .string({ required_error: "every question needs an explanation (shown after submission)" })
      .trim()
      .min(10, "explanation is too short"),
  })
  .strict()
  .superRefine((question, context) => {
    const correct = question.options.filter((option) => option.correct).length;
    if (question.answers === "single" && correct !== 1)
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["options"],
        message: `is a single-answer question but marks ${correct} options correct; mark exactly one`,
      });
    if (question.answers === "multiple" && (correct < 2 || correct === question.options.length))
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["options"],
        message: `is a multiple-answer question but marks ${correct} of ${question.options.length} options correct; mark at least two and leave at least one wrong (one correct option is a single-answer question)`,
      });
    const texts = question.options.map((option) => option.text.toLowerCase());
    if (new Set(texts).size !== texts.length)
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["options"], message: "has two options with the same text" });
  });

export type QuizQuestion = z.infer<typeof quizQuestionSchema>;

/** A course's `course.mdx`: what the catalogue shows, the pass mark and how long a certificate holds, and the quiz. */
export const courseFrontmatterSchema = baseFrontmatterSchema
  .extend({
    category: z.literal("course", { errorMap: () => ({ message: 'must be "course" (or left out)' }) }).default("course"),
    level: z.enum(["beginner", "intermediate", "advanced"]),
    durationMinutes: z.number().int().positive().max(600),
    audience: z.string().trim().min(10, "audience is too short").max(300),
    passMarkPercent: z.number().int().min(1).max(100),
    certificateValidityMonths: z.number().int().min(1).max(60),
    attemptsPerDay: z.number().int().min(1).max(10).default(3),
    quiz: z.array(quizQuestionSchema).min(3, "a quiz needs at least three questions").max(30),
  })
  .strict();

/** A lesson (`NN-slug.mdx` in the course's folder); `video` names a webinar recording played with its captions. */
export const lessonFrontmatterSchema = baseFrontmatterSchema
  .extend({
    category: z.literal("lesson", { errorMap: () => ({ message: 'must be "lesson" (or left out)' }) }).default("lesson"),
    video: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "video must be a webinar slug").optional(),
  })
  .strict();

export type Frontmatter = z.infer<typeof baseFrontmatterSchema>;
export type WebinarFrontmatter = z.infer<typeof webinarFrontmatterSchema>;
export type CourseFrontmatter = z.infer<typeof courseFrontmatterSchema>;
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type AnyFrontmatter = Frontmatter | WebinarFrontmatter | CourseFrontmatter | LessonFrontmatter;

/** Which schema a file's frontmatter follows: its kind, or for training the course file or a lesson. */
export type FrontmatterShape = Exclude<ContentKind, "training"> | "course" | "lesson";

export function frontmatterSchemaFor(shape: FrontmatterShape) {
  if (shape === "webinars") return webinarFrontmatterSchema;
  if (shape === "course") return courseFrontmatterSchema;
  if (shape === "lesson") return lessonFrontmatterSchema;
  return baseFrontmatterSchema;
}
