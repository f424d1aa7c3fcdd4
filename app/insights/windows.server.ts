import { databaseProvider } from "../lib/db.server";

/** The span of time one insights section reads: instants for event tables, UTC days for the daily rollups. */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export type Window = { from: Date; to: Date; fromDay: string; toDay: string };
export const at = (window: Window) => ({ gte: window.from, lt: window.to });
export const onDays = (window: Window) => ({ gte: window.fromDay, lte: window.toDay });

export type Metric = { label: string; current: string; previous: string; change: number | null };
export type Series = { label: string; points: { day: string; value: number }[] };
export type RateSeries = { label: string; points: { day: string; value: number | null }[] };
export type StackedBars = { categories: string[]; keys: string[]; values: number[][] };

export function stamp(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

/** A time as a raw-query parameter: PostgreSQL takes the Date, SQLite compares Prisma's ISO text. */
export function timeParam(date: Date): Date | string {
  return databaseProvider() === "postgresql" ? date : stamp(date);
}
