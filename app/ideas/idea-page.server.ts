/** One idea's page: the idea, its history, comments, merged ideas, the viewer's vote and the staff's voter breakdown. */
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { IMPORTANCE_LEVELS, ideaPath, STATUS_LABELS, type Importance } from "./rules";
import type { IdeaComment, IdeaDetail, IdeaLink, IdeaStaffView, IdeaStatusChange, IdeaViewer } from "./views";
import { CARD_SELECT, statusOf, toCard } from "./card-rows.server";

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
