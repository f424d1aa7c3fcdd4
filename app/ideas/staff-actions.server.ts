/** Staff changes to one idea: its status (with the history and notifications), editing, hiding and pinning. */
import { can } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { renderMarkdown } from "../lib/markdown";
import { Refusal } from "../lib/refusal";
import { purgeIdeaPages } from "./cache.server";
import { onIdeaStatusChanged } from "./events.server";
import { checkTransition, ideaPath, ideaSlug, isIdeaStatus, STATUS_LABELS, type IdeaStatus } from "./rules";
import type { NewIdeaInput } from "./schemas";
import { queueIdeaIndexing } from "./search-documents.server";
import { afterTasksQueued } from "../lib/task-queue.server";
import { audit, loadIdea, require, type IdeaActor } from "./write-helpers.server";

export async function changeStatus(
  actor: IdeaActor,
  ideaId: number,
  to: IdeaStatus,
  comment: string,
  now = new Date(),
) {
  require(actor, can(actor, "idea:set-status"), "Only product managers and moderators can change an idea’s status.");
  const idea = await inRetriedTransaction(async (tx) => {
    const current = await loadIdea(tx, ideaId);
    if (current.mergedIntoId !== null)
      throw new Refusal(409, "A merged idea has no status of its own: change the idea it was merged into.");
    const from = isIdeaStatus(current.status) ? current.status : "open";
    const verdict = checkTransition(from, to, comment);
    if (!verdict.ok) throw new Refusal(409, verdict.message, { field: "status" });
    // The status is part of the WHERE: two staff changing the same idea at once cannot both move it from the same status.
    const moved = await tx.idea.updateMany({
      where: { id: ideaId, status: from },
      data: { status: to, statusNote: comment, statusChangedAt: now, ...(to === "shipped" ? { shippedAt: now } : {}) },
    });
    if (moved.count === 0)
      throw new Refusal(409, "Someone changed this idea’s status a moment ago: reload and try again.");
    await tx.ideaStatusChange.create({
      data: { ideaId, fromStatus: from, toStatus: to, comment, actorId: actor.id, createdAt: now },
    });
    await audit(tx, actor.id, "idea.status", ideaId, { from, to }, comment);
    await onIdeaStatusChanged(tx, { idea: current, from, to, comment, actorId: actor.id });
    await queueIdeaIndexing(tx, [ideaId]);
    return current;
  });
  purgeIdeaPages([ideaId]);
  await afterTasksQueued();
  return { url: ideaPath(idea), status: to, label: STATUS_LABELS[to] };
}

export async function editIdea(actor: IdeaActor, ideaId: number, input: NewIdeaInput) {
  require(actor, can(actor, "idea:moderate"), "Only staff can edit ideas.");
  const area = await prisma.ideaArea.findUnique({ where: { slug: input.area } });
  if (!area) throw new Refusal(400, "Choose a product area from the list.", { field: "area" });
  const idea = await inRetriedTransaction(async (tx) => {
    const before = await loadIdea(tx, ideaId);
    const updated = await tx.idea.update({
      where: { id: ideaId },
      data: {
        title: input.title,
        slug: ideaSlug(input.title),
        descriptionMarkdown: input.description,
        descriptionHtml: renderMarkdown(input.description),
        areaId: area.id,
      },
    });
    await audit(tx, actor.id, "idea.edit", ideaId, { title: [before.title, updated.title] });
    await queueIdeaIndexing(tx, [ideaId]);
    return updated;
  });
  purgeIdeaPages([ideaId]);
  await afterTasksQueued();
  return { url: ideaPath(idea) };
}

export async function setHidden(actor: IdeaActor, ideaId: number, hidden: boolean, reason = "") {
  require(actor, can(actor, "idea:moderate"), "Only staff can hide ideas.");
  const idea = await inRetriedTransaction(async (tx) => {
    const current = await loadIdea(tx, ideaId);
    await tx.idea.update({ where: { id: ideaId }, data: { hiddenAt: hidden ? new Date() : null } });
    await audit(tx, actor.id, hidden ? "idea.hide" : "idea.unhide", ideaId, {}, reason);
    await queueIdeaIndexing(tx, [ideaId]);
    return current;
  });
  purgeIdeaPages([ideaId]);
  await afterTasksQueued();
  return { url: ideaPath(idea) };
}

export async function setPinned(actor: IdeaActor, ideaId: number, pinned: boolean) {
  require(actor, can(actor, "idea:moderate"), "Only staff can pin ideas.");
  const idea = await inRetriedTransaction(async (tx) => {
    const current = await loadIdea(tx, ideaId);
    await tx.idea.update({ where: { id: ideaId }, data: { pinned } });
    await audit(tx, actor.id, pinned ? "idea.pin" : "idea.unpin", ideaId, {});
    return current;
  });
  purgeIdeaPages([ideaId]);
  return { url: ideaPath(idea) };
}
