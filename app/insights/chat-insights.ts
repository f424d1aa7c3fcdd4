/** The live chat figures of the insights page (built in chat-insights.server.ts). */

export type ChatInsights = {
  total: number;
  perDay: { day: string; chats: number }[];
  firstResponse: { answered: number; p50Seconds: number | null; p95Seconds: number | null; withinTarget: number };
  targetMinutes: number;
  missed: number;
  solvedByAnswers: number;
  ratings: { rating: number; count: number }[];
  averageRating: number | null;
};

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}
