/** The staff triage queue: ideas with Enterprise votes, distinct accounts and plan-weighted votes beside the public count. */
import { prisma } from "../lib/db.server";
import { type IdeaStatus } from "./rules";
import { PLAN_WEIGHTS } from "./similarity";
import type { IdeaCard } from "./views";
import { CARD_SELECT, toCard } from "./card-rows.server";

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
