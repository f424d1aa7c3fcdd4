import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";

export const MAX_FEEDBACK_COMMENT = 2000;

export const feedbackSchema = z.object({
  page: z
    .string({ required_error: "page is required" })
    .regex(/^(kb|docs|webinars)\/[a-z0-9-]+(\/[a-z0-9-]+)*$/, "page must be a page path like kb/some-article")
    .max(200, "page is too long"),
  helpful: z.enum(["yes", "no"], { required_error: "helpful is required", invalid_type_error: "helpful must be yes or no", message: "helpful must be yes or no" }),
  comment: z
    .string()
    .trim()
    .max(MAX_FEEDBACK_COMMENT, `Please keep your comment under ${MAX_FEEDBACK_COMMENT.toLocaleString("en-US")} characters.`)
    .optional()
    .transform((comment) => comment || null),
});

export type FeedbackInput = z.infer<typeof feedbackSchema>;

/** One vote per visitor per page: voting again changes the earlier answer. */
export async function recordHelpfulVote(db: PrismaClient, visitorId: string, input: FeedbackInput) {
  const data = { helpful: input.helpful === "yes", comment: input.comment };
  return db.helpfulVote.upsert({
    where: { pageId_visitorId: { pageId: input.page, visitorId } },
    create: { pageId: input.page, visitorId, ...data },
    update: data,
  });
}

export async function visitorVote(db: PrismaClient, pageId: string, visitorId: string | null) {
  if (!visitorId) return null;
  return db.helpfulVote.findUnique({ where: { pageId_visitorId: { pageId, visitorId } }, select: { helpful: true, comment: true } });
}

/** Pages ranked by "yes" votes, most helpful first. */
export async function mostHelpfulPageIds(db: PrismaClient, limit: number): Promise<string[]> {
  const rows = await db.helpfulVote.groupBy({
    by: ["pageId"],
    where: { helpful: true },
    _count: { _all: true },
    orderBy: [{ _count: { pageId: "desc" } }, { pageId: "asc" }],
    take: limit,
  });
  return rows.map((row) => row.pageId);
}
