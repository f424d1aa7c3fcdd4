import type { ChatInsights } from "~/insights/chat-insights";

/** The insights page's live chat section: volume, first response against the guide's average, missed chats, ratings. */

function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

export function ChatInsightsSection({ chat, label }: { chat: ChatInsights; label: string }) {
  const { firstResponse } = chat;
  const busiest = chat.perDay.filter((day) => day.chats > 0);
  return (
    <section aria-labelledby="chat-insights" className="border-t border-slate-200 pt-6 dark:border-slate-700">
      <h2 id="chat-insights" className="text-2xl font-semibold">
        Live chat
      </h2>
      <dl className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="chat-metrics">
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
          <dt className="text-sm text-slate-600 dark:text-slate-300">Chats</dt>
          <dd className="text-2xl font-semibold tabular-nums">{chat.total}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
          <dt className="text-sm text-slate-600 dark:text-slate-300">
            First response p50 / p95 (target: under {chat.targetMinutes} minutes)
          </dt>
          <dd className="text-2xl font-semibold tabular-nums">
            {duration(firstResponse.p50Seconds)} / {duration(firstResponse.p95Seconds)}
          </dd>
          <dd className="text-xs text-slate-600 dark:text-slate-300">
            {firstResponse.withinTarget} of {firstResponse.answered} answered within the target
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
          <dt className="text-sm text-slate-600 dark:text-slate-300">Missed (ended before an agent answered)</dt>
          <dd className="text-2xl font-semibold tabular-nums">{chat.missed}</dd>
          <dd className="text-xs text-slate-600 dark:text-slate-300">
            {chat.solvedByAnswers} solved by an offered answer
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
          <dt className="text-sm text-slate-600 dark:text-slate-300">Average rating</dt>
          <dd className="text-2xl font-semibold tabular-nums">
            {chat.averageRating === null ? "–" : `${chat.averageRating.toFixed(2)} of 5`}
          </dd>
          <dd className="text-xs text-slate-600 dark:text-slate-300">
            {chat.ratings.map((entry) => `${entry.rating}★ ${entry.count}`).join(" · ")}
          </dd>
        </div>
      </dl>
      <table className="mt-4 text-sm">
        <caption className="text-left font-medium">Chats per day, {label} (days with chats)</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-6 text-left">
              Day
            </th>
            <th scope="col" className="text-right">
              Chats
            </th>
          </tr>
        </thead>
        <tbody>
          {busiest.length === 0 ? (
            <tr>
              <td colSpan={2}>No chats in this range.</td>
            </tr>
          ) : (
            busiest.map((day) => (
              <tr key={day.day}>
                <td className="pr-6">{day.day}</td>
                <td className="text-right tabular-nums">{day.chats}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
