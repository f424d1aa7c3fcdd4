import { z } from "zod";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { MAX_FEEDBACK_COMMENT } from "./feedback-types";


export const feedbackSchema = z.object({
  page: z
    .string({ required_error: "page is required" })
    .regex(/^(kb|docs|webinars)\/[a-z0-9-]+(\/[a-z0-9-]+)*$/, "page must be a page path like kb/some-article")
    .max(200, "page is too long"),
  helpful: z.enum(["yes", "no"], { required_error: "helpful is required", invalid_type_error: "helpful must be yes or no", message: "helpful must be yes or no" }),
  comment: z
    .string()
    .trim()
    .max(MAX_FEEDBACK_COMMENT, `Please keep your comment to at most ${MAX_FEEDBACK_COMMENT.toLocaleString("en-US")} characters.`)
    .optional()
    .transform((comment) => comment || null),
});

export type FeedbackInput = z.infer<typeof feedbackSchema>;

/** The anonymous reader who votes: only their own vote is ever read or changed. */
export type Voter = { visitorId: string };

/**
 * One vote per visitor per page: voting again changes the earlier answer. A vote
 * without a comment keeps the comment given before, so nothing a reader wrote is lost.
 */
export async function recordHelpfulVote(voter: Voter, input: FeedbackInput) {
  const helpful = input.helpful === "yes";
  const visitorId = voter.visitorId;
  return prisma.helpfulVote.upsert({
    where: { pageId_visitorId: { pageId: input.page, visitorId } },
    create: { pageId: input.page, visitorId, helpful, comment: input.comment },
    update: input.comment ? { helpful, comment: input.comment } : { helpful },
  });
}

export async function visitorVote(voter: Voter | null, pageId: string) {
  if (!voter) return null;
  const visitorId = voter.visitorId;
  return prisma.helpfulVote.findUnique({ where: { pageId_visitorId: { pageId, visitorId } }, select: { helpful: true, comment: true } });
}

/** Pages ranked by "yes" votes, most helpful first. */
export async function mostHelpfulPageIds(db: PrismaClient | Prisma.TransactionClient, limit: number): Promise<string[]> {
  const rows = await db.helpfulVote.groupBy({
    by: ["pageId"],
    where: { helpful: true },
    _count: { _all: true },
    orderBy: [{ _count: { pageId: "desc" } }, { pageId: "asc" }],
    take: limit,
  });
  return rows.map((row) => row.pageId);
}
