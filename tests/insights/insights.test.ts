import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { flushPageViews, countPageView } from "~/insights/page-views.server";
import { allTables, loadInsights } from "~/insights/insights.server";
import { parseRange } from "~/insights/range";
import { rollupSearchAnalytics } from "~/insights/rollup.server";
import { prisma } from "~/lib/db.server";
import { PLANS, priorityTargetMinutes, type Plan, type PriorityLevel } from "~/support/policy";
import { createAccount, createUser } from "../factories/accounts";

/**
 * A small, fully known data set in one week of March 2026 (no other test in this file's database
 * writes there). Every expected number below is computed from the arrays in this file, not by the
 * code under test.
 */
const NOW = new Date("2026-03-07T20:00:00Z");
const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 2, 1 + n, hour, 0, 0));
const range = (() => {
  const parsed = parseRange(new URLSearchParams("from=2026-03-01&to=2026-03-07"), NOW);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.range;
})();

type SearchSpec = { query: string; dayIndex: number; results: number };
const SEARCHES: SearchSpec[] = [];
const QUERIES = ["reset password", "export csv", "sso setup", "billing invoice", "api rate limit"];
for (let index = 0; index < 140; index++)
  SEARCHES.push({ query: QUERIES[index % 5], dayIndex: index % 7, results: index % 5 === 3 ? 0 : 3 });
for (let index = 0; index < 3; index++) SEARCHES.push({ query: "reset password", dayIndex: 5, results: 2 });
SEARCHES.push({ query: "previous week query", dayIndex: -3, results: 1 });
const CLICKS = [
  { query: "reset password", position: 1, dayIndex: 0 },
  { query: "reset password", position: 1, dayIndex: 1 },
  { query: "export csv", position: 2, dayIndex: 2 },
  { query: "sso setup", position: 1, dayIndex: 3 },
];

function rows(table: { rows: (string | number | null)[][] }) {
  return table.rows;
}

