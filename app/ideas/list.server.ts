/** The ideas list: product areas, filters, search and the sort orders (top, trending, newest, updated). */
import type { Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { runSearch } from "../search/service.server";
import { IDEAS_PER_PAGE, TRENDING_WINDOW_DAYS, trendingScore, type IdeaListQuery } from "./rules";
import type { IdeaCard } from "./views";
import { CARD_SELECT, DAY_MS, toCard, VISIBLE, type CardRow } from "./card-rows.server";
import { similarIdeas } from "./similar-titles.server";

export async function listAreas() {
  return prisma.ideaArea.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { slug: true, name: true },
  });
}

/** Ids of ideas matching the words, best first: the site's one search (type idea); titles when search is down. */
async function searchIdeaIds(q: string): Promise<number[]> {
  let found: number[] = [];
  try {
    const result = await runSearch({ query: q, filters: { type: ["idea"] }, limit: 100 });
    found = result.hits
      .map((hit) => Number(/^\/ideas\/(\d+)/.exec(hit.url)?.[1]))
      .filter((id) => Number.isInteger(id) && id > 0);
  } catch (error) {
    console.warn(`ideas: search failed, matching titles instead: ${(error as Error).message}`);
  }
  // Titles that match but the index has not caught up with (a new idea, an index being rebuilt) follow the engine's hits.
  const byTitle = (await similarIdeas(q, 100)).map((idea) => idea.id);
  return [...new Set([...found, ...byTitle])];
}

export type IdeaList = { ideas: IdeaCard[]; total: number; page: number; pageCount: number; votedIds: number[] };

export async function listIdeas(query: IdeaListQuery, viewer: Actor | null, now = new Date()): Promise<IdeaList> {
  const where: Prisma.IdeaWhereInput = { ...VISIBLE };
  if (query.status) where.status = query.status;
  if (query.area) where.area = { slug: query.area };
  if (query.mine && viewer) where.votes = { some: { userId: viewer.id } };
  let searchOrder: number[] | null = null;
  if (query.q) {
    searchOrder = await searchIdeaIds(query.q);
    where.id = { in: searchOrder };
  }
  const total = await prisma.idea.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / IDEAS_PER_PAGE));
  const page = Math.min(query.page, pageCount);
  const skip = (page - 1) * IDEAS_PER_PAGE;

  let rows: CardRow[];
  if (query.sort === "trending" || (searchOrder && query.sort === "top" && query.q)) {
    // Ranked in memory: trending needs each idea's recent votes, a search keeps the engine's order.
    const all = await prisma.idea.findMany({ where, select: { id: true, voteCount: true, createdAt: true } });
    let ranked: number[];
    if (query.sort === "trending") {
      const since = new Date(now.getTime() - TRENDING_WINDOW_DAYS * DAY_MS);
      const recent = await prisma.ideaVote.findMany({
        where: { idea: where, createdAt: { gte: since } },
        select: { ideaId: true, createdAt: true },
      });
      const times = new Map<number, Date[]>();
      for (const vote of recent) times.set(vote.ideaId, [...(times.get(vote.ideaId) ?? []), vote.createdAt]);
      const score = new Map(all.map((idea) => [idea.id, trendingScore(times.get(idea.id) ?? [], now)]));
      ranked = all
        .sort((a, b) => score.get(b.id)! - score.get(a.id)! || b.voteCount - a.voteCount || b.id - a.id)
        .map((idea) => idea.id);
    } else {
      const position = new Map(searchOrder!.map((id, index) => [id, index]));
      ranked = all.sort((a, b) => position.get(a.id)! - position.get(b.id)!).map((idea) => idea.id);
    }
    const pageIds = ranked.slice(skip, skip + IDEAS_PER_PAGE);
    const found = await prisma.idea.findMany({ where: { id: { in: pageIds } }, select: CARD_SELECT });
    const byId = new Map(found.map((row) => [row.id, row]));
    rows = pageIds.map((id) => byId.get(id)).filter((row): row is CardRow => !!row);
  } else {
    const orderBy: Prisma.IdeaOrderByWithRelationInput[] =
      query.sort === "newest"
        ? [{ createdAt: "desc" }, { id: "desc" }]
        : query.sort === "updated"
          ? [{ updatedAt: "desc" }, { id: "desc" }]
          : [{ pinned: "desc" }, { voteCount: "desc" }, { id: "desc" }];
    rows = await prisma.idea.findMany({ where, select: CARD_SELECT, orderBy, skip, take: IDEAS_PER_PAGE });
  }
  const votedIds =
    viewer && rows.length
      ? (
          await prisma.ideaVote.findMany({
            where: { userId: viewer.id, ideaId: { in: rows.map((row) => row.id) } },
            select: { ideaId: true },
          })
        ).map((vote) => vote.ideaId)
      : [];
  return { ideas: rows.map(toCard), total, page, pageCount, votedIds };
}
