import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import { normaliseQuery } from "./text";
import { inRetriedTransaction } from "../lib/transactions.server";

export type SearchSource = "api" | "page";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Pruning runs on about one write in this many, so the table stays within its retention without a scheduler. */
const PRUNE_EVERY = 200;

export async function recordSearch(
  db: PrismaClient,
  entry: { query: string; engine: string; resultCount: number; latencyMs: number; source: SearchSource },
  retentionDays: number,
): Promise<string | null> {
  const query = normaliseQuery(entry.query);
  if (!query) return null;
  const row = await db.searchQuery.create({
    data: { ...entry, query, latencyMs: Math.round(entry.latencyMs) },
    select: { id: true },
  });
  if (Math.random() < 1 / PRUNE_EVERY) await pruneSearchAnalytics(db, retentionDays);
  return row.id;
}

export const searchClickSchema = z.object({
  query: z.string().max(1000).transform(normaliseQuery).pipe(z.string().min(1, "query is required")),
  resultId: z.string().min(1, "resultId is required").max(300),
  position: z.coerce.number().int().min(1).max(1000),
});

export async function recordClick(db: PrismaClient, click: z.infer<typeof searchClickSchema>) {
  await db.searchClick.create({ data: click });
}

export async function pruneSearchAnalytics(db: PrismaClient, retentionDays: number, now = new Date()) {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  return inRetriedTransaction(
    async (tx) => {
      const queries = await tx.searchQuery.deleteMany({ where: { createdAt: { lt: cutoff } } });
      const clicks = await tx.searchClick.deleteMany({ where: { createdAt: { lt: cutoff } } });
      return queries.count + clicks.count;
    },
    { db },
  );
}
