import { readManifest } from "../content/build.server";
import { prisma } from "../lib/db.server";
import { contentCacheDir, showDrafts } from "../lib/env.server";
import { forumSearchSource } from "../forum/search-documents.server";
import { ideasSearchSource } from "../ideas/search-documents.server";
import { ticketsSearchSource } from "../tickets/search-documents.server";
import { accountPageDocuments } from "./account-pages";
import { contentBuildDocuments, pagePopularity } from "./indexer.server";
import type { SearchDocument, SourceName } from "./types";

/**
 * Everything the search index holds comes from a registered source. A source
 * lists all its documents (for `npm run search:reindex`, which rebuilds the
 * index from every source) and reports its own changes through
 * `indexDocuments` / `removeDocuments` (./writes.server.ts) in the request that
 * made them. A new source (forum threads, ideas) is one line in SEARCH_SOURCES.
 */
export type SearchSourceDefinition = {
  name: SourceName;
  /** Every document of the source as it should be in the index now. */
  listDocuments(): Promise<SearchDocument[]>;
  /** Documents written in code (not data): refreshed on every content build, since a deploy may have changed them. */
  fromCode?: boolean;
};

const contentSource: SearchSourceDefinition = {
  name: "content",
  async listDocuments() {
    const manifest = await readManifest(contentCacheDir);
    if (!manifest) throw new Error("No content build found: run `npm run content:build` first.");
    return contentBuildDocuments(manifest, contentCacheDir, await pagePopularity(prisma), showDrafts);
  },
};

const accountPagesSource: SearchSourceDefinition = {
  name: "pages",
  listDocuments: async () => accountPageDocuments(),
  fromCode: true,
};

export const SEARCH_SOURCES: readonly SearchSourceDefinition[] = [contentSource, accountPagesSource, forumSearchSource, ideasSearchSource, ticketsSearchSource];

/** All documents of all sources, each checked to carry its source's name (a mislabelled one would survive the next rebuild of its real source). */
export async function allSourceDocuments(sources: readonly SearchSourceDefinition[] = SEARCH_SOURCES): Promise<{ documents: SearchDocument[]; bySource: Record<string, number> }> {
  const documents: SearchDocument[] = [];
  const bySource: Record<string, number> = {};
  for (const source of sources) {
    const listed = await source.listDocuments();
    const stray = listed.find((document) => document.source !== source.name);
    if (stray) throw new Error(`search source ${source.name} listed document ${stray.id} of source ${stray.source}`);
    documents.push(...listed);
    bySource[source.name] = listed.length;
  }
  return { documents, bySource };
}
