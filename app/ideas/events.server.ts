import type { Prisma } from "../generated/prisma/client";
import { enqueueNotificationEmail, quoteInline } from "../notifications/email.server";
import { notify } from "../notifications/notify.server";
import { emailPreferencesOf } from "../notifications/preferences.server";
import { ideaPath, STATUS_LABELS, type IdeaStatus } from "./rules";

/**
 * What ideas tell the notification system, inside the transaction that made the change (a
 * rolled-back change notifies nobody). The audience of an idea is everyone who asked for it: its
 * followers and its voters (voters of ideas merged into it are among them, since their votes
 * moved), each counted once, never the person who made the change.
 */
type Tx = Prisma.TransactionClient;

/** An idea's title (a member's words) inside our sentence: quoted, on one line. */
const quoted = (title: string) => quoteInline(title);

/** Every user who should hear about the idea: followers ∪ voters ∪ voters of ideas merged into it, once each. */
export async function ideaAudience(tx: Tx, ideaId: number): Promise<string[]> {
  const mergedIds = (await tx.idea.findMany({ where: { mergedIntoId: ideaId }, select: { id: true } })).map(
    (idea) => idea.id,
  );
  const [followers, voters, mergedVoters, linkedTickets] = await Promise.all([
    tx.ideaFollow.findMany({ where: { ideaId }, select: { userId: true } }),
    tx.ideaVote.findMany({ where: { ideaId }, select: { userId: true } }),
    mergedIds.length
      ? tx.ideaVote.findMany({ where: { ideaId: { in: mergedIds } }, select: { userId: true } })
      : Promise.resolve([]),
    // Customers whose tickets staff linked to the idea (ideas that close the loop).
    tx.ticket.findMany({ where: { ideaId: { in: [ideaId, ...mergedIds] } }, select: { requesterId: true } }),
  ]);
  return [
    ...new Set(
      [...followers, ...voters, ...mergedVoters]
        .map((row) => row.userId)
        .concat(linkedTickets.map((row) => row.requesterId)),
    ),
  ];
}

type IdeaRef = { id: number; slug: string; title: string };

async function tell(
  tx: Tx,
  idea: IdeaRef,
  actorId: string,
  recipients: readonly string[],
  message: { title: string; subject: string; paragraphs: string[]; groupKey: string | null; excerpt?: string },
) {
  const others = recipients.filter((userId) => userId !== actorId);
  if (others.length === 0) return 0;
  const url = ideaPath(idea);
  const preferences = await emailPreferencesOf(others, tx);
  const users = await tx.user.findMany({
    where: { id: { in: others } },
    select: { id: true, email: true, name: true },
  });
  let told = 0;
  for (const user of users) {
    const outcome = await notify(tx, {
      userId: user.id,
      kind: "idea",
      title: message.title,
      url,
      actorId,
      groupKey: message.groupKey,
      excerpt: message.excerpt,
    });
    if (outcome === "skipped") continue;
    told++;
    if (preferences.get(user.id)?.idea)
      await enqueueNotificationEmail(tx, {
        to: user,
        kind: "idea",
        subject: message.subject,
        paragraphs: message.paragraphs,
        path: url,
      });
  }
  return told;
}

/**
 * A status change, told to the idea's whole audience. Shipping is told once per person: the
 * notification is keyed by the idea, and an idea never leaves Shipped (app/ideas/rules.ts).
 */
export async function onIdeaStatusChanged(
  tx: Tx,
  event: { idea: IdeaRef; from: IdeaStatus; to: IdeaStatus; comment: string; actorId: string },
) {
  const audience = await ideaAudience(tx, event.idea.id);
  const label = STATUS_LABELS[event.to];
  const shipped = event.to === "shipped";
  const title = shipped ? `Shipped: ${quoted(event.idea.title)}` : `${quoted(event.idea.title)} is now ${label}`;
  const paragraphs = [
    shipped
      ? `Good news: the idea ${quoted(event.idea.title)}, which you asked for, has shipped.`
      : `The idea ${quoted(event.idea.title)}, which you voted for or follow, moved from ${STATUS_LABELS[event.from]} to ${label}.`,
    ...(event.comment ? [event.comment] : []),
  ];
  if (shipped) {
    // Told once: anyone already told that this idea shipped is not told again.
    const already = new Set(
      (
        await tx.notification.findMany({
          where: { groupKey: `idea-shipped:${event.idea.id}` },
          select: { userId: true },
        })
      ).map((row) => row.userId),
    );
    return tell(
      tx,
      event.idea,
      event.actorId,
      audience.filter((userId) => !already.has(userId)),
      { title, subject: title, paragraphs, groupKey: `idea-shipped:${event.idea.id}`, excerpt: event.comment },
    );
  }
  return tell(tx, event.idea, event.actorId, audience, {
    title,
    subject: title,
    paragraphs,
    groupKey: null,
    excerpt: event.comment,
  });
}

/** A public comment by staff, told to the idea's audience (members' comments notify nobody: they would be noise). */
export async function onStaffComment(
  tx: Tx,
  event: { idea: IdeaRef; actorId: string; actorName: string; excerpt: string },
) {
  const audience = await ideaAudience(tx, event.idea.id);
  const title = `${event.actorName} commented on ${quoted(event.idea.title)}`;
  return tell(tx, event.idea, event.actorId, audience, {
    title,
    subject: title,
    paragraphs: [`${event.actorName} from the TechFlow team commented on an idea you follow.`, event.excerpt],
    groupKey: null,
    excerpt: event.excerpt,
  });
}
