import type { PrismaClient } from "../generated/prisma/client";
import { readCompiledPage, type Manifest, type PageMeta } from "../content/build.server";
import { mapWithConcurrency } from "../lib/queue";
import { contentDocuments } from "./content-documents.server";
import type { IndexState } from "./index-state.server";
import type { SearchDocument, SearchEngine } from "./types";

/** Readers' verdict on each page as 0..1: "yes" votes over all votes, damped for pages with few votes. */
export async function pagePopularity(db: PrismaClient): Promise<Map<string, number>> {
  // A build on a machine with no database yet (CI, a fresh clone) indexes without the boost.
  const rows = await db.helpfulVote.groupBy({ by: ["pageId", "helpful"], _count: { _all: true } }).catch((error: Error) => {
    console.warn(`search: no helpfulness votes read (${error.message.split("\n")[0]}); ranking without them.`);
    return [];
  });
  const tally = new Map<string, { yes: number; total: number }>();
  for (const row of rows) {
    const entry = tally.get(row.pageId) ?? { yes: 0, total: 0 };
    entry.total += row._count._all;
    if (row.helpful) entry.yes += row._count._all;
    tally.set(row.pageId, entry);
  }
  return new Map([...tally].map(([pageId, { yes, total }]) => [pageId, yes / (total + 2)]));
}

function indexable(page: PageMeta, includeDrafts: boolean) {
  return includeDrafts || !page.frontmatter.draft;
}

async function documentsFor(pages: PageMeta[], cacheDir: string, popularity: Map<string, number>): Promise<SearchDocument[]> {
  const perPage = await mapWithConcurrency(pages, 8, async (page) => {
    const compiled = await readCompiledPage(cacheDir, page.hash);
    return compiled ? contentDocuments(page, compiled, popularity.get(page.id) ?? 0) : [];
  });
  return perPage.flat();
}

export type SyncReport = { upsertedPages: number; deletedPages: number; documents: number; full: boolean };

/**
 * Brings the engines up to date with a content build: pages whose hash changed
 * are re-indexed, removed pages are deleted, the rest is left alone. An empty
 * or unknown index state means a full rebuild.
 */
export async function syncContentIndex(options: {
  engines: SearchEngine[];
  state: IndexState;
  manifest: Manifest;
  cacheDir: string;
  popularity: Map<string, number>;
  includeDrafts: boolean;
  full?: boolean;
  onProgress?: (done: number, total: number) => void;
}): Promise<SyncReport> {
  const { engines, state, manifest, cacheDir, popularity, includeDrafts, onProgress } = options;
  const pages = manifest.pages.filter((page) => indexable(page, includeDrafts));
  const indexed = state.all();
  const full = options.full || indexed.size === 0;
  const wanted = new Map(pages.map((page) => [page.id, page.hash]));

  if (full) {
    const documents = await documentsFor(pages, cacheDir, popularity);
    // Only content is replaced: documents of other sources (account pages, forum threads…) stay.
    for (const engine of engines) await engine.replaceSource("content", documents, onProgress);
    state.replace(wanted);
    return { upsertedPages: pages.length, deletedPages: 0, documents: documents.length, full: true };
  }

  const changed = pages.filter((page) => indexed.get(page.id) !== page.hash);
  const removed = [...indexed.keys()].filter((pageId) => !wanted.has(pageId));
  const documents = await documentsFor(changed, cacheDir, popularity);
  for (const engine of engines) {
    const stale = [...changed.map((page) => page.id), ...removed];
    if (stale.length) await engine.deleteByPageIds(stale);
    if (documents.length) await engine.upsert(documents);
  }
  state.replace(wanted);
  return { upsertedPages: changed.length, deletedPages: removed.length, documents: documents.length, full: false };
}

/** Every document of the content build, for a rebuild of the whole index. */
export async function contentBuildDocuments(manifest: Manifest, cacheDir: string, popularity: Map<string, number>, includeDrafts: boolean) {
  return documentsFor(manifest.pages.filter((page) => indexable(page, includeDrafts)), cacheDir, popularity);
}
