import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { lineChartSummary } from "./chart-summary";

export type LinePoint = { day: string; value: number | null };
export type LineSeries = { label: string; points: readonly LinePoint[] };

const WIDTH = 720;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 48 };
/** Series colours as classes, so light and dark mode each get a readable shade. */
const SERIES = [
  "stroke-sky-600 dark:stroke-sky-400",
  "stroke-amber-600 dark:stroke-amber-400",
  "stroke-emerald-600 dark:stroke-emerald-400",
];
const SWATCH = ["bg-sky-600 dark:bg-sky-400", "bg-amber-600 dark:bg-amber-400", "bg-emerald-600 dark:bg-emerald-400"];
const DASH = ["", "6 4", "2 3"];

/**
 * A per-day line chart drawn on the server (d3 computes the paths; no script reaches the browser).
 * Axes and grid use currentColor, so the chart follows the page's text colour in dark mode.
 */
export function LineChart({
  series,
  label,
  format = (value: number) => value.toLocaleString("en-US"),
  maxValue,
}: {
  series: readonly LineSeries[];
  label: string;
  format?: (value: number) => string;
  maxValue?: number;
}) {
  const days = series[0]?.points.map((point) => point.day) ?? [];
  const highest = maxValue ?? Math.max(1, ...series.flatMap((entry) => entry.points.map((point) => point.value ?? 0)));
  const x = scalePoint<string>()
    .domain(days)
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, highest])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(4);
  const draw = line<LinePoint>()
    .defined((point) => point.value !== null)
    .x((point) => x(point.day) ?? 0)
    .y((point) => y(point.value ?? 0));
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="w-full rounded text-slate-500 dark:text-slate-400"
        role="img"
        // Focusable, so keyboard and screen-reader users reach the chart and hear its summary.
        tabIndex={0}
        aria-label={`${label}. ${lineChartSummary(series, format)}.`}
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke="currentColor"
              strokeOpacity={0.25}
            />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor">
              {format(tick)}
            </text>
          </g>
        ))}
        {days.map((day, index) =>
          index % labelEvery === 0 ? (
            <text key={day} x={x(day)} y={HEIGHT - 8} textAnchor="middle" fontSize={11} fill="currentColor">
              {day.slice(5)}
            </text>
          ) : null,
        )}
        {series.map((entry, index) => (
          <path
            key={entry.label}
            d={draw(entry.points as LinePoint[]) ?? ""}
            fill="none"
            strokeWidth={2}
            strokeDasharray={DASH[index % DASH.length] || undefined}
            className={SERIES[index % SERIES.length]}
          />
        ))}
        {days.length === 1
          ? series.map((entry, index) =>
              entry.points[0]?.value !== null && entry.points[0] ? (
                <circle
                  key={entry.label}
                  cx={x(days[0])}
                  cy={y(entry.points[0].value ?? 0)}
                  r={3}
                  className={`${SERIES[index % SERIES.length]} fill-current`}
                />
              ) : null,
            )
          : null}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-sm">
        {series.map((entry, index) => (
          <span key={entry.label} className="inline-flex items-center gap-2">
            <span aria-hidden="true" className={`inline-block h-1 w-5 ${SWATCH[index % SWATCH.length]}`} />
            {entry.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
