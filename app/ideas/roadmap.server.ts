/** The public roadmap (columns by status, recently shipped) and the changelog of shipped ideas. */
import { prisma } from "../lib/db.server";
import { ROADMAP_COLUMNS, SHIPPED_ON_ROADMAP_DAYS, STATUS_LABELS, type IdeaStatus } from "./rules";
import type { IdeaCard } from "./views";
import { CARD_SELECT, DAY_MS, toCard, VISIBLE } from "./card-rows.server";

export type RoadmapColumn = { status: IdeaStatus; label: string; ideas: IdeaCard[] };

export async function loadRoadmap(now = new Date()): Promise<RoadmapColumn[]> {
  const since = new Date(now.getTime() - SHIPPED_ON_ROADMAP_DAYS * DAY_MS);
  const rows = await prisma.idea.findMany({
    where: {
      ...VISIBLE,
      OR: [
        { status: { in: ["under-review", "planned", "in-progress"] } },
        { status: "shipped", shippedAt: { gte: since } },
      ],
    },
    select: CARD_SELECT,
    orderBy: [{ voteCount: "desc" }, { id: "asc" }],
  });
  return ROADMAP_COLUMNS.map((status) => {
    const ideas = rows.filter((row) => row.status === status).map(toCard);
    if (status === "shipped") ideas.sort((a, b) => (b.shippedAt ?? "").localeCompare(a.shippedAt ?? ""));
    return {
      status,
      label: status === "shipped" ? `Shipped (last ${SHIPPED_ON_ROADMAP_DAYS} days)` : STATUS_LABELS[status],
      ideas,
    };
  });
}

export type ChangelogEntry = IdeaCard & { releaseNote: string; shippedAt: string };

export async function loadChangelog(limit = 50): Promise<ChangelogEntry[]> {
  const rows = await prisma.idea.findMany({
    where: { ...VISIBLE, status: "shipped", shippedAt: { not: null } },
    select: { ...CARD_SELECT, statusNote: true },
    orderBy: [{ shippedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({ ...toCard(row), releaseNote: row.statusNote, shippedAt: row.shippedAt!.toISOString() }));
}
