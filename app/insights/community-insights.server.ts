import { type PrismaClient } from "../generated/prisma/client";
import { median } from "./arithmetic";
import { TOP } from "./query-ranking.server";
import { type DateRange } from "./range";
import { type InsightsTable } from "./tables";
import { at, HOUR_MS } from "./windows.server";

/** The community and ideas section of /admin/insights: threads, reply times, idea votes and status changes. */

export async function communitySection(db: PrismaClient, range: DateRange, now: Date) {
  const [threads, votes, statusChanges] = await Promise.all([
    db.forumThread.findMany({
      where: { createdAt: at(range), deletedAt: null, mergedIntoId: null },
      select: { id: true, createdAt: true, acceptedPostId: true },
    }),
    db.ideaVote.findMany({ where: { createdAt: at(range) }, select: { ideaId: true, userId: true } }),
    db.ideaStatusChange.findMany({ where: { createdAt: at(range) }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  const threadIds = threads.map((thread) => thread.id);
  const acceptedIds = threads.flatMap((thread) => (thread.acceptedPostId ? [thread.acceptedPostId] : []));
  const [firstReplies, accepted] = await Promise.all([
    threadIds.length
      ? db.forumPost.findMany({
          where: { threadId: { in: threadIds }, number: 2 },
          select: { threadId: true, createdAt: true },
        })
      : Promise.resolve([]),
    acceptedIds.length
      ? db.forumPost.findMany({ where: { id: { in: acceptedIds } }, select: { threadId: true, createdAt: true } })
      : Promise.resolve([]),
  ]);
  const createdBy = new Map(threads.map((thread) => [thread.id, thread.createdAt.getTime()]));
  const replyBy = new Map(firstReplies.map((post) => [post.threadId, post.createdAt.getTime()]));
  const unansweredAfterDay = threads.filter((thread) => {
    const reply = replyBy.get(thread.id);
    const created = thread.createdAt.getTime();
    return now.getTime() - created >= 24 * HOUR_MS && (reply === undefined || reply - created > 24 * HOUR_MS);
  }).length;
  const toFirstReply = median(
    firstReplies.map(
      (post) => (post.createdAt.getTime() - (createdBy.get(post.threadId) ?? post.createdAt.getTime())) / HOUR_MS,
    ),
  );
  const toAccepted = median(
    accepted.map(
      (post) => (post.createdAt.getTime() - (createdBy.get(post.threadId) ?? post.createdAt.getTime())) / HOUR_MS,
    ),
  );

  const userIds = [...new Set(votes.map((vote) => vote.userId))];
  const users = userIds.length
    ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, accountId: true } })
    : [];
  const accountOf = new Map(users.map((user) => [user.id, user.accountId]));
  const perIdea = new Map<number, { votes: number; accounts: Set<string> }>();
  for (const vote of votes) {
    const entry = perIdea.get(vote.ideaId) ?? { votes: 0, accounts: new Set<string>() };
    entry.votes += 1;
    const account = accountOf.get(vote.userId);
    if (account) entry.accounts.add(account);
    perIdea.set(vote.ideaId, entry);
  }
  const ideaIds = [...new Set([...perIdea.keys(), ...statusChanges.map((change) => change.ideaId)])];
  const ideas = ideaIds.length
    ? await db.idea.findMany({
        where: { id: { in: ideaIds } },
        select: { id: true, title: true, voteCount: true, status: true },
      })
    : [];
  const ideaTitle = new Map(ideas.map((idea) => [idea.id, idea.title]));
  const ranked = [...perIdea.entries()].map(([id, entry]) => ({
    id,
    title: ideaTitle.get(id) ?? `#${id}`,
    votes: entry.votes,
    accounts: entry.accounts.size,
  }));
  const hours = (value: number | null) =>
    value === null ? "–" : value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} days`;
  const tables: InsightsTable[] = [
    {
      id: "community-summary",
      caption: "Community",
      columns: ["Measure", "Value"],
      rows: [
        ["New threads", threads.length],
        ["Unanswered after 24 hours", unansweredAfterDay],
        ["Median time to first reply", hours(toFirstReply)],
        ["Median time to the accepted answer", hours(toAccepted)],
      ],
    },
    {
      id: "top-ideas-by-votes",
      caption: "Top ideas by votes in this range",
      columns: ["Idea", "Votes", "Distinct customer accounts"],
      rows: [...ranked]
        .sort((a, b) => b.votes - a.votes)
        .slice(0, TOP)
        .map((row) => [row.title, row.votes, row.accounts]),
      empty: "No votes in this range.",
    },
    {
      id: "top-ideas-by-accounts",
      caption: "Top ideas by distinct customer accounts",
      columns: ["Idea", "Distinct customer accounts", "Votes"],
      rows: [...ranked]
        .sort((a, b) => b.accounts - a.accounts || b.votes - a.votes)
        .slice(0, TOP)
        .map((row) => [row.title, row.accounts, row.votes]),
      empty: "No votes in this range.",
    },
    {
      id: "idea-status-changes",
      caption: "Idea status changes",
      columns: ["Idea", "From", "To", "When (UTC)"],
      rows: statusChanges.map((change) => [
        ideaTitle.get(change.ideaId) ?? `#${change.ideaId}`,
        change.fromStatus,
        change.toStatus,
        change.createdAt.toISOString().slice(0, 16).replace("T", " "),
      ]),
      empty: "No status changes in this range.",
    },
  ];
  return { newThreads: threads.length, tables };
}
