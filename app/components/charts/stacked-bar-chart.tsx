import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { stackedBarSummary } from "./chart-summary";

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 30, left: 48 };
const FILLS = [
  "fill-sky-600 dark:fill-sky-400",
  "fill-amber-500 dark:fill-amber-300",
  "fill-emerald-600 dark:fill-emerald-400",
  "fill-rose-600 dark:fill-rose-400",
];
const SWATCH = [
  "bg-sky-600 dark:bg-sky-400",
  "bg-amber-500 dark:bg-amber-300",
  "bg-emerald-600 dark:bg-emerald-400",
  "bg-rose-600 dark:bg-rose-400",
];

/** Bars per category, stacked by key (tickets per priority, stacked by plan), drawn on the server. */
export function StackedBarChart({
  categories,
  keys,
  values,
  label,
}: {
  categories: readonly string[];
  keys: readonly string[];
  values: readonly (readonly number[])[];
  label: string;
}) {
  const rows = categories.map(
    (category, index) =>
      Object.fromEntries([
        ["category", category],
        ...keys.map((key, keyIndex) => [key, values[index]?.[keyIndex] ?? 0]),
      ]) as Record<string, number | string>,
  );
  const layers = stack<Record<string, number | string>>()
    .keys(keys)
    .value((row, key) => Number(row[key] ?? 0))(rows);
  const highest = Math.max(1, ...values.map((row) => row.reduce((sum, value) => sum + value, 0)));
  const x = scaleBand<string>()
    .domain(categories)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, highest])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="w-full rounded text-slate-500 dark:text-slate-400"
        role="img"
        // Focusable, so keyboard and screen-reader users reach the chart and hear its summary.
        tabIndex={0}
        aria-label={`${label}. ${stackedBarSummary(categories, keys, values)}.`}
      >
        {y.ticks(4).map((tick) => (
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
              {tick.toLocaleString("en-US")}
            </text>
          </g>
        ))}
        {layers.map((layer, index) => (
          <g key={layer.key} className={FILLS[index % FILLS.length]}>
            {layer.map((segment, segmentIndex) => (
              <rect
                key={categories[segmentIndex]}
                x={x(categories[segmentIndex])}
                width={x.bandwidth()}
                y={y(segment[1])}
                height={Math.max(0, y(segment[0]) - y(segment[1]))}
              >
                <title>{`${categories[segmentIndex]}, ${layer.key}: ${segment[1] - segment[0]}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {categories.map((category) => (
          <text
            key={category}
            x={(x(category) ?? 0) + x.bandwidth() / 2}
            y={HEIGHT - 10}
            textAnchor="middle"
            fontSize={11}
            fill="currentColor"
          >
            {category}
          </text>
        ))}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-sm">
        {keys.map((key, index) => (
          <span key={key} className="inline-flex items-center gap-2">
            <span aria-hidden="true" className={`inline-block h-3 w-3 ${SWATCH[index % SWATCH.length]}`} />
            {key}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
