import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedEngine } from "~/search/embedded.server";
import type { SearchEngine } from "~/search/types";
import { defineSearchEngineContract, defineVisibilityContract, doc } from "./contract";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-search-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

defineSearchEngineContract("embedded FTS5", async () => createEmbeddedEngine({ file: path.join(tmp, "contract.db") }));
defineVisibilityContract("embedded FTS5", async () => createEmbeddedEngine({ file: path.join(tmp, "visibility.db") }));

describe("embedded engine: language features", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = createEmbeddedEngine({ file: path.join(tmp, "features.db") });
    await engine.replaceAll([
      doc({
        id: "kb/escalation",
        title: "How does escalation work?",
        body: "Our escalation process moves your ticket to senior engineers.",
      }),
      doc({
        id: "kb/priorities",
        title: "Choosing a priority",
        body: "Priority 1 is critical: a complete outage. Use it only when the system is down.",
      }),
      doc({ id: "kb/phone", title: "Phone support", body: "Call our main line during business hours." }),
      doc({ id: "kb/uptime", title: "Uptime guarantees", body: "Each plan guarantees a monthly availability." }),
      doc({ id: "kb/cafe", title: "Café rules", body: "Résumé of the naïve coöperation policy." }),
      doc({ id: "kb/numbers", title: "Ticket 12345", body: "Reference number 12345 and version 2026." }),
    ]);
  });
  afterAll(() => engine.close());

  const ids = async (query: string) => (await engine.search({ query })).hits.map((hit) => hit.id);

  it("stems English words: escalating finds escalation", async () => {
    expect(await ids("escalating")).toContain("kb/escalation");
  });

  it("matches the word being typed as a prefix", async () => {
    expect(await ids("escal")).toContain("kb/escalation");
    expect(await ids("how does esc")).toContain("kb/escalation");
  });

  it("tolerates typos by word length and says what it searched", async () => {
    const result = await engine.search({ query: "escalaton proces" });
    expect(result.hits.map((hit) => hit.id)).toContain("kb/escalation");
    expect(result.correctedQuery).toBe("escalation proces");
    expect(await ids("priorty")).toContain("kb/priorities"); // 7 letters: one typo
    expect(await ids("phnoe")).toContain("kb/phone"); // a swap of neighbours counts as one typo, as in Meilisearch
    expect(await ids("phxnx")).toEqual([]); // two typos in a five-letter word is too many
  });

  it("allows no typos in short words and numbers", async () => {
    expect(await ids("cll")).toEqual([]); // one edit from "call", but three letters allow none
    expect(await ids("12346")).toEqual([]);
    expect(await ids("12345")).toEqual(["kb/numbers"]);
  });

  it("applies synonyms in both directions, including phrases", async () => {
    expect(await ids("p1")).toContain("kb/priorities");
    expect(await ids("sla")).toContain("kb/uptime");
    expect(await ids("telephone")).toContain("kb/phone");
  });

  it("ignores accents", async () => {
    expect(await ids("cafe resume naive")).toEqual(["kb/cafe"]);
  });

  it("falls back to any word when no page has them all", async () => {
    expect(await ids("escalation unicorns")).toContain("kb/escalation");
  });

  it("boosts pages readers found helpful, all else equal, and breaks ties by id", async () => {
    const twins = createEmbeddedEngine({ file: path.join(tmp, "twins.db") });
    await twins.replaceAll([
      doc({ id: "kb/a", title: "Reset a password", body: "Reset steps.", popularity: 0 }),
      doc({ id: "kb/b", title: "Reset a password", body: "Reset steps.", popularity: 0.9 }),
      doc({ id: "kb/c", title: "Reset a password", body: "Reset steps.", popularity: 0 }),
    ]);
    expect((await twins.search({ query: "reset password" })).hits.map((hit) => hit.id)).toEqual([
      "kb/b",
      "kb/a",
      "kb/c",
    ]);
    await twins.close();
  });

  it("persists in its own file", async () => {
    const file = path.join(tmp, "persist.db");
    const first = createEmbeddedEngine({ file });
    await first.upsert([doc({ id: "kb/kept", title: "Kept across restarts", body: "durable" })]);
    await first.close();
    const second = createEmbeddedEngine({ file });
    expect((await second.search({ query: "durable" })).hits.map((hit) => hit.id)).toEqual(["kb/kept"]);
    await second.close();
  });
});
