/** A table on the insights page: the same rows render as HTML (behind each chart) and download as CSV. */
export type Cell = string | number | null;
export type InsightsTable = { id: string; caption: string; columns: string[]; rows: Cell[][]; empty?: string };

function csvCell(value: Cell) {
  if (value === null) return "";
  let text = String(value);
  // A spreadsheet would run a cell starting with = + - @ as a formula: customers typed these queries.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: InsightsTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function percent(value: number | null, digits = 1): string {
  return value === null ? "–" : `${(value * 100).toFixed(digits)} %`;
}