describe("insights on a seeded data set", () => {
  it("match numbers computed independently", async () => {
    // Search
    await prisma.searchQuery.createMany({
      data: SEARCHES.map((spec, index) => ({
        query: spec.query,
        engine: "embedded",
        resultCount: spec.results,
        latencyMs: 5,
        source: "page",
        createdAt: new Date(day(spec.dayIndex).getTime() + index * 1000),
      })),
    });
    await prisma.searchClick.createMany({
      data: CLICKS.map((click) => ({
        query: click.query,
        resultId: "kb/x",
        position: click.position,
        createdAt: day(click.dayIndex, 13),
      })),
    });
    await rollupSearchAnalytics(prisma, NOW);

    // Content: views counted the way the server counts them, votes with "what was missing?" comments.
    for (let index = 0; index < 7; index++) countPageView("/kb/reset-your-password", day(index));
    for (let index = 0; index < 3; index++) countPageView("/docs/api/tickets", day(2));
    countPageView("/kb/outside-range", day(-5));
    await flushPageViews();
    const voteRows = [
      { pageId: "kb/reset-your-password", helpful: true, comment: null },
      { pageId: "kb/reset-your-password", helpful: true, comment: null },
      { pageId: "kb/reset-your-password", helpful: false, comment: "No word on SSO accounts" },
    ];
    await prisma.helpfulVote.createMany({
      data: voteRows.map((vote, index) => ({
        ...vote,
        visitorId: `v-${index}-${randomUUID()}`,
        createdAt: day(1),
        updatedAt: day(1),
      })),
    });

    // Tickets, with their first-response due times from the policy (Enterprise is covered around the clock).
    const enterprise = await createAccount({ plan: "enterprise" });
    const requester = await createUser({ accountId: enterprise.id });
    const TICKETS: { priority: PriorityLevel; plan: Plan; dayIndex: number; respondAfter: number | null }[] = [
      { priority: 1, plan: "enterprise", dayIndex: 0, respondAfter: 10 },
      { priority: 1, plan: "enterprise", dayIndex: 1, respondAfter: 40 },
      { priority: 2, plan: "professional", dayIndex: 2, respondAfter: 60 },
      { priority: 3, plan: "standard", dayIndex: 3, respondAfter: null },
      { priority: 4, plan: "standard", dayIndex: 4, respondAfter: 5 },
    ];
    let seq = 900_000 + Math.floor(Math.random() * 50_000);
    const ticketIds: string[] = [];
    for (const spec of TICKETS) {
      seq += 1;
      const createdAt = day(spec.dayIndex, 9);
      const ticket = await prisma.ticket.create({
        data: {
          seq,
          number: `TF-2026-${seq}`,
          accountId: enterprise.id,
          requesterId: requester.id,
          subject: "Something broke",
          contactName: "Test",
          descriptionMarkdown: "x",
          descriptionHtml: "<p>x</p>",
          businessImpact: "some",
          usersAffected: "1",
          issueStartedAt: createdAt,
          priority: spec.priority,
          plan: spec.plan,
          createdAt,
          firstResponseDueAt: new Date(createdAt.getTime() + priorityTargetMinutes(spec.plan, spec.priority) * 60_000),
          firstRespondedAt:
            spec.respondAfter === null ? null : new Date(createdAt.getTime() + spec.respondAfter * 60_000),
        },
      });
      ticketIds.push(ticket.id);
    }
    await prisma.ticketEvent.createMany({
      data: [
        { ticketId: ticketIds[1], kind: "escalated", fromValue: "1", toValue: "2", createdAt: day(1, 11) },
        { ticketId: ticketIds[1], kind: "escalated", fromValue: "2", toValue: "3", createdAt: day(1, 13) },
      ],
    });
    await prisma.ticketSurvey.createMany({
      data: [
        { ticketId: ticketIds[0], rating: 5, answeredAt: day(2) },
        { ticketId: ticketIds[2], rating: 2, answeredAt: day(4) },
        { ticketId: ticketIds[4], rating: 4, answeredAt: day(5) },
      ],
    });

    // Deflection: 4 confirmed (2 held, 1 came back, 1 not settled), 1 gave up, 1 ended in a ticket.
    const SESSIONS = [
      { outcome: "confirmed", held: true, type: "article", doc: "kb/reset-your-password" },
      { outcome: "confirmed", held: true, type: "article", doc: "kb/reset-your-password" },
      { outcome: "confirmed", held: false, type: "thread", doc: "forum/t/1" },
      { outcome: "confirmed", held: null, type: "doc", doc: "docs/api/tickets" },
      { outcome: "gave-up", held: null, type: "article", doc: "kb/reset-your-password" },
      { outcome: "ticket", held: null, type: "article", doc: "kb/billing" },
    ];
    for (const [index, spec] of SESSIONS.entries()) {
      const startedAt = day(index % 7, 10);
      await prisma.deflectionSession.create({
        data: {
          query: "password reset",
          startedAt,
          outcome: spec.outcome,
          held: spec.held,
          settledAt: spec.held === null ? null : NOW,
          suggestions: {
            create: {
              documentId: spec.doc,
              type: spec.type,
              url: `/${spec.doc}`,
              title: spec.doc,
              position: 1,
              offeredAt: startedAt,
              openedAt: startedAt,
              confirmedAt: spec.outcome === "confirmed" ? startedAt : null,
            },
          },
        },
      });
    }

    // Community: three threads, one answered within an hour, one after two days, one never.
    const author = await createUser();
    const category = await prisma.forumCategory.create({
      data: { slug: `q-${randomUUID().slice(0, 6)}`, name: "Questions", description: "" },
    });
    const replyAfterHours = [1, 48, null];
    for (const [index, hours] of replyAfterHours.entries()) {
      const createdAt = day(index, 8);
      const thread = await prisma.forumThread.create({
        data: {
          categoryId: category.id,
          authorId: author.id,
          title: `Thread ${index}`,
          slug: `thread-${index}`,
          createdAt,
        },
      });
      await prisma.forumPost.create({
        data: { threadId: thread.id, number: 1, authorId: author.id, bodyMarkdown: "q", bodyHtml: "q", createdAt },
      });
      if (hours !== null)
        await prisma.forumPost.create({
          data: {
            threadId: thread.id,
            number: 2,
            authorId: author.id,
            bodyMarkdown: "a",
            bodyHtml: "a",
            createdAt: new Date(createdAt.getTime() + hours * 3_600_000),
          },
        });
    }

    const insights = await loadInsights(range, NOW);
    const table = (id: string) => {
      const found = allTables(insights).find((entry) => entry.id === id);
      if (!found) throw new Error(id);
      return found;
    };

    // Search: independently counted from SEARCHES.
    const inRange = SEARCHES.filter((spec) => spec.dayIndex >= 0 && spec.dayIndex < 7);
    const count = (list: SearchSpec[], query: string) => list.filter((spec) => spec.query === query).length;
    expect(rows(table("searches-per-day")).map((row) => row[1])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((index) => inRange.filter((spec) => spec.dayIndex === index).length),
    );
    expect(rows(table("top-queries"))[0]).toEqual([QUERIES[0], count(inRange, QUERIES[0]), 0, 2]);
    expect(rows(table("zero-result-queries"))).toEqual([
      ["billing invoice", inRange.filter((spec) => spec.results === 0).length, expect.any(String)],
    ]);
    expect(
      rows(table("never-clicked-queries"))
        .map((row) => row[0])
        .sort(),
    ).toEqual(["api rate limit"]);
    const withResults = inRange.filter((spec) => spec.results > 0).length;
    expect(rows(table("click-through-by-position"))[0]).toEqual([1, 3, `${((3 / withResults) * 100).toFixed(1)} %`]);
    expect(insights.metrics.find((metric) => metric.label === "Searches")).toMatchObject({
      current: String(inRange.length),
      previous: "1",
    });

    // Content
    expect(rows(table("article-views")).map((row) => [row[1], row[2], row[5]])).toEqual([
      ["/kb/reset-your-password", 7, `${((2 / 3) * 100).toFixed(1)} %`],
      ["/docs/api/tickets", 3, "–"],
    ]);
    expect(rows(table("what-was-missing")).map((row) => row[1])).toEqual(["No word on SSO accounts"]);
    expect(rows(table("shown-before-ticket"))).toEqual([["kb/billing", 1]]);

    // Deflection: naive = confirmed ÷ (confirmed + tickets); honest = held ÷ (held + not held + tickets).
    const confirmed = SESSIONS.filter((spec) => spec.outcome === "confirmed").length;
    const held = SESSIONS.filter((spec) => spec.held === true).length;
    const notHeld = SESSIONS.filter((spec) => spec.held === false).length;
    expect(insights.deflection.rates.naive).toBeCloseTo(confirmed / (confirmed + TICKETS.length), 12);
    expect(insights.deflection.rates.honest).toBeCloseTo(held / (held + notHeld + TICKETS.length), 12);
    expect(rows(table("deflection-by-channel"))).toEqual([
      ["article", 2, 2],
      ["doc", 1, 0],
      ["thread", 1, 0],
      ["incident", 0, 0],
    ]);
    expect(rows(table("top-deflecting-answers"))).toEqual([["kb/reset-your-password", "kb/reset-your-password", 2]]);
    expect(rows(table("confirmed-not-holding"))).toEqual([["forum/t/1", "forum/t/1", 1]]);
    // Tickets per day (counted in SQL by UTC day) beside the day's confirmations.
    expect(rows(table("deflection-per-day")).map((row) => row[4])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((index) => TICKETS.filter((ticket) => ticket.dayIndex === index).length),
    );
    expect(rows(table("deflection-funnel")).find((row) => String(row[0]).startsWith("Gave up"))?.[1]).toBe(1);

    // Tickets
    const volume = rows(table("ticket-volume"));
    expect(volume.map((row) => row.at(-1))).toEqual([2, 1, 1, 1]);
    const sla = rows(table("first-response-sla"));
    const cell = (priority: number, planName: string) =>
      sla.find(
        (row) =>
          row[0] ===
            `P${priority} ${priority === 1 ? "Critical" : priority === 2 ? "High" : priority === 3 ? "Medium" : "Low"}` &&
          row[1] === planName,
      );
    const p1Target = priorityTargetMinutes("enterprise", 1);
    const p1Met = [10, 40].filter((minutes) => minutes <= p1Target).length;
    expect(cell(1, "Enterprise")?.slice(3)).toEqual([p1Met, 2 - p1Met, 0, `${((p1Met / 2) * 100).toFixed(1)} %`]);
    // P3 standard: not answered, and its due time (24 hours later) passed before NOW.
    expect(cell(3, "Standard")?.slice(3)).toEqual([0, 1, 0, "0.0 %"]);
    expect(PLANS).toContain("standard");
    expect(rows(table("escalations"))).toEqual([
      ["2 Senior Support Engineer", 1],
      ["3 Engineering Team", 1],
      ["4 Management", 0],
    ]);
    expect(insights.tickets.csat).toBeCloseTo((5 + 2 + 4) / 3, 12);

    // Community: medians of 1 h and 48 h are 24.5 h; two threads had no reply within a day.
    expect(rows(table("community-summary"))).toEqual([
      ["New threads", 3],
      ["Unanswered after 24 hours", 2],
      ["Median time to first reply", "24.5 h"],
      ["Median time to the accepted answer", "–"],
    ]);
  });

  it("answers with empty sections, not errors, when nothing happened", async () => {
    const parsed = parseRange(new URLSearchParams("from=2019-01-01&to=2019-01-07"), NOW);
    if (!parsed.ok) throw new Error(parsed.message);
    const insights = await loadInsights(parsed.range, NOW);
    expect(insights.search.hasData).toBe(false);
    expect(insights.deflection.rates).toEqual({ naive: null, honest: null });
    expect(insights.tickets.csat).toBeNull();
  });
});
