import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import { DataTable, type TableData } from "~/components/charts/data-table";
import { LineChart } from "~/components/charts/line-chart";
import { StackedBarChart } from "~/components/charts/stacked-bar-chart";
import { ChatInsightsSection } from "~/components/insights/chat-insights-section";
import { chatInsights } from "~/insights/chat-insights.server";
import { TrainingInsightsSection } from "~/components/insights/training-insights-section";
import { trainingInsights } from "~/insights/training-insights.server";
import { InsightsNav, InsightsSection, type SectionLink } from "~/components/insights/insights-sections";
import { insightsFor, requireInsightsViewer } from "~/insights/access.server";
import { PRESETS } from "~/insights/range";
import { percent } from "~/insights/tables";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireInsightsViewer(request);
  const { range, problem, insights } = await insightsFor(request);
  const chat = await chatInsights(range);
  const training = await trainingInsights(range);
  const query = range.preset ? `range=${range.preset}` : `from=${range.fromDay}&to=${range.toDay}`;
  return data(
    {
      range: {
        preset: range.preset,
        fromDay: range.fromDay,
        toDay: range.toDay,
        label: range.label,
        previous: range.previous.fromDay + " to " + range.previous.toDay,
      },
      query,
      problem,
      insights,
      chat,
      training,
    },
    { status: problem ? 400 : 200, headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta: MetaFunction = withSeo(() => [
  { title: "Insights · Staff · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

/** The sections this page renders, in order; sections other domains add with InsightsSection join the list in the browser. */
const SECTIONS: readonly SectionLink[] = [
  { id: "search", title: "Search" },
  { id: "content", title: "Content" },
  { id: "deflection", title: "Deflection" },
  { id: "community", title: "Community and ideas" },
  { id: "tickets", title: "Tickets" },
  { id: "chat-insights", title: "Live chat" },
];
const titleOf = (id: string) => SECTIONS.find((section) => section.id === id)?.title ?? id;

function pick(tables: TableData[], id: string) {
  const table = tables.find((entry) => entry.id === id);
  if (!table) throw new Error(`missing table ${id}`);
  return table;
}

export default function Insights() {
  const { range, query, problem, insights, chat, training } = useLoaderData<typeof loader>();
  const csv = (id: string) => `/admin/insights/csv?table=${id}&${query}`;
  const tables = (list: TableData[], skip: string[] = []) =>
    list
      .filter((table) => !skip.includes(table.id))
      .map((table) => <DataTable key={table.id} table={table} csvHref={csv(table.id)} />);
  return (
    <div className="max-w-6xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Insights</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          {range.label} ({range.fromDay} to {range.toDay}, UTC days), compared with the previous period (
          {range.previous}).
        </p>
        <p className="mt-1 text-sm">
          <Link className="text-sky-700 underline dark:text-sky-400" to="/admin/content-gaps">
            Content-gap queue
          </Link>{" "}
          ·{" "}
          <Link className="text-sky-700 underline dark:text-sky-400" to="/admin/status">
            Status page incidents
          </Link>
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[11rem_minmax(0,1fr)] lg:gap-8">
        <aside>
          <InsightsNav sections={SECTIONS} />
        </aside>
        <div className="min-w-0 space-y-8" data-insights-sections>
          <nav aria-label="Date range" className="flex flex-wrap items-end gap-3">
            {PRESETS.map((days) => (
              <Link
                key={days}
                to={`?range=${days}`}
                aria-current={range.preset === days ? "page" : undefined}
                className={`rounded-md border px-3 py-1.5 text-sm ${range.preset === days ? "border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-400 dark:text-slate-950" : "border-slate-300 dark:border-slate-600"}`}
              >
                Last {days} days
              </Link>
            ))}
            <Form method="get" className="flex flex-wrap items-end gap-2">
              <label className="text-sm">
                From{" "}
                <input
                  type="date"
                  name="from"
                  defaultValue={range.fromDay}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                />
              </label>
              <label className="text-sm">
                To{" "}
                <input
                  type="date"
                  name="to"
                  defaultValue={range.toDay}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                />
              </label>
              <button
                type="submit"
                className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
              >
                Show range
              </button>
            </Form>
          </nav>
          {problem ? <FormMessage tone="error">{problem} Showing the last 30 days instead.</FormMessage> : null}

          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="metrics">
            {insights.metrics.map((metric) => (
              <div key={metric.label} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
                <dt className="text-sm text-slate-600 dark:text-slate-300">{metric.label}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{metric.current}</dd>
                <dd className="text-xs text-slate-600 dark:text-slate-300">
                  previous {metric.previous}
                  {metric.change === null
                    ? ""
                    : ` · ${metric.change >= 0 ? "+" : "−"}${Math.abs(metric.change * 100).toFixed(0)} %`}
                </dd>
              </div>
            ))}
          </dl>

          <InsightsSection id="search" title={titleOf("search")}>
            {insights.search.hasData ? null : (
              <p className="mt-2 text-slate-600 dark:text-slate-300">
                No search data yet for this range (searches are rolled up by the rollup-analytics job).
              </p>
            )}
            <LineChart
              series={insights.search.series}
              label={`Searches and zero-result searches per day, ${range.label}`}
            />
            <DataTable
              table={pick(insights.search.tables, "searches-per-day")}
              csvHref={csv("searches-per-day")}
              collapsed
            />
            <div className="space-y-2">{tables(insights.search.tables, ["searches-per-day"])}</div>
          </InsightsSection>

          <InsightsSection id="content" title={titleOf("content")}>
            <div className="space-y-2">{tables(insights.content.tables)}</div>
          </InsightsSection>

          <InsightsSection id="deflection" title={titleOf("deflection")}>
            <p className="mt-2 text-slate-700 dark:text-slate-300">
              Rate = deflected ÷ (deflected + tickets filed). <strong>Naive</strong> counts every “This solved my
              problem”: {percent(insights.deflection.rates.naive)}. <strong>Honest</strong> counts only confirmations
              that held for the hold period, and a confirmation followed by a return about the same problem as a
              failure: {percent(insights.deflection.rates.honest)} ({insights.deflection.counts.pending} confirmations
              not settled yet are left out).
            </p>
            {insights.deflection.hasData ? null : (
              <p className="mt-2 text-slate-600 dark:text-slate-300">No deflection data yet for this range.</p>
            )}
            <LineChart
              series={insights.deflection.rateSeries}
              label={`Naive and honest deflection rate per day, ${range.label}`}
              maxValue={1}
              format={(value) => `${Math.round(value * 100)} %`}
            />
            <DataTable
              table={pick(insights.deflection.tables, "deflection-per-day")}
              csvHref={csv("deflection-per-day")}
              collapsed
            />
            <div className="space-y-2">{tables(insights.deflection.tables, ["deflection-per-day"])}</div>
          </InsightsSection>

          <InsightsSection id="community" title={titleOf("community")}>
            <div className="space-y-2">{tables(insights.community.tables)}</div>
          </InsightsSection>

          <InsightsSection id="tickets" title={titleOf("tickets")}>
            <p className="mt-2 text-slate-700 dark:text-slate-300">
              {insights.tickets.total.toLocaleString("en-US")} tickets filed. CSAT{" "}
              {insights.tickets.csat === null
                ? "– (no answers yet)"
                : `${insights.tickets.csat.toFixed(2)} of 5 from ${insights.tickets.answered} answers`}
              .
            </p>
            <StackedBarChart
              {...insights.tickets.stacked}
              label={`Tickets by priority, stacked by plan, ${range.label}`}
            />
            <div className="space-y-2">{tables(insights.tickets.tables)}</div>
          </InsightsSection>

          <ChatInsightsSection chat={chat} label={range.label} />
          <TrainingInsightsSection training={training} label={range.label} />
        </div>
      </div>
    </div>
  );
}
