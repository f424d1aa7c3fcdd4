import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { FieldMetadata } from "@conform-to/react";
import { describe, expect, it } from "vitest";
import { PriorityPicker } from "~/components/support/priority-picker";
import {
  PLAN_NAMES,
  PLANS,
  PRIORITIES,
  formatFirstResponseTarget,
  formatMinutes,
  priorityTargetMinutes,
  targetCounting,
  type Plan,
} from "~/support/policy";

/**
 * Every first-response target the priority picker shows (on each option and in the summary of the
 * chosen one) is the policy module's figure for that plan and priority, and says how it is counted.
 * The ticket page and the filing confirmation show the same formatFirstResponseTarget text.
 */

function field(name: string, initialValue?: string) {
  return { name, initialValue, errors: undefined } as unknown as FieldMetadata<string | null | undefined>;
}

function render(plan: Plan, chosen: number) {
  return renderToStaticMarkup(
    createElement(PriorityPicker, {
      plan,
      field: field("priority", String(chosen)),
      confirmField: field("p1Confirmed"),
    }),
  );
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "\n")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");

describe("targets on the priority picker", () => {
  for (const plan of PLANS) {
    it(`${PLAN_NAMES[plan]}: every option's target is the policy's and says how it is counted`, () => {
      const lines = text(render(plan, 2))
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.includes("first response within"));
      // One line per option, plus the summary of the chosen priority.
      expect(lines).toHaveLength(PRIORITIES.length + 1);
      for (const entry of PRIORITIES) {
        const shown = lines[entry.level - 1]!;
        const figure = /first response within (.+?), /.exec(shown)?.[1];
        expect(shown.startsWith(`${PLAN_NAMES[plan]}, Priority ${entry.level}:`)).toBe(true);
        expect(figure).toBe(formatMinutes(priorityTargetMinutes(plan, entry.level)));
        expect(figure).toBe(formatMinutes(entry.responseTarget[plan]));
        expect(shown.endsWith(targetCounting(plan, entry.level))).toBe(true);
        expect(shown).toContain("around the clock; paused while we wait for your reply");
      }
      expect(lines.at(-1)).toBe(formatFirstResponseTarget(plan, 2));
    });
  }

  it("the words are the ones the guide's figures become (a Standard P2 is 8 hours, not 8 business hours)", () => {
    expect(formatFirstResponseTarget("standard", 2)).toBe(
      "Standard, Priority 2: first response within 8 hours, around the clock; paused while we wait for your reply",
    );
  });
});
