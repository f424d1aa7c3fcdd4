import { describe, expect, it } from "vitest";
import { onCallAt, ROTATION_START, WEEK_MS, weekNumber } from "~/oncall/rotation";

const slots = [
  { position: 0, primaryId: "ana", secondaryId: "ben" },
  { position: 1, primaryId: "ben", secondaryId: "cy" },
  { position: 2, primaryId: "cy", secondaryId: null },
];
const at = (weeks: number, extraMs = 0) => new Date(ROTATION_START.getTime() + weeks * WEEK_MS + extraMs);

describe("the weekly rotation", () => {
  it("hands over every 7 × 24 hours and cycles through the slots in order", () => {
    expect(onCallAt(slots, [], at(0)).primaryId).toBe("ana");
    expect(onCallAt(slots, [], at(1, -1)).primaryId).toBe("ana");
    expect(onCallAt(slots, [], at(1)).primaryId).toBe("ben");
    expect(onCallAt(slots, [], at(2)).secondaryId).toBe(null);
    expect(onCallAt(slots, [], at(3)).primaryId).toBe("ana");
    expect(onCallAt(slots, [], at(-1)).primaryId).toBe("cy");
    expect(onCallAt(slots, [], at(1)).until).toEqual(at(2));
  });

  it("keeps whole weeks across a daylight-saving change (the hand-over is fixed in UTC)", () => {
    // 8 March 2026: clocks in New York go forward; the week still lasts exactly 168 hours.
    const week = weekNumber(new Date("2026-03-08T12:00:00Z"));
    expect(onCallAt(slots, [], new Date("2026-03-08T12:00:00Z")).until).toEqual(at(week + 1));
    expect(at(week + 1).getTime() - at(week).getTime()).toBe(168 * 3_600_000);
  });

  it("an override wins while it lasts, keeps the rotation's secondary unless it names one, and the latest wins", () => {
    const overrides = [
      { startsAt: at(0, 1000), endsAt: at(0, 5000), primaryId: "dee", secondaryId: null },
      { startsAt: at(0, 3000), endsAt: at(0, 4000), primaryId: "eve", secondaryId: "fay" },
    ];
    expect(onCallAt(slots, overrides, at(0, 999)).primaryId).toBe("ana");
    expect(onCallAt(slots, overrides, at(0, 2000))).toMatchObject({
      primaryId: "dee",
      secondaryId: "ben",
      source: "override",
    });
    expect(onCallAt(slots, overrides, at(0, 3500))).toMatchObject({ primaryId: "eve", secondaryId: "fay" });
    expect(onCallAt(slots, overrides, at(0, 5000)).primaryId).toBe("ana");
  });

  it("without a rotation or override nobody is on call", () => {
    expect(onCallAt([], [], at(0))).toEqual({ primaryId: null, secondaryId: null, source: "none", until: null });
  });
});
