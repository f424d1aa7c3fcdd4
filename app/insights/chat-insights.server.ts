import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { CHANNELS } from "../support/policy";
import { percentile, type ChatInsights } from "./chat-insights";
import { dayString, daysOf, type DateRange } from "./range";

/**
 * Live chat in insights: chats started per day, how fast an agent first answered (p50 and p95 against
 * the guide's average response), the chats nobody answered (the customer left or ended it before an
 * agent wrote; those an offered answer solved are counted apart), and the ratings given at the end.
 */

export async function chatInsights(range: DateRange, db: PrismaClient = prisma): Promise<ChatInsights> {
  const chats = await db.chatConversation.findMany({
    where: { createdAt: { gte: range.from, lt: range.to } },
    select: { createdAt: true, firstResponseAt: true, status: true, endedBy: true, rating: true },
  });
  const counts = new Map<string, number>();
  for (const chat of chats) counts.set(dayString(chat.createdAt), (counts.get(dayString(chat.createdAt)) ?? 0) + 1);
  const waits = chats
    .flatMap((chat) =>
      chat.firstResponseAt ? [(chat.firstResponseAt.getTime() - chat.createdAt.getTime()) / 1000] : [],
    )
    .sort((a, b) => a - b);
  const targetMinutes = CHANNELS.chat.averageResponseUnder;
  const rated = chats.flatMap((chat) => (chat.rating ? [chat.rating] : []));
  return {
    total: chats.length,
    perDay: daysOf(range).map((day) => ({ day, chats: counts.get(day) ?? 0 })),
    firstResponse: {
      answered: waits.length,
      p50Seconds: percentile(waits, 0.5),
      p95Seconds: percentile(waits, 0.95),
      withinTarget: waits.filter((seconds) => seconds <= targetMinutes * 60).length,
    },
    targetMinutes,
    missed: chats.filter((chat) => chat.status === "ended" && !chat.firstResponseAt && chat.endedBy !== "answer")
      .length,
    solvedByAnswers: chats.filter((chat) => chat.endedBy === "answer").length,
    ratings: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rated.filter((value) => value === rating).length })),
    averageRating: rated.length ? rated.reduce((sum, value) => sum + value, 0) / rated.length : null,
  };
}
