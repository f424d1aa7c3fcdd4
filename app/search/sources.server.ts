import { readManifest } from "../content/build.server";
import { prisma } from "../lib/db.server";
import { contentCacheDir, showDrafts } from "../lib/env.server";
import { accountPageDocuments } from "./account-pages";
import { contentBuildDocuments, pagePopularity } from "./indexer.server";
import type { SearchDocument, SourceName } from "./types";

/**
 * Everything the search index holds comes from a registered source. A source
 * lists all its documents (for `npm run search:reindex`, which rebuilds the
 * index from every source) and reports its own changes through
 * `indexDocuments` / `removeDocuments` (./writes.server.ts) in the request that
 * made them. Search owns the two sources that are its own (content builds and account pages); the
 * domains' sources (forum threads, ideas, tickets) are registered by the composition root
 * (app/composition.server.ts), so search never imports the domains that write to it.
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

const registeredSources = new Map<SourceName, SearchSourceDefinition>([
  [contentSource.name, contentSource],
  [accountPagesSource.name, accountPagesSource],
]);

/** Adds (or, registered again under the same name, replaces) sources; idempotent, so entry points may each call it. */
export function registerSearchSources(...sources: SearchSourceDefinition[]) {
  for (const source of sources) registeredSources.set(source.name, source);
}

/** Every registered source, in registration order. */
export function searchSources(): readonly SearchSourceDefinition[] {
  return [...registeredSources.values()];
}

/** All documents of all sources, each checked to carry its source's name (a mislabelled one would survive the next rebuild of its real source). */
export async function allSourceDocuments(
  sources: readonly SearchSourceDefinition[] = searchSources(),
): Promise<{ documents: SearchDocument[]; bySource: Record<string, number> }> {
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
