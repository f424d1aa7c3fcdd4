import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FiledNotice } from "~/components/support/customer-ticket-parts";
import { AFTER_HOURS, CHANNELS, formatMinutes, RESOLUTION_COMMITMENTS, type Plan } from "~/support/policy";

const notice = (priority: number, plan: Plan) =>
  renderToStaticMarkup(
    createElement(FiledNotice, { ticket: { number: "TF-2026-000001", target: "x", priority, plan } }),
  );

describe("the Priority 1 confirmation", () => {
  it("says the on-call engineers are alerted and the update interval; offers the hotline only on its plans", () => {
    const enterprise = notice(1, "enterprise");
    expect(enterprise).toContain("engineers on call have been alerted");
    expect(enterprise).toContain(formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery));
    expect(AFTER_HOURS.emergencyHotlinePlans).toContain("enterprise");
    expect(enterprise).toContain(CHANNELS.phone.number);
    expect(notice(1, "standard")).not.toContain("hotline");
    expect(notice(2, "enterprise")).not.toContain("alerted");
  });
});
