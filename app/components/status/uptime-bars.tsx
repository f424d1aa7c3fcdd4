import { scaleBand, scaleLinear } from "d3-scale";

export type UptimeDay = {
  day: string;
  percent: number;
  downtimeMinutes: number;
  outage: "partial" | "major" | null;
};

const WIDTH = 900;
const HEIGHT = 34;
/**
 * The scale runs from 95 % (the floor) to 100 %. A day further down still gets this share of the
 * height, so an outage day is a short red or orange bar rather than a gap that reads as "no data".
 */
const FLOOR_SHARE = 0.3;
const SCALE_FLOOR = 95;
const SHORTEST_BAR_PERCENT = SCALE_FLOOR + FLOOR_SHARE * (100 - SCALE_FLOOR);

/** Statuspage's colours: green without downtime, orange for a partial outage, red for a major one. */
export const OUTAGE_FILL = {
  none: "fill-emerald-600 dark:fill-emerald-500",
  partial: "fill-orange-500 dark:fill-orange-400",
  major: "fill-red-600 dark:fill-red-500",
} as const;

/** The rest of an outage day's column, tinted, so the whole day reads as an outage and never as a gap. */
const OUTAGE_TINT = {
  partial: "fill-orange-200 dark:fill-orange-900",
  major: "fill-red-200 dark:fill-red-900",
} as const;

const OUTAGE_WORDS = { partial: "partial outage", major: "major outage" } as const;

function dayLabel(day: UptimeDay) {
  if (!day.outage) return `${day.day}: no downtime`;
  return `${day.day}: ${OUTAGE_WORDS[day.outage]}, ${day.downtimeMinutes} min down (${day.percent.toFixed(2)} %)`;
}

/** How many of the latest days a phone draws: 90 bars in a phone's width are too thin to see an outage. */
const PHONE_DAYS = 30;

/**
 * 90 bars, one per day (the last 30 on a phone), drawn on the server as SVG. The colour is the day's worst outage; the height
 * is its uptime on a 95–100 % scale (never below a floor, see FLOOR_SHARE), over a tint that fills an
 * outage day's column. A dashed line marks the plan's SLA figure, drawn over the bars so it shows on
 * every one. A table behind it gives the same numbers to screen readers.
 */
export function UptimeBars({
  name,
  days,
  uptime,
  sla,
}: {
  name: string;
  days: readonly UptimeDay[];
  uptime: number;
  sla: { label: string; percent: number };
}) {
  const incidentDays = days.filter((day) => day.downtimeMinutes > 0);
  const outageDays = incidentDays.length;
  const label = `${name}: ${uptime.toFixed(2)} % uptime over ${days.length} days, ${outageDays === 0 ? "no day" : outageDays === 1 ? "1 day" : `${outageDays} days`} with an outage`;
  const phoneDays = days.slice(-PHONE_DAYS);
  return (
    <figure className="mt-2">
      {/* The phone's drawing comes first, so the one in view on a phone is also the first in the page. */}
      <DayBars
        days={phoneDays}
        sla={sla}
        label={`${label} (the last ${phoneDays.length} days drawn)`}
        className="sm:hidden"
      />
      <DayBars days={days} sla={sla} label={label} className="hidden sm:block" />
      <figcaption className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        <span className="flex justify-between" aria-hidden="true">
          <span>
            <span className="sm:hidden">{phoneDays.length}</span>
            <span className="hidden sm:inline">{days.length}</span> days ago
          </span>
          <span>
            {uptime.toFixed(2)} % uptime over {days.length} days
          </span>
          <span>Today</span>
        </span>
      </figcaption>
      {/* A table ignores the 1px box of sr-only and pushed phone pages sideways; its wrapper takes the class. */}
      <div className="sr-only">
        <table>
          <caption>{`${name}: days with downtime in the last ${days.length} days`}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Outage</th>
              <th scope="col">Uptime</th>
              <th scope="col">Minutes down</th>
            </tr>
          </thead>
          <tbody>
            {incidentDays.length === 0 ? (
              <tr>
                <td colSpan={4}>No downtime</td>
              </tr>
            ) : (
              incidentDays.map((day) => (
                <tr key={day.day}>
                  <td>{day.day}</td>
                  <td>{day.outage ? OUTAGE_WORDS[day.outage] : ""}</td>
                  <td>{day.percent.toFixed(2)} %</td>
                  <td>{day.downtimeMinutes}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** What the colours and the dashed line mean, once above the components' bars. */
export function UptimeLegend({ sla }: { sla: { label: string; percent: number } }) {
  const swatch = (fill: string) => (
    <svg viewBox="0 0 10 10" className="h-3 w-3 shrink-0" aria-hidden="true">
      <rect width="10" height="10" rx="1" className={fill} />
    </svg>
  );
  return (
    <ul
      className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-200"
      aria-label="Legend of the uptime bars"
      data-testid="uptime-legend"
    >
      <li className="flex items-center gap-1">
        {swatch(OUTAGE_FILL.none)}
        No downtime
      </li>
      <li className="flex items-center gap-1">
        {swatch(OUTAGE_FILL.partial)}
        Partial outage
      </li>
      <li className="flex items-center gap-1">
        {swatch(OUTAGE_FILL.major)}
        Major outage
      </li>
      <li className="flex items-center gap-1">
        <svg viewBox="0 0 20 10" className="h-3 w-5 shrink-0" aria-hidden="true">
          <line
            x1="0"
            x2="20"
            y1="5"
            y2="5"
            strokeWidth="2"
            strokeDasharray="4 3"
            className="stroke-slate-900 dark:stroke-white"
          />
        </svg>
        Dashed line: {sla.label} SLA, {sla.percent} %
      </li>
      <li>Bar height: the day’s uptime (full at 100 %; {SHORTEST_BAR_PERCENT} % or less is the shortest bar)</li>
    </ul>
  );
}

/** One row of day bars as an SVG picture (its name says what a sighted reader takes from it). */
function DayBars({
  days,
  sla,
  label,
  className,
}: {
  days: readonly UptimeDay[];
  sla: { label: string; percent: number };
  label: string;
  className: string;
}) {
  const x = scaleBand<string>()
    .domain(days.map((day) => day.day))
    .range([0, WIDTH])
    .paddingInner(0.2);
  const y = scaleLinear().domain([SCALE_FLOOR, 100]).range([HEIGHT, 2]).clamp(true);
  const lowest = HEIGHT - FLOOR_SHARE * (HEIGHT - 2);
  const top = (day: UptimeDay) => Math.min(y(day.percent), lowest);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT + 2}`}
      className={`h-9 w-full ${className}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
    >
      {days.map((day) =>
        day.outage ? (
          <rect
            key={`${day.day}-tint`}
            x={x(day.day)}
            width={x.bandwidth()}
            y={2}
            height={HEIGHT}
            className={OUTAGE_TINT[day.outage]}
            rx={1}
            aria-hidden="true"
          />
        ) : null,
      )}
      {days.map((day) => (
        <rect
          key={day.day}
          x={x(day.day)}
          width={x.bandwidth()}
          y={top(day)}
          height={HEIGHT - top(day) + 2}
          className={OUTAGE_FILL[day.outage ?? "none"]}
          rx={1}
          data-day={day.day}
          data-outage={day.outage ?? "none"}
        >
          <title>{dayLabel(day)}</title>
        </rect>
      ))}
      <line
        x1={0}
        x2={WIDTH}
        y1={y(sla.percent)}
        y2={y(sla.percent)}
        className="stroke-slate-900 dark:stroke-white"
        strokeDasharray="6 4"
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        data-testid="sla-line"
      />
    </svg>
  );
}
