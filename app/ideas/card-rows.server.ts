/** The idea columns every list reads and how a row becomes a public card; what "visible" means for public views. */
import type { Prisma } from "../generated/prisma/client";
import { ideaPath, isIdeaStatus, STATUS_LABELS, type IdeaStatus } from "./rules";
import type { IdeaCard } from "./views";

/**
 * What the ideas pages read. Public views never include hidden or merged ideas, internal notes,
 * or who voted (voters are private: pages show counts; staff see the list).
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

export const CARD_SELECT = {
  id: true,
  slug: true,
  title: true,
  status: true,
  voteCount: true,
  commentCount: true,
  pinned: true,
  descriptionMarkdown: true,
  createdAt: true,
  updatedAt: true,
  shippedAt: true,
  area: { select: { slug: true, name: true } },
} as const;
export type CardRow = Prisma.IdeaGetPayload<{ select: typeof CARD_SELECT }>;

export function statusOf(value: string): IdeaStatus {
  return isIdeaStatus(value) ? value : "open";
}

export function toCard(row: CardRow): IdeaCard {
  const status = statusOf(row.status);
  const flat = row.descriptionMarkdown
    .replace(/[#>*_`[\]()!-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return {
    id: row.id,
    title: row.title,
    url: ideaPath(row),
    status,
    statusLabel: STATUS_LABELS[status],
    area: row.area,
    voteCount: row.voteCount,
    commentCount: row.commentCount,
    pinned: row.pinned,
    excerpt: flat.length > 180 ? `${flat.slice(0, 179)}…` : flat,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    shippedAt: row.shippedAt?.toISOString() ?? null,
  };
}

export const VISIBLE = { hiddenAt: null, mergedIntoId: null } as const;
