import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { recordAudit } from "../audit/audit.server";
import { afterChange, inModerationTransaction, loadThread, refuseUnless } from "./moderation-common.server";
import { threadPath } from "./paths";

/** What moderators do to a whole thread in place: lock, pin, and move it to another category. */

type ThreadFlag = "locked" | "pinned";

async function setThreadFlag(
  actor: Actor,
  threadId: number,
  flag: ThreadFlag,
  value: boolean,
  reason: string,
  now: Date,
) {
  const action = flag === "locked" ? "forum:thread:lock" : "forum:thread:pin";
  refuseUnless(
    can(actor, action),
    `Only moderators can ${flag === "locked" ? "lock or unlock" : "pin or unpin"} threads.`,
  );
  const thread = await loadThread(threadId);
  const verb = flag === "locked" ? (value ? "lock" : "unlock") : value ? "pin" : "unpin";
  if (thread[flag] === value)
    throw new Refusal(409, `That thread is already ${value ? flag : flag === "locked" ? "unlocked" : "unpinned"}.`);
  await inModerationTransaction(async (tx) => {
    await tx.forumThread.update({ where: { id: threadId }, data: { [flag]: value } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: `thread.${verb}`,
        subjectType: "thread",
        subjectId: threadId,
        reason,
        details: { category: thread.category.slug },
      },
      now,
    );
  });
  await afterChange([threadId], [thread.category.slug]);
  return { url: threadPath(thread) };
}

/** A locked thread takes no new replies (posting refuses with 403); it stays readable. */
export function setThreadLocked(actor: Actor, threadId: number, locked: boolean, reason = "", now = new Date()) {
  return setThreadFlag(actor, threadId, "locked", locked, reason, now);
}

/** A pinned thread leads its category's list (and the latest list). */
export function setThreadPinned(actor: Actor, threadId: number, pinned: boolean, reason = "", now = new Date()) {
  return setThreadFlag(actor, threadId, "pinned", pinned, reason, now);
}

export async function moveThread(actor: Actor, threadId: number, categorySlug: string, reason = "", now = new Date()) {
  refuseUnless(can(actor, "forum:thread:move"), "Only moderators can move threads.");
  const thread = await loadThread(threadId);
  const target = await prisma.forumCategory.findUnique({ where: { slug: categorySlug } });
  if (!target) throw new Refusal(404, "That category does not exist.");
  if (target.id === thread.categoryId) throw new Refusal(409, `That thread is already in ${target.name}.`);
  await inModerationTransaction(async (tx) => {
    await tx.forumThread.update({ where: { id: threadId }, data: { categoryId: target.id } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "thread.move",
        subjectType: "thread",
        subjectId: threadId,
        reason,
        details: { from: thread.category.slug, to: target.slug },
      },
      now,
    );
  });
  await afterChange([threadId], [thread.category.slug, target.slug]);
  return { url: threadPath(thread) };
}
