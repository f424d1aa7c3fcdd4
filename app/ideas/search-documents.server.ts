import { markdownToPlainText } from "../lib/markdown";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { enqueueTask, registerTaskHandler } from "../lib/task-queue.server";
import type { SearchSourceDefinition } from "../search/sources.server";
import type { SearchDocument } from "../search/types";
import { ideaPath, STATUS_LABELS, type IdeaStatus } from "./rules";

/**
 * Ideas as a search source: one public document per visible idea (title and description), its
 * product area as category and its status as a tag. Votes are its popularity (a ranking boost),
 * and declined ideas rank lower, so a search leads to what is alive. Hidden and merged ideas are
 * not documents.
 */
type IndexedIdea = {
  id: number;
  slug: string;
  title: string;
  descriptionMarkdown: string;
  status: string;
  voteCount: number;
  hiddenAt: Date | null;
  mergedIntoId: number | null;
  updatedAt: Date;
  area: { slug: string };
};

export function ideaDocumentId(id: number) {
  return `ideas/${id}`;
}

export function ideaDocument(idea: IndexedIdea): SearchDocument | null {
  if (idea.hiddenAt || idea.mergedIntoId !== null) return null;
  const status = idea.status as IdeaStatus;
  const votes = Math.min(1, Math.log10(1 + idea.voteCount) / 2);
  return {
    id: ideaDocumentId(idea.id),
    type: "idea",
    source: "ideas",
    visibility: "public",
    pageId: ideaDocumentId(idea.id),
    url: ideaPath(idea),
    title: idea.title,
    section: "",
    body: `${markdownToPlainText(idea.descriptionMarkdown)}\n\nStatus: ${STATUS_LABELS[status] ?? idea.status}. ${idea.voteCount} votes.`,
    category: idea.area.slug,
    tags: [`status:${idea.status}`],
    updatedAt: idea.updatedAt.toISOString(),
    popularity: status === "declined" ? votes / 4 : votes,
  };
}

const SELECT = {
  id: true,
  slug: true,
  title: true,
  descriptionMarkdown: true,
  status: true,
  voteCount: true,
  hiddenAt: true,
  mergedIntoId: true,
  updatedAt: true,
  area: { select: { slug: true } },
} as const;

export async function syncIdeaSearch(ids: readonly number[]) {
  // Imported when needed: search/writes → service → sources → this module would otherwise be an import cycle.
  const { indexDocuments, removeDocuments } = await import("../search/writes.server");
  const ideas = await prisma.idea.findMany({ where: { id: { in: [...ids] } }, select: SELECT });
  const documents = ideas.map(ideaDocument).filter((document): document is SearchDocument => document !== null);
  const kept = new Set(documents.map((document) => document.id));
  await removeDocuments(
    "ideas",
    ids.map(ideaDocumentId).filter((id) => !kept.has(id)),
  );
  await indexDocuments("ideas", documents);
}

const INDEX_IDEA = "ideas:index";

/**
 * Queues each idea's search document to be rewritten after the write commits (decision record 018):
 * the write's transaction holds the task, so a crash cannot lose it, and an unreachable search engine
 * makes the task retry with backoff (shown on /admin/jobs) instead of failing the staff member's action.
 * One pending task per idea, however many changes arrive before it runs.
 */
export async function queueIdeaIndexing(tx: Prisma.TransactionClient, ids: readonly number[]) {
  for (const id of new Set(ids)) await enqueueTask(tx, INDEX_IDEA, { id }, { dedupeKey: `${INDEX_IDEA}:${id}` });
}

registerTaskHandler(INDEX_IDEA, async (payload) => {
  const id = (payload as { id?: unknown } | null)?.id;
  if (typeof id !== "number" || !Number.isInteger(id)) throw new Error('task payload has no integer "id"');
  await syncIdeaSearch([id]);
});

export const ideasSearchSource: SearchSourceDefinition = {
  name: "ideas",
  async listDocuments() {
    const ideas = await prisma.idea.findMany({
      where: { hiddenAt: null, mergedIntoId: null },
      select: SELECT,
      orderBy: { id: "asc" },
    });
    return ideas.map(ideaDocument).filter((document): document is SearchDocument => document !== null);
  },
};
