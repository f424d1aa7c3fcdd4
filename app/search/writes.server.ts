import { indexingEngines } from "./service.server";
import type { SearchDocument, SearchEngine, SourceName } from "./types";

/**
 * How a runtime source (forum, ideas, tickets) keeps its documents in the
 * index: call these in the request that made the change, after its
 * transaction committed, so the next search already sees it.
 */
export async function indexDocuments(
  source: SourceName,
  documents: SearchDocument[],
  engines: SearchEngine[] = indexingEngines(),
) {
  const stray = documents.find((document) => document.source !== source);
  if (stray) throw new Error(`indexDocuments(${source}) got document ${stray.id} of source ${stray.source}`);
  if (documents.length === 0) return;
  for (const engine of engines) await engine.upsert(documents);
}

/** Removes documents by id; a runtime source deletes a thread and its posts by listing their ids. */
export async function removeDocuments(source: SourceName, ids: string[], engines: SearchEngine[] = indexingEngines()) {
  if (ids.length === 0) return;
  for (const engine of engines) await engine.deleteByIds(ids);
}
