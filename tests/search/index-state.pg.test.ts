import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { indexContentBuild } from "~/search/content-sync.server";
import { createPostgresEngine } from "~/search/postgres.server";
import { POSTGRES_PREFIX, postgresUrl } from "../setup/paths";
import { quoteIdent, withAdmin } from "../setup/postgres";

/**
 * The PostgreSQL index keeps the record of which content it holds in its own database, so pointing the
 * app at a new database (same content cache, same machine) and running the content build fills it.
 * Runs on PostgreSQL only (npm run test:integration:pg); both databases are this run's throw-away ones.
 */
const ESCALATION_ARTICLE = "/kb/how-does-escalation-work";
const pools: pg.Pool[] = [];

async function freshDatabase(name: string) {
  const database = `${POSTGRES_PREFIX}_${name}`;
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  });
  const pool = new pg.Pool({ connectionString: postgresUrl(database) });
  pools.push(pool);
  return createPostgresEngine({ pool });
}

afterAll(async () => {
  for (const pool of pools) await pool.end();
});

async function pagesFound(engine: ReturnType<typeof createPostgresEngine>, query: string) {
  return (await engine.search({ query, filters: { type: ["article"] } })).hits.map((hit) => hit.url.split("#")[0]);
}

describe("a new PostgreSQL database gets the search index from the content build", () => {
  it("builds content into one database, then fills a fresh one from the same content cache", async () => {
    const first = await freshDatabase("search_first");
    expect((await indexContentBuild([first], { full: false })).full).toBe(true);
    expect(await pagesFound(first, "escalation")).toContain(ESCALATION_ARTICLE);
    expect(await indexContentBuild([first], { full: false })).toMatchObject({
      full: false,
      upsertedPages: 0,
      deletedPages: 0,
    });

    const fresh = await freshDatabase("search_fresh");
    const report = await indexContentBuild([fresh], { full: false });
    expect(report.full).toBe(true);
    expect(await pagesFound(fresh, "escalation")).toContain(ESCALATION_ARTICLE);
    // The first database keeps its own record: still nothing to do there.
    expect((await indexContentBuild([first], { full: false })).upsertedPages).toBe(0);
  });
});
