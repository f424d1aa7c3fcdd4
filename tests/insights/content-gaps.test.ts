import { describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { contentGapQueue, dismissGap, draftArticle } from "~/insights/content-gaps.server";
import { rollupSearchAnalytics } from "~/insights/rollup.server";
import { prisma } from "~/lib/db.server";
import { createUser } from "../factories/accounts";

describe("the content-gap queue", () => {
  it("groups searches with the same words, ranks by evidence, drafts without customer data, and dismisses with a reason", async () => {
    const now = new Date();
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
    const rows = [
      ...Array.from({ length: 6 }, (_, index) => ({
        query: "zorblax widget setup",
        resultCount: 0,
        createdAt: at(10 + index),
      })),
      ...Array.from({ length: 3 }, (_, index) => ({
        query: "setup zorblax widgets",
        resultCount: 0,
        createdAt: at(20 + index),
      })),
      ...Array.from({ length: 2 }, (_, index) => ({
        query: "quibble frames",
        resultCount: 0,
        createdAt: at(30 + index),
      })),
    ];
    await prisma.searchQuery.createMany({
      data: rows.map((row) => ({ ...row, engine: "embedded", latencyMs: 2, source: "page" })),
    });
    await prisma.helpfulVote.create({
      data: {
        pageId: "kb/some-page",
        visitorId: "v-gap",
        helpful: false,
        comment: "Nothing about zorblax widget setup at all",
      },
    });
    await rollupSearchAnalytics(prisma, now);

    const queue = await contentGapQueue(now);
    const zorblax = queue.open.find((group) => group.key.includes("zorblax"));
    expect(zorblax).toBeDefined();
    // "zorblax widget setup" and "setup zorblax widgets" are the same words; the comment shares them too.
    expect(zorblax?.evidence.map((item) => item.kind).sort()).toEqual(["comment", "zero-result", "zero-result"]);
    expect(zorblax?.score).toBe(6 + 3 + 3);
    const quibble = queue.open.find((group) => group.key.includes("quibble"));
    expect(queue.open.indexOf(zorblax!)).toBeLessThan(queue.open.indexOf(quibble!));

    const draft = draftArticle(zorblax!, now);
    expect(draft.text).toMatch(/^---\ntitle: ".+\?"\nsummary: /);
    expect(draft.text).toContain("draft: true");
    expect(draft.text).toContain("searched 6 times (no results): zorblax widget setup");
    expect(draft.text).toContain('1 "What was missing?" comments');
    // The comment's own words (customer text) are not copied into the draft.
    expect(draft.text).not.toContain("Nothing about");

    const staff = await createUser({ role: "agent" });
    const actor: Actor = { id: staff.id, role: "agent", account: null };
    await dismissGap(actor, quibble!.key, "Not a product we sell");
    const after = await contentGapQueue(now);
    expect(after.open.some((group) => group.key === quibble!.key)).toBe(false);
    expect(after.dismissed.find((group) => group.key === quibble!.key)?.dismissed?.reason).toBe(
      "Not a product we sell",
    );
  });
});
