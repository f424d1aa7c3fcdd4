import { contentBuildId } from "../content/store.server";
import { pgPool } from "../lib/db.server";
import { env, isDevelopment, searchDbFile } from "../lib/env.server";
import { indexContentBuild } from "./content-sync.server";
import { createEmbeddedEngine } from "./embedded.server";
import { createMeilisearchEngine } from "./meilisearch.server";
import { createPostgresEngine } from "./postgres.server";
import { SITE_DOCUMENT_TYPES, type SearchEngine, type SearchParams, type SearchResult } from "./types";

/**
 * Picks the engine that answers: Meilisearch when MEILI_URL is set, the
 * embedded FTS5 index otherwise, and the embedded index whenever Meilisearch
 * fails or is slow. After a failure Meilisearch is left alone for a short
 * while, then tried again, so the site recovers by itself.
 */

const RETRY_AFTER_FAILURE_MS = 15_000;

let embedded: SearchEngine | null = null;
let meilisearch: SearchEngine | null | undefined;
let meilisearchWriter: SearchEngine | null | undefined;
let meiliFailedAt = 0;
let meiliLastError: string | null = null;

export function embeddedEngine(): SearchEngine {
  // On the PostgreSQL profile the local engine (default and fallback) is PostgreSQL full-text search in the
  // app's database: one always-current index that every instance shares (decision record 011).
  embedded ??= pgPool ? createPostgresEngine({ pool: pgPool }) : createEmbeddedEngine({ file: searchDbFile });
  return embedded;
}

/** Searches must answer within a second or fall back; writes upload batches and may take longer. */
const SEARCH_TIMEOUT_MS = 1000;
const WRITE_TIMEOUT_MS = 30_000;

function meilisearchEngine(): SearchEngine | null {
  if (meilisearch === undefined) {
    meilisearch = env.MEILI_URL
      ? createMeilisearchEngine({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, timeoutMs: SEARCH_TIMEOUT_MS })
      : null;
  }
  return meilisearch;
}

/** Every engine that must receive writes: the embedded index always (it is the fallback). */
export function indexingEngines(): SearchEngine[] {
  if (meilisearchWriter === undefined) {
    meilisearchWriter = env.MEILI_URL
      ? createMeilisearchEngine({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, timeoutMs: WRITE_TIMEOUT_MS })
      : null;
  }
  return meilisearchWriter ? [embeddedEngine(), meilisearchWriter] : [embeddedEngine()];
}

export type AnsweredSearch = SearchResult & { engine: SearchEngine["name"] };

let indexedContentBuild: string | null = null;

/**
 * In development the content store rebuilds edited articles on request; search
 * follows by build id, so an edited article is found on the next search.
 * (Content knows nothing of search: the dependency points this way only.)
 */
async function followContentBuildInDevelopment() {
  if (!isDevelopment) return;
  const buildId = await contentBuildId();
  if (buildId === indexedContentBuild) return;
  indexedContentBuild = buildId;
  await indexContentBuild(indexingEngines(), { full: false }).catch((error: Error) =>
    console.warn(`search: re-indexing the content build failed: ${error.message}`),
  );
}

export async function runSearch(asked: SearchParams): Promise<AnsweredSearch> {
  await followContentBuildInDevelopment();
  const params: SearchParams = asked.filters?.type?.length
    ? asked
    : { ...asked, filters: { ...asked.filters, type: [...SITE_DOCUMENT_TYPES] } };
  const meili = meilisearchEngine();
  if (meili && Date.now() - meiliFailedAt > RETRY_AFTER_FAILURE_MS) {
    try {
      const result = await meili.search(params);
      meiliLastError = null;
      return { ...result, engine: meili.name };
    } catch (error) {
      meiliFailedAt = Date.now();
      meiliLastError = (error as Error).message;
      console.warn(`search: Meilisearch failed, answering from the embedded index: ${meiliLastError}`);
    }
  }
  const engine = embeddedEngine();
  return { ...(await engine.search(params)), engine: engine.name };
}

export type SearchHealthWord = "ok" | "degraded" | "down";

export async function searchHealth(): Promise<{ status: SearchHealthWord; detail?: string }> {
  const local = await embeddedEngine().health();
  const meili = meilisearchEngine();
  if (!meili) return local.ok ? { status: "ok" } : { status: "down", detail: local.detail };
  const remote = await meili.health().catch((error: Error) => ({ ok: false, detail: error.message }));
  if (remote.ok && !meiliLastError) return { status: "ok" };
  if (remote.ok) meiliLastError = null;
  if (!local.ok) return { status: "down", detail: local.detail };
  return remote.ok
    ? { status: "ok" }
    : { status: "degraded", detail: remote.detail ?? meiliLastError ?? "Meilisearch unreachable" };
}
