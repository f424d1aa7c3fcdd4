import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/lib/db.server";
import { MIGRATION_SETS, latestSnapshot } from "../../scripts/db-migration";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, derivePostgresSchema } from "../../scripts/db-schemas";

describe("migrations", () => {
  it.each(MIGRATION_SETS.map((set) => [set.provider, set] as const))(
    "%s migrations agree with prisma/schema.prisma (run `npm run db:migration -- <name>` after a schema change)",
    (_provider, set) => {
      const snapshot = latestSnapshot(set.folder);
      expect(snapshot).not.toBeNull();
      const diff = spawnSync(
        "npx",
        [
          "prisma",
          "migrate",
          "diff",
          "--from-schema-datamodel",
          snapshot!,
          "--to-schema-datamodel",
          set.schema,
          "--exit-code",
        ],
        {
          encoding: "utf8",
        },
      );
      expect(diff.stdout + diff.stderr).toContain("No difference detected");
      expect(diff.status).toBe(0);
    },
  );

  it("keep the PostgreSQL schema derived from prisma/schema.prisma (run `npm run db:generate`)", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("build the tables the app uses in a migrated database", async () => {
    const db = createPrismaClient();
    const vote = await db.helpfulVote.create({ data: { pageId: "kb/x", visitorId: "v1", helpful: true } });
    expect(vote.id).toBeTruthy();
    await expect(
      db.helpfulVote.create({ data: { pageId: "kb/x", visitorId: "v1", helpful: false } }),
    ).rejects.toThrow();
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
