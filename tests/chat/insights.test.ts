import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { chatInsights } from "~/insights/chat-insights.server";
import { percentile } from "~/insights/chat-insights";
import { parseRange } from "~/insights/range";
import { prisma } from "~/lib/db.server";
import { chatCustomer, clearChats } from "./helpers";

afterAll(() => prisma.$disconnect());
beforeEach(clearChats);

const NOW = new Date("2026-12-07T12:00:00Z");
const at = (iso: string) => new Date(iso);

async function chat(createdAt: string, fields: { firstResponseAt?: string; endedBy?: string; rating?: number } = {}) {
  const { user, account } = await chatCustomer();
  await prisma.chatConversation.create({
    data: {
      customerId: user.id,
      accountId: account.id,
      plan: "enterprise",
      status: "ended",
      createdAt: at(createdAt),
      firstResponseAt: fields.firstResponseAt ? at(fields.firstResponseAt) : null,
      endedBy: fields.endedBy ?? "customer",
      rating: fields.rating ?? null,
    },
  });
}

describe("live chat insights", () => {
  it("counts chats per day, first response p50/p95 against the target, missed chats and ratings", async () => {
    await chat("2026-12-05T10:00:00Z", { firstResponseAt: "2026-12-05T10:00:30Z", rating: 5 });
    await chat("2026-12-05T11:00:00Z", { firstResponseAt: "2026-12-05T11:01:00Z", rating: 4 });
    await chat("2026-12-06T09:00:00Z", { firstResponseAt: "2026-12-06T09:05:00Z", rating: 2 });
    await chat("2026-12-06T09:30:00Z"); // left before anyone answered: missed
    await chat("2026-12-06T09:40:00Z", { endedBy: "answer" }); // an offered answer solved it: not missed
    await chat("2026-10-01T09:00:00Z"); // outside the range
    const range = parseRange(new URLSearchParams("range=7"), NOW);
    if (!range.ok) throw new Error(range.message);
    const result = await chatInsights(range.range);
    expect(result.total).toBe(5);
    expect(result.perDay.find((day) => day.day === "2026-12-05")?.chats).toBe(2);
    expect(result.perDay.find((day) => day.day === "2026-12-06")?.chats).toBe(3);
    expect(result.firstResponse).toEqual({ answered: 3, p50Seconds: 60, p95Seconds: 300, withinTarget: 2 });
    expect(result.missed).toBe(1);
    expect(result.solvedByAnswers).toBe(1);
    expect(result.averageRating).toBeCloseTo(11 / 3);
  });

  it("percentiles use the nearest rank", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
  });
});
