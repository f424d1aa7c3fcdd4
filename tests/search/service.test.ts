import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeMeilisearch, type FakeMeilisearch } from "./meili/fake-meilisearch";
import { doc } from "./contract";

/**
 * Meilisearch slow or down: the site answers from the embedded index, /healthz
 * says "degraded", and Meilisearch is used again once it answers.
 */
let fake: FakeMeilisearch;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-service-"));

beforeAll(async () => {
  fake = await startFakeMeilisearch();
  process.env.MEILI_URL = fake.url;
  process.env.SEARCH_DB = path.join(tmp, "search.db");
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("search service with Meilisearch configured", () => {
  it("answers from the embedded index within about a second when Meilisearch is slow, and reports degraded", async () => {
    const service = await import("~/search/service.server");
    await service
      .embeddedEngine()
      .upsert([doc({ id: "kb/fallback", title: "Fallback works", body: "answered locally" })]);
    fake.delayFor = (request) => (request.path.endsWith("/search") || request.path === "/health" ? 2000 : 0);
    const started = performance.now();
    const answer = await service.runSearch({ query: "fallback" });
    expect(performance.now() - started).toBeLessThan(1800);
    expect(answer.engine).toBe("embedded");
    expect(answer.hits.map((hit) => hit.id)).toEqual(["kb/fallback"]);
    expect((await service.searchHealth()).status).toBe("degraded");
  });

  it("uses Meilisearch when it answers", async () => {
    fake.delayFor = () => 0;
    const service = await import("~/search/service.server");
    expect((await service.searchHealth()).status).toBe("ok");
  });
});
