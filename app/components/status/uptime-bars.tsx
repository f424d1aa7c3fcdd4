import { scaleBand, scaleLinear } from "d3-scale";

export type UptimeDay = { day: string; percent: number; downtimeMinutes: number };

const WIDTH = 900;
const HEIGHT = 34;

function fill(percent: number) {
  if (percent >= 99.99) return "var(--uptime-ok, #10b981)";
  if (percent >= 99) return "var(--uptime-warn, #f59e0b)";
  return "var(--uptime-bad, #dc2626)";
}

/**
 * 90 bars, one per day, drawn on the server as SVG: the height is the day's uptime on a 95–100 %
 * scale, and a dashed line marks the plan's SLA figure. A table behind it gives the same numbers
 * to screen readers.
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
  const x = scaleBand<string>()
    .domain(days.map((day) => day.day))
    .range([0, WIDTH])
    .paddingInner(0.2);
  const y = scaleLinear().domain([95, 100]).range([HEIGHT, 2]).clamp(true);
  const incidentDays = days.filter((day) => day.downtimeMinutes > 0);
  return (
    <figure className="mt-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 2}`}
        className="h-9 w-full text-slate-400 dark:text-slate-500"
        role="img"
        aria-label={`${name}: ${uptime.toFixed(2)} % uptime over ${days.length} days`}
        preserveAspectRatio="none"
      >
        {days.map((day) => (
          <rect
            key={day.day}
            x={x(day.day)}
            width={x.bandwidth()}
            y={y(day.percent)}
            height={HEIGHT - y(day.percent) + 2}
            fill={fill(day.percent)}
            rx={1}
          >
            <title>{`${day.day}: ${day.percent.toFixed(2)} % (${day.downtimeMinutes} min down)`}</title>
          </rect>
        ))}
        <line
          x1={0}
          x2={WIDTH}
          y1={y(sla.percent)}
          y2={y(sla.percent)}
          stroke="currentColor"
          strokeDasharray="6 4"
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      <figcaption className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        <span className="flex justify-between" aria-hidden="true">
          <span>{days.length} days ago</span>
          <span>Today</span>
        </span>
        <span className="block">
          {uptime.toFixed(2)} % uptime over {days.length} days · dashed line: {sla.label} SLA {sla.percent} %
        </span>
      </figcaption>
      {/* A table ignores the 1px box of sr-only and pushed phone pages sideways; its wrapper takes the class. */}
      <div className="sr-only">
        <table>
          <caption>{`${name}: days with downtime in the last ${days.length} days`}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Uptime</th>
              <th scope="col">Minutes down</th>
            </tr>
          </thead>
          <tbody>
            {incidentDays.length === 0 ? (
              <tr>
                <td colSpan={3}>No downtime</td>
              </tr>
            ) : (
              incidentDays.map((day) => (
                <tr key={day.day}>
                  <td>{day.day}</td>
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
