import type { LineSeries } from "./line-chart";

/**
 * One sentence per chart for a screen reader, read when the chart takes keyboard focus: what a
 * sighted reader takes from the shape (the peak, the latest day), so the chart is not a silent picture.
 */
export function lineChartSummary(series: readonly LineSeries[], format: (value: number) => string): string {
  const parts = series.map((entry) => {
    const known = entry.points.filter((point): point is { day: string; value: number } => point.value !== null);
    if (known.length === 0) return `${entry.label}: no data`;
    const peak = known.reduce((best, point) => (point.value > best.value ? point : best));
    const latest = known[known.length - 1];
    return `${entry.label}: highest ${format(peak.value)} on ${peak.day}, latest ${format(latest.value)} on ${latest.day}`;
  });
  return parts.join("; ");
}

export function stackedBarSummary(
  categories: readonly string[],
  keys: readonly string[],
  values: readonly (readonly number[])[],
): string {
  return categories
    .map((category, index) => {
      const row = values[index] ?? [];
      const total = row.reduce((sum, value) => sum + value, 0);
      const split = keys
        .map((key, keyIndex) => ({ key, value: row[keyIndex] ?? 0 }))
        .filter((part) => part.value > 0)
        .map((part) => `${part.key} ${part.value.toLocaleString("en-US")}`);
      return `${category}: ${total.toLocaleString("en-US")}${split.length ? ` (${split.join(", ")})` : ""}`;
    })
    .join("; ");
}
