import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { insightsFor, requireInsightsViewer } from "~/insights/access.server";
import { allTables } from "~/insights/insights.server";
import { toCsv } from "~/insights/tables";

/** GET /admin/insights/csv?table=<id>&range=…: one insights table as CSV, for the same range as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireInsightsViewer(request);
  const tableId = new URL(request.url).searchParams.get("table") ?? "";
  const { range, problem, insights } = await insightsFor(request);
  if (problem) throw data({ message: problem }, { status: 400 });
  const table = allTables(insights).find((entry) => entry.id === tableId);
  if (!table) throw data({ message: `There is no insights table named "${tableId.slice(0, 60)}".` }, { status: 404 });
  return new Response(toCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${table.id}-${range.fromDay}-to-${range.toDay}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
