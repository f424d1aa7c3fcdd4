import { z } from "zod";
import { prisma } from "../lib/db.server";
import { DOCUMENT_TYPES } from "../search/types";

/**
 * A member about to start a thread clicked one of the answers suggested from their title: the
 * question may never need asking. Recorded for the deflection figures staff read in insights.
 */
export const deflectionSchema = z.object({
  query: z.string().trim().min(1).max(200),
  resultId: z.string().trim().min(1).max(300),
  resultType: z.enum(DOCUMENT_TYPES),
  position: z.coerce.number().int().min(0).max(50),
});
export type Deflection = z.infer<typeof deflectionSchema>;

export async function recordDeflection(userId: string | null, deflection: Deflection, now = new Date()) {
  await prisma.forumDeflection.create({ data: { ...deflection, userId, createdAt: now } });
}

export async function countDeflections(since: Date) {
  return prisma.forumDeflection.count({ where: { createdAt: { gte: since } } });
}
