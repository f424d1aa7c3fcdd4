import { can, type Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { memoizeUntilPurged } from "../lib/page-cache-purge.server";
import { runSearch } from "../search/service.server";
import {
  IDEAS_LIST_TAG,
  IDEAS_PER_PAGE,
  IMPORTANCE_LEVELS,
  ideaPath,
  isIdeaStatus,
  ROADMAP_COLUMNS,
  SHIPPED_ON_ROADMAP_DAYS,
  STATUS_LABELS,
  TRENDING_WINDOW_DAYS,
  trendingScore,
  type IdeaListQuery,
  type IdeaStatus,
  type Importance,
} from "./rules";
import type { IdeaCard, IdeaComment, IdeaDetail, IdeaLink, IdeaStaffView, IdeaStatusChange, IdeaViewer } from "./views";
import { PLAN_WEIGHTS, similarityScore, titleWords } from "./similarity";

/**
 * What the ideas pages read. Public views never include hidden or merged ideas, internal notes,
 * or who voted (voters are private: pages show counts; staff see the list).
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export type { IdeaCard } from "./views";

const CARD_SELECT = {
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
type CardRow = Prisma.IdeaGetPayload<{ select: typeof CARD_SELECT }>;

function statusOf(value: string): IdeaStatus {
  return isIdeaStatus(value) ? value : "open";
}

function toCard(row: CardRow): IdeaCard {
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

const VISIBLE = { hiddenAt: null, mergedIntoId: null } as const;

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

// ---------------------------------------------------------------------------
// Similar ideas while typing a title

type TitleEntry = { id: number; slug: string; title: string; voteCount: number; status: string; words: string[] };

const visibleTitles = memoizeUntilPurged([IDEAS_LIST_TAG], 60_000, async (): Promise<TitleEntry[]> => {
  const rows = await prisma.idea.findMany({
    where: VISIBLE,
    select: { id: true, slug: true, title: true, voteCount: true, status: true },
  });
  return rows.map((row) => ({ ...row, words: titleWords(row.title) }));
});

export type SimilarIdea = {
  id: number;
  title: string;
  url: string;
  voteCount: number;
  status: IdeaStatus;
  statusLabel: string;
};

export async function similarIdeas(typed: string, limit = 5): Promise<SimilarIdea[]> {
  const words = titleWords(typed);
  if (words.length === 0) return [];
  const scored = (await visibleTitles())
    .map((entry) => ({ entry, score: similarityScore(words, entry.words) }))
    .filter((candidate) => candidate.score >= 0.34)
    .sort((a, b) => b.score - a.score || b.entry.voteCount - a.entry.voteCount);
  return scored.slice(0, limit).map(({ entry }) => {
    const status = statusOf(entry.status);
    return {
      id: entry.id,
      title: entry.title,
      url: ideaPath(entry),
      voteCount: entry.voteCount,
      status,
      statusLabel: STATUS_LABELS[status],
    };
  });
}

// ---------------------------------------------------------------------------
// One idea

export type IdeaPage =
  | { kind: "missing" }
  | { kind: "redirect"; to: string }
  | {
      kind: "page";
      idea: IdeaDetail;
      history: IdeaStatusChange[];
      comments: IdeaComment[];
      mergedFrom: IdeaLink[];
      publicVoters: string[];
      viewer: IdeaViewer;
      staff: IdeaStaffView | null;
    };

export async function loadIdeaPage(id: number, slug: string, viewer: Actor | null): Promise<IdeaPage> {
  const row = await prisma.idea.findUnique({
    where: { id },
    select: {
      ...CARD_SELECT,
      descriptionHtml: true,
      statusNote: true,
      statusChangedAt: true,
      authorId: true,
      hiddenAt: true,
      mergedIntoId: true,
    },
  });
  const staff = can(viewer, "idea:triage");
  if (!row || (row.hiddenAt && !staff)) return { kind: "missing" };
  if (row.mergedIntoId !== null && !staff) {
    const target = await prisma.idea.findUnique({ where: { id: row.mergedIntoId }, select: { id: true, slug: true } });
    if (target) return { kind: "redirect", to: `${ideaPath(target)}?merged=${row.id}` };
  }
  if (row.slug !== slug) return { kind: "redirect", to: ideaPath(row) };

  const [author, history, commentRows, mergedFrom, mergedInto, vote, follow, shownVotes] = await Promise.all([
    prisma.user.findUnique({ where: { id: row.authorId }, select: { name: true } }),
    prisma.ideaStatusChange.findMany({ where: { ideaId: id }, orderBy: { createdAt: "asc" } }),
    prisma.ideaComment.findMany({
      where: { ideaId: id, hiddenAt: null, ...(staff ? {} : { internal: false }) },
      orderBy: { createdAt: "asc" },
    }),
    prisma.idea.findMany({
      where: { mergedIntoId: id },
      select: { id: true, slug: true, title: true },
      orderBy: { id: "asc" },
    }),
    row.mergedIntoId !== null
      ? prisma.idea.findUnique({ where: { id: row.mergedIntoId }, select: { id: true, slug: true, title: true } })
      : Promise.resolve(null),
    viewer
      ? prisma.ideaVote.findUnique({ where: { ideaId_userId: { ideaId: id, userId: viewer.id } } })
      : Promise.resolve(null),
    viewer
      ? prisma.ideaFollow.findUnique({ where: { ideaId_userId: { ideaId: id, userId: viewer.id } } })
      : Promise.resolve(null),
    prisma.ideaVote.findMany({
      where: { ideaId: id, showName: true },
      select: { userId: true },
      orderBy: { createdAt: "asc" },
      take: 100,
    }),
  ]);
  const publicVoters = (
    await prisma.user.findMany({ where: { id: { in: shownVotes.map((row) => row.userId) } }, select: { name: true } })
  ).map((user) => user.name);
  const commenterIds = [...new Set(commentRows.map((comment) => comment.authorId))];
  const commenters = new Map(
    (
      await prisma.user.findMany({ where: { id: { in: commenterIds } }, select: { id: true, name: true, role: true } })
    ).map((user) => [user.id, user]),
  );
  const toComment = (comment: (typeof commentRows)[number]): IdeaComment => ({
    id: comment.id,
    authorName: commenters.get(comment.authorId)?.name ?? "Former member",
    staff: (commenters.get(comment.authorId)?.role ?? "member") !== "member",
    html: comment.bodyHtml,
    internal: comment.internal,
    createdAt: comment.createdAt.toISOString(),
    replies: [],
  });
  const top = commentRows.filter((comment) => !comment.parentId).map(toComment);
  const byId = new Map(top.map((comment) => [comment.id, comment]));
  for (const comment of commentRows) if (comment.parentId) byId.get(comment.parentId)?.replies.push(toComment(comment));

  let staffView: Extract<IdeaPage, { kind: "page" }>["staff"] = null;
  if (staff) {
    const votes = await prisma.ideaVote.findMany({ where: { ideaId: id }, orderBy: { createdAt: "asc" } });
    const users = await prisma.user.findMany({
      where: { id: { in: votes.map((vote) => vote.userId) } },
      select: { id: true, name: true, email: true, account: { select: { name: true, plan: true } } },
    });
    const byUser = new Map(users.map((user) => [user.id, user]));
    const importance = { "nice-to-have": 0, important: 0, critical: 0, unsaid: 0 } as Record<
      Importance | "unsaid",
      number
    >;
    for (const vote of votes)
      importance[
        (IMPORTANCE_LEVELS as readonly string[]).includes(vote.importance ?? "")
          ? (vote.importance as Importance)
          : "unsaid"
      ]++;
    staffView = {
      voters: votes.map((vote) => {
        const user = byUser.get(vote.userId);
        return {
          name: user?.name ?? "Former member",
          email: user?.email ?? "",
          account: user?.account?.name ?? null,
          plan: user?.account?.plan ?? null,
          importance: vote.importance,
          viaMerge: vote.mergedFromIdeaId !== null,
        };
      }),
      importance,
    };
  }

  return {
    kind: "page",
    idea: {
      ...toCard(row),
      html: row.descriptionHtml,
      descriptionMarkdown: staff ? row.descriptionMarkdown : "",
      statusNote: row.statusNote,
      statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
      authorName: author?.name ?? "Former member",
      mergedInto: mergedInto ? { id: mergedInto.id, title: mergedInto.title, url: ideaPath(mergedInto) } : null,
      hidden: row.hiddenAt !== null,
    },
    history: history.map((change) => ({
      from: STATUS_LABELS[statusOf(change.fromStatus)],
      to: STATUS_LABELS[statusOf(change.toStatus)],
      comment: change.comment,
      at: change.createdAt.toISOString(),
    })),
    comments: top,
    mergedFrom: mergedFrom.map((idea) => ({ id: idea.id, title: idea.title, url: ideaPath(idea) })),
    publicVoters,
    viewer: {
      signedIn: !!viewer,
      voted: !!vote,
      importance: (vote?.importance as Importance | null) ?? null,
      showName: vote?.showName ?? false,
      following: !!follow,
      staff,
      canModerate: can(viewer, "idea:moderate"),
      canSetStatus: can(viewer, "idea:set-status"),
      canMerge: can(viewer, "idea:merge"),
    },
    staff: staffView,
  };
}

// ---------------------------------------------------------------------------
// Roadmap and changelog

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

// ---------------------------------------------------------------------------
// Staff triage

export const TRIAGE_SORTS = ["votes", "enterprise", "accounts", "weighted", "newest"] as const;
export type TriageSort = (typeof TRIAGE_SORTS)[number];

export type TriageRow = IdeaCard & { enterpriseVotes: number; accounts: number; weighted: number; hidden: boolean };

/**
 * The triage queue: new ideas (Open) by default, or any status. Beside the public count: votes
 * from Enterprise accounts, distinct customer accounts voting (a company's many users count once)
 * and votes weighted by plan. Views only: the public count never changes.
 */
export async function loadTriage(options: { sort: TriageSort; status: IdeaStatus | "all" }): Promise<TriageRow[]> {
  const rows = await prisma.idea.findMany({
    where: { mergedIntoId: null, ...(options.status === "all" ? {} : { status: options.status }) },
    select: { ...CARD_SELECT, hiddenAt: true },
    orderBy: [{ createdAt: "desc" }],
    take: 500,
  });
  const votes = rows.length
    ? await prisma.ideaVote.findMany({
        where: { ideaId: { in: rows.map((row) => row.id) } },
        select: { ideaId: true, userId: true },
      })
    : [];
  const users = votes.length
    ? await prisma.user.findMany({
        where: { id: { in: [...new Set(votes.map((vote) => vote.userId))] } },
        select: { id: true, accountId: true, account: { select: { plan: true } } },
      })
    : [];
  const byUser = new Map(users.map((user) => [user.id, user]));
  const stats = new Map<number, { enterprise: number; accounts: Set<string>; weighted: number }>();
  for (const vote of votes) {
    const entry = stats.get(vote.ideaId) ?? { enterprise: 0, accounts: new Set<string>(), weighted: 0 };
    const user = byUser.get(vote.userId);
    const plan = user?.account?.plan ?? null;
    if (plan === "enterprise") entry.enterprise++;
    if (user?.accountId) entry.accounts.add(user.accountId);
    entry.weighted +=
      plan && plan in PLAN_WEIGHTS ? PLAN_WEIGHTS[plan as keyof typeof PLAN_WEIGHTS] : PLAN_WEIGHTS.none;
    stats.set(vote.ideaId, entry);
  }
  const result = rows.map((row) => {
    const entry = stats.get(row.id);
    return {
      ...toCard(row),
      enterpriseVotes: entry?.enterprise ?? 0,
      accounts: entry?.accounts.size ?? 0,
      weighted: entry?.weighted ?? 0,
      hidden: row.hiddenAt !== null,
    };
  });
  const key: Record<TriageSort, (row: TriageRow) => number> = {
    votes: (row) => row.voteCount,
    enterprise: (row) => row.enterpriseVotes,
    accounts: (row) => row.accounts,
    weighted: (row) => row.weighted,
    newest: (row) => Date.parse(row.createdAt),
  };
  return result.sort((a, b) => key[options.sort](b) - key[options.sort](a) || b.voteCount - a.voteCount || b.id - a.id);
}
