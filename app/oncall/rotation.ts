/**
 * The weekly rotation as arithmetic, pure so the page and the tests agree: week n of the rotation
 * starts n weeks after ROTATION_START, a Monday 14:00 UTC (09:00 in New York in winter; the hand-over
 * is fixed in UTC so every week is exactly 7 × 24 hours and no shift grows or shrinks at a DST change).
 * Slot `position` covers the weeks whose number modulo the slot count is its index in position order.
 */

export const ROTATION_START = new Date("2024-01-01T14:00:00Z");
export const WEEK_MS = 7 * 24 * 60 * 60_000;

export type Slot = { position: number; primaryId: string; secondaryId: string | null };
export type Override = { startsAt: Date; endsAt: Date; primaryId: string; secondaryId: string | null };
export type OnCall = {
  primaryId: string | null;
  secondaryId: string | null;
  source: "override" | "rotation" | "none";
  /** When the current rotation week ends (or the override, when one is in force). */
  until: Date | null;
};

export function weekNumber(at: Date): number {
  return Math.floor((at.getTime() - ROTATION_START.getTime()) / WEEK_MS);
}

export function weekStart(week: number): Date {
  return new Date(ROTATION_START.getTime() + week * WEEK_MS);
}

/** The slot on duty in `week`, or null without a rotation. */
export function slotForWeek<S extends Slot>(slots: readonly S[], week: number): S | null {
  if (slots.length === 0) return null;
  const ordered = [...slots].sort((a, b) => a.position - b.position);
  const index = ((week % ordered.length) + ordered.length) % ordered.length;
  return ordered[index] ?? null;
}

/** Who is on call at `at`: an override in force wins (the latest-made when they overlap), then the rotation. */
export function onCallAt(slots: readonly Slot[], overrides: readonly Override[], at: Date): OnCall {
  const week = weekNumber(at);
  const slot = slotForWeek(slots, week);
  const override = overrides.filter((entry) => entry.startsAt <= at && at < entry.endsAt).at(-1);
  if (override)
    return {
      primaryId: override.primaryId,
      secondaryId: override.secondaryId ?? slot?.secondaryId ?? null,
      source: "override",
      until: override.endsAt,
    };
  if (!slot) return { primaryId: null, secondaryId: null, source: "none", until: null };
  return { primaryId: slot.primaryId, secondaryId: slot.secondaryId, source: "rotation", until: weekStart(week + 1) };
}
