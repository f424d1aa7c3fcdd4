import { describe, expect, it } from "vitest";
import { createMeilisearchEngine } from "~/search/meilisearch.server";
import { defineSearchEngineContract, defineVisibilityContract } from "./contract";

/**
 * The same contract suites as the embedded engine, against a live Meilisearch:
 * MEILI_URL=http://127.0.0.1:7700 MEILI_MASTER_KEY=… npx vitest run tests/search/meilisearch-live.test.ts
 * Each run uses indexes of its own and deletes them afterwards. Without
 * MEILI_URL the suite is reported as skipped, with the reason, never as passed.
 */
const MEILI_URL = process.env.MEILI_URL;
const SKIP_REASON = "MEILI_URL is not set: the live Meilisearch contract suite needs a running server";

if (!MEILI_URL) console.info(`meilisearch-live: skipped (${SKIP_REASON})`);

function liveEngine(suffix: string) {
  if (!MEILI_URL) throw new Error(SKIP_REASON);
  const apiKey = process.env.MEILI_MASTER_KEY;
  const indexUid = `help_center_${suffix}_${Date.now()}`;
  const engine = createMeilisearchEngine({ url: MEILI_URL, apiKey, indexUid, timeoutMs: 5000 });
  const close = engine.close.bind(engine);
  engine.close = async () => {
    await close();
    await fetch(new URL(`/indexes/${indexUid}`, MEILI_URL), {
      method: "DELETE",
      headers: apiKey ? { Authorization: `Bearer ${apiKey}` } : {},
    }).catch(() => undefined);
  };
  return engine;
}

describe.skipIf(!MEILI_URL)(`Meilisearch (live)${MEILI_URL ? "" : `: skipped, ${SKIP_REASON}`}`, () => {
  it.skipIf(!MEILI_URL)(
    `reaches ${MEILI_URL ?? "a live server"}, and an index of its own keeps the record of its content pages`,
    async () => {
      const engine = liveEngine("record");
      try {
        expect(await engine.health()).toEqual({ ok: true });
        await engine.init();
        expect(await engine.indexedContentPages()).toEqual(new Map());
        const pages = new Map([
          ["kb/how-does-escalation-work", "a1b2"],
          ["docs/api/rate-limits", "c3d4"],
        ]);
        await engine.recordContentPages(pages);
        expect(await engine.indexedContentPages()).toEqual(pages);
        // The record is never a hit, not even for staff with an empty query.
        expect((await engine.search({ query: "", viewer: { kind: "staff" } })).hits).toEqual([]);
      } finally {
        await engine.close();
      }
    },
  );
  if (!MEILI_URL) return;
  defineSearchEngineContract("Meilisearch (live)", async () => liveEngine("contract"));
  defineVisibilityContract("Meilisearch (live)", async () => liveEngine("visibility"));
});
