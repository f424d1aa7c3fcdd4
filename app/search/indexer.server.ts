import type { PrismaClient } from "../generated/prisma/client";
import { readCompiledPage, type Manifest, type PageMeta } from "../content/build.server";
import { mapWithConcurrency } from "../lib/queue";
import { contentDocuments } from "./content-documents.server";
import type { SearchDocument, SearchEngine } from "./types";

/** Readers' verdict on each page as 0..1: "yes" votes over all votes, damped for pages with few votes. */
export async function pagePopularity(db: PrismaClient): Promise<Map<string, number>> {
  // A build on a machine with no database yet (CI, a fresh clone) indexes without the boost.
  const rows = await db.helpfulVote
    .groupBy({ by: ["pageId", "helpful"], _count: { _all: true } })
    .catch((error: Error) => {
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

async function documentsFor(
  pages: PageMeta[],
  cacheDir: string,
  popularity: Map<string, number>,
): Promise<SearchDocument[]> {
  return [...(await documentsByPage(pages, cacheDir, popularity)).values()].flat();
}

async function documentsByPage(
  pages: PageMeta[],
  cacheDir: string,
  popularity: Map<string, number>,
): Promise<Map<string, SearchDocument[]>> {
  const perPage = await mapWithConcurrency(pages, 8, async (page) => {
    const compiled = await readCompiledPage(cacheDir, page.hash);
    return [page.id, compiled ? contentDocuments(page, compiled, popularity.get(page.id) ?? 0) : []] as const;
  });
  return new Map(perPage);
}

export type EngineSyncReport = {
  engine: SearchEngine["name"];
  upsertedPages: number;
  deletedPages: number;
  documents: number;
  full: boolean;
};

/** `engines` lines up with the engines synced; the totals are the largest of them (`full` when any was filled). */
export type SyncReport = {
  upsertedPages: number;
  deletedPages: number;
  documents: number;
  full: boolean;
  engines: EngineSyncReport[];
};

/**
 * Brings each engine up to date with a content build, by the content page versions that engine says it
 * holds (kept inside its own index): pages whose hash changed are re-indexed, removed pages are deleted,
 * the rest is left alone. An engine that holds none (a new database, file or Meilisearch index) gets all
 * content, even when the other engines are current. Each page is compiled into documents once.
 */
export async function syncContentIndex(options: {
  engines: SearchEngine[];
  manifest: Manifest;
  cacheDir: string;
  popularity: Map<string, number>;
  includeDrafts: boolean;
  full?: boolean;
  onProgress?: (done: number, total: number) => void;
}): Promise<SyncReport> {
  const { engines, manifest, cacheDir, popularity, includeDrafts, onProgress } = options;
  const pages = manifest.pages.filter((page) => indexable(page, includeDrafts));
  const wanted = new Map(pages.map((page) => [page.id, page.hash]));
  const compiled = new Map<string, SearchDocument[]>();
  async function documentsOf(list: PageMeta[]) {
    const missing = list.filter((page) => !compiled.has(page.id));
    for (const [pageId, documents] of await documentsByPage(missing, cacheDir, popularity))
      compiled.set(pageId, documents);
    return list.flatMap((page) => compiled.get(page.id) ?? []);
  }

  const reports: EngineSyncReport[] = [];
  for (const engine of engines) {
    const indexed = await engine.indexedContentPages();
    const full = options.full || indexed.size === 0;
    if (full) {
      const documents = await documentsOf(pages);
      // Only content is replaced: documents of other sources (account pages, forum threads…) stay.
      await engine.replaceSource("content", documents, onProgress);
      reports.push({
        engine: engine.name,
        upsertedPages: pages.length,
        deletedPages: 0,
        documents: documents.length,
        full: true,
      });
    } else {
      const changed = pages.filter((page) => indexed.get(page.id) !== page.hash);
      const removed = [...indexed.keys()].filter((pageId) => !wanted.has(pageId));
      const documents = await documentsOf(changed);
      const stale = [...changed.map((page) => page.id), ...removed];
      if (stale.length) await engine.deleteByPageIds(stale);
      if (documents.length) await engine.upsert(documents);
      reports.push({
        engine: engine.name,
        upsertedPages: changed.length,
        deletedPages: removed.length,
        documents: documents.length,
        full: false,
      });
    }
    // After the documents: a build that fails halfway leaves the old record, and the next build redoes the pages.
    await engine.recordContentPages(wanted);
  }
  const most = (key: "upsertedPages" | "deletedPages" | "documents") =>
    Math.max(0, ...reports.map((report) => report[key]));
  return {
    upsertedPages: most("upsertedPages"),
    deletedPages: most("deletedPages"),
    documents: most("documents"),
    full: reports.some((report) => report.full),
    engines: reports,
  };
}

/** Every document of the content build, for a rebuild of the whole index. */
export async function contentBuildDocuments(
  manifest: Manifest,
  cacheDir: string,
  popularity: Map<string, number>,
  includeDrafts: boolean,
) {
  return documentsFor(
    manifest.pages.filter((page) => indexable(page, includeDrafts)),
    cacheDir,
    popularity,
  );
}
