import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/lib/db.server";

const MIGRATIONS = path.resolve("prisma/migrations");

describe("migrations", () => {
  it("agree with prisma/schema.prisma (run `npm run db:migration -- <name>` after a schema change)", () => {
    const latest = fs
      .readdirSync(MIGRATIONS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .at(-1);
    expect(latest).toBeDefined();
    const snapshot = path.join(MIGRATIONS, latest!, "schema.snapshot.prisma");
    const diff = spawnSync("npx", ["prisma", "migrate", "diff", "--from-schema-datamodel", snapshot, "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], {
      encoding: "utf8",
    });
    expect(diff.stdout + diff.stderr).toContain("No difference detected");
    expect(diff.status).toBe(0);
  });

  it("build the tables the app uses in a migrated database", async () => {
    const db = createPrismaClient();
    const vote = await db.helpfulVote.create({ data: { pageId: "kb/x", visitorId: "v1", helpful: true } });
    expect(vote.id).toBeTruthy();
    await expect(db.helpfulVote.create({ data: { pageId: "kb/x", visitorId: "v1", helpful: false } })).rejects.toThrow();
    await db.$disconnect();
  });

  it("seed is idempotent", () => {
    const run = () => execFileSync("npx", ["tsx", "prisma/seed.ts"], { encoding: "utf8", env: process.env });
    run();
    const db = createPrismaClient();
    return db.helpfulVote.count().then(async (first) => {
      run();
      expect(await db.helpfulVote.count()).toBe(first);
      expect(first).toBeGreaterThan(0);
      await db.$disconnect();
    });
  });
});
