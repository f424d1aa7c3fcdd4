import { describe, expect, it } from "vitest";
import { can, type Actor } from "~/auth/permissions";
import { changelogAtom, escapeXml } from "~/ideas/atom";
import { planMerge, planUnmerge, type VoteRow } from "~/ideas/merge-math";
import {
  acceptsVotes,
  allowedTransitions,
  checkTransition,
  IDEA_STATUSES,
  parseIdeaListQuery,
  trendingScore,
} from "~/ideas/rules";
import { similarityScore, titleWords } from "~/ideas/similarity";

const NOW = new Date("2026-11-28T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

describe("trending score", () => {
  it("counts a vote cast now fully, halves it every 7 days and ignores votes 14 days or older", () => {
    expect(trendingScore([NOW], NOW)).toBeCloseTo(1);
    expect(trendingScore([daysAgo(7)], NOW)).toBeCloseTo(0.5);
    expect(trendingScore([daysAgo(13.9)], NOW)).toBeCloseTo(Math.pow(2, -13.9 / 7));
    expect(trendingScore([daysAgo(14), daysAgo(30)], NOW)).toBe(0);
  });

  it("ranks three votes this week above ten votes from last month", () => {
    const fresh = trendingScore([daysAgo(1), daysAgo(2), daysAgo(3)], NOW);
    const stale = trendingScore(
      Array.from({ length: 10 }, (_, index) => daysAgo(20 + index)),
      NOW,
    );
    expect(fresh).toBeGreaterThan(stale);
  });

  it("counts a vote from the future (clock skew) as now, not more", () => {
    expect(trendingScore([new Date(NOW.getTime() + 60_000)], NOW)).toBeCloseTo(1);
  });
});

describe("status transitions", () => {
  it("walks the road one step at a time: Open → Under review → Planned → In progress → Shipped", () => {
    expect(checkTransition("open", "under-review", "")).toEqual({ ok: true });
    expect(checkTransition("under-review", "planned", "")).toEqual({ ok: true });
    expect(checkTransition("planned", "in-progress", "")).toEqual({ ok: true });
    expect(checkTransition("in-progress", "shipped", "Out today.")).toEqual({ ok: true });
  });

  it("refuses skipping steps, leaving Shipped and standing still, with a sentence that says what is possible", () => {
    const skip = checkTransition("open", "shipped", "");
    expect(skip).toMatchObject({ ok: false });
    expect(!skip.ok && skip.message).toContain("Under review or Declined");
    expect(checkTransition("shipped", "open", "")).toMatchObject({
      ok: false,
      message: expect.stringContaining("shipped ideas keep their status"),
    });
    expect(checkTransition("planned", "planned", "")).toMatchObject({
      ok: false,
      message: "The idea is already Planned.",
    });
  });

  it("declines only with a reason, from any status but Shipped; a declined idea can be reopened", () => {
    for (const from of IDEA_STATUSES.filter((status) => status !== "shipped" && status !== "declined")) {
      expect(checkTransition(from, "declined", "  ")).toMatchObject({
        ok: false,
        message: expect.stringContaining("Say why"),
      });
      expect(checkTransition(from, "declined", "Covered by the status page.")).toEqual({ ok: true });
    }
    expect(allowedTransitions("declined")).toEqual(["open"]);
    expect(allowedTransitions("shipped")).toEqual([]);
  });

  it("takes votes only while open to change", () => {
    expect(IDEA_STATUSES.filter(acceptsVotes)).toEqual(["open", "under-review", "planned", "in-progress"]);
  });
});

const vote = (userId: string, mergedFromIdeaId: number | null = null): VoteRow => ({
  userId,
  importance: null,
  createdAt: NOW,
  mergedFromIdeaId,
});

describe("merge arithmetic", () => {
  it("moves the source's votes without duplicates: a voter of both keeps one vote", () => {
    const plan = planMerge(7, [vote("a"), vote("b"), vote("c")], [vote("b"), vote("d")]);
    expect(plan.move.map((row) => row.userId)).toEqual(["a", "c"]);
    expect(plan.move.every((row) => row.mergedFromIdeaId === 7)).toBe(true);
    expect(plan.overlap).toEqual(["b"]);
    // Unique voters of both: a, b, c, d.
    expect(plan.targetCount).toBe(4);
  });

  it("an undone merge puts every count back, overlapping voters included", () => {
    const source = [vote("a"), vote("b"), vote("c")];
    const target = [vote("b"), vote("d")];
    const merged = planMerge(7, source, target);
    const afterMerge = [...target, ...merged.move];
    const undo = planUnmerge(7, afterMerge, merged.overlap);
    expect(undo.moveBack.sort()).toEqual(["a", "c"]);
    expect(undo.restore).toEqual(["b"]);
    expect(undo.sourceCount).toBe(3);
    expect(undo.targetCount).toBe(2);
  });

  it("after a merge, a voter who took their moved vote back stays without a vote when the merge is undone", () => {
    const merged = planMerge(7, [vote("a"), vote("b")], [vote("b")]);
    const afterMerge = [vote("b"), ...merged.move].filter((row) => row.userId !== "a");
    const undo = planUnmerge(7, afterMerge, merged.overlap);
    expect(undo.moveBack).toEqual([]);
    expect(undo.sourceCount).toBe(1);
  });
});

describe("capabilities for ideas", () => {
  const actor = (role: Actor["role"]): Actor => ({ id: `u-${role}`, role, account: null });
  it("members submit, vote and comment; only moderators and admins change statuses and merge; all staff triage", () => {
    expect(can(actor("member"), "idea:vote")).toBe(true);
    expect(can(actor("member"), "idea:create")).toBe(true);
    expect(can(actor("member"), "idea:set-status")).toBe(false);
    expect(can(actor("member"), "idea:merge")).toBe(false);
    expect(can(actor("member"), "idea:triage")).toBe(false);
    expect(can(actor("agent"), "idea:triage")).toBe(true);
    expect(can(actor("agent"), "idea:set-status")).toBe(false);
    expect(can(actor("moderator"), "idea:set-status")).toBe(true);
    expect(can(actor("admin"), "idea:merge")).toBe(true);
    expect(can(null, "idea:vote")).toBe(false);
  });
});

describe("similar titles", () => {
  it("matches on content words, not on filler words", () => {
    const csv = titleWords("Export ticket reports to CSV");
    expect(similarityScore(titleWords("Add an export of reports"), csv)).toBeGreaterThanOrEqual(0.5);
    expect(similarityScore(titleWords("Please add dark mode"), csv)).toBe(0);
  });
});

describe("list query", () => {
  it("reads sort, filters and 'my votes', ignoring what it does not know", () => {
    expect(parseIdeaListQuery(new URLSearchParams("sort=trending&status=planned&area=api&mine=votes&page=2"))).toEqual({
      sort: "trending",
      status: "planned",
      area: "api",
      q: "",
      mine: true,
      page: 2,
    });
    expect(parseIdeaListQuery(new URLSearchParams("sort=DROP&status=<x>&area=../../&page=-1"))).toEqual({
      sort: "top",
      status: null,
      area: null,
      q: "",
      mine: false,
      page: 1,
    });
  });
});

describe("changelog feed", () => {
  it("escapes markup and drops characters XML forbids", () => {
    expect(escapeXml(`<script>"&'\u0001`)).toBe("&lt;script&gt;&quot;&amp;&apos;");
  });

  it("uses absolute links from the origin it is given", () => {
    const xml = changelogAtom(
      "https://help.example.com",
      [
        {
          id: 3,
          title: "A & B",
          url: "/ideas/3-a-b",
          releaseNote: "Out <now>",
          area: "API",
          shippedAt: NOW.toISOString(),
          summary: "",
        },
      ],
      NOW,
    );
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://help.example.com/ideas/3-a-b"/>');
    expect(xml).toContain('<title type="text">A &amp; B</title>');
    expect(xml).toContain(`<updated>${NOW.toISOString()}</updated>`);
    expect(xml).not.toContain("<now>");
  });
});
