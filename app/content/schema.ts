import { z } from "zod";

/** The three kinds of page writers publish, each in its own folder of content/. */
export const CONTENT_KINDS = ["kb", "docs", "webinars"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

const isoDate = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-20")]).transform((value) => {
  const date = value instanceof Date ? value : new Date(`${value}T00:00:00Z`);
  return date.toISOString().slice(0, 10);
});

/** A site path without the leading slash, e.g. "kb/how-do-i-contact-support". */
const pageRef = z.string().regex(/^(kb|docs|webinars)\/[a-z0-9-]+(\/[a-z0-9-]+)*$/, "must be a page path like kb/some-article");

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

export type Frontmatter = z.infer<typeof baseFrontmatterSchema>;
export type WebinarFrontmatter = z.infer<typeof webinarFrontmatterSchema>;

export function frontmatterSchemaFor(kind: ContentKind) {
  return kind === "webinars" ? webinarFrontmatterSchema : baseFrontmatterSchema;
}
