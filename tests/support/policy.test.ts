import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AFTER_HOURS,
  CHANNELS,
  EMAIL_ADDRESSES,
  ESCALATION_LEVELS,
  ESCALATION_ON_REQUEST,
  PLANS,
  PRIORITIES,
  PRIVACY_AND_SECURITY,
  REQUEST_ESSENTIALS,
  REQUEST_HELPFUL_ADDITIONS,
  RESOLUTION_COMMITMENTS,
  RETENTION,
  SLA_UPTIME,
  SUPPORT_TIME_ZONE,
  SUPPORT_TIME_ZONE_NAME,
  SUPPORT_TIME_ZONE_NOTE,
  WEEKLY_WEBINAR,
  formatAvailability,
  formatMinutes,
  formatRetention,
  type Plan,
} from "~/support/policy";

const GUIDE_IN_REPO = path.resolve("docs/support-guide.txt");
const GUIDE_SHARED = path.resolve("../shared/seed/support-guide.txt");
const guide = fs.readFileSync(GUIDE_IN_REPO, "utf8");
const lines = guide.split("\n").map((line) => line.trim());

/** "4 hours" / "15 minutes" → minutes. */
function toMinutes(text: string): number {
  const match = /^(\d+)\s+(hours?|minutes?)$/.exec(text.trim());
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * (match[2].startsWith("hour") ? 60 : 1);
}

/** Parses "X (Standard), Y (Professional), Z (Enterprise)". */
function perPlan(text: string): Record<Plan, string> {
  const result: Partial<Record<Plan, string>> = {};
  for (const part of text.split(/,\s*/)) {
    const match = /^(.*)\s+\((Standard|Professional|Enterprise)\)$/.exec(part.trim());
    if (!match) throw new Error(`unexpected per-plan text: ${part}`);
    result[match[2].toLowerCase() as Plan] = match[1];
  }
  return result as Record<Plan, string>;
}

function section(title: string, until: RegExp = /^(?!- )(?!\d+\.).*:$|^[A-Z ]{6,}$/): string[] {
  const start = lines.indexOf(title);
  if (start === -1) throw new Error(`section ${title} not in guide`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => until.test(line));
  return (end === -1 ? rest : rest.slice(0, end)).filter(Boolean);
}

function bullets(title: string) {
  return section(title)
    .filter((line) => line.startsWith("- "))
    .map((line) => line.slice(2).trim());
}

describe("the support policy module matches the support guide", () => {
  it("reads the repository copy of the guide, which every test below compares with the policy module", () => {
    expect(lines[0]).toBe("TechFlow Solutions - Customer Support Guide");
    for (const heading of [
      "HOW TO CONTACT SUPPORT",
      "SUPPORT TICKET PRIORITIES",
      "ESCALATION PROCESS",
      "WHAT TO INCLUDE IN SUPPORT REQUESTS",
      "SELF-SERVICE RESOURCES",
      "SUPPORT POLICIES",
    ]) {
      expect(lines).toContain(heading);
    }
  });

  // The shared seed lives outside the repository (a sibling folder on the team's machines, absent in a
  // plain clone or CI); when it is there, the repository copy must not have drifted from it.
  it.skipIf(!fs.existsSync(GUIDE_SHARED))(
    "keeps the repository copy identical to the shared seed (skipped: ../shared/seed is not present)",
    () => {
      expect(guide).toBe(fs.readFileSync(GUIDE_SHARED, "utf8"));
    },
  );

  it("has every email address and the email response times per plan", () => {
    for (const [topic, address] of Object.entries(EMAIL_ADDRESSES)) {
      expect(lines).toContain(`- ${topic[0].toUpperCase()}${topic.slice(1)}: ${address}`);
    }
    const response = perPlan(
      section("Email Support:")
        .find((line) => line.startsWith("- Response time:"))!
        .replace("- Response time: ", ""),
    );
    for (const plan of PLANS) expect(CHANNELS.email.responseTime[plan]).toBe(toMinutes(response[plan]));
  });

  it("gives email response times but no hours, as the guide does", () => {
    expect(section("Email Support:").some((line) => line.startsWith("- Hours:"))).toBe(false);
    expect("availability" in CHANNELS.email).toBe(false);
  });

  it("has the phone line, who gets it, its hours and the wait", () => {
    const phone = section("Phone Support:");
    expect(phone).toContain(`- Main Line: ${CHANNELS.phone.mnemonic} (${CHANNELS.phone.number})`);
    expect(phone).toContain("- Available for Professional and Enterprise plans only");
    expect(CHANNELS.phone.availability.standard.kind).toBe("unavailable");
    expect(phone).toContain("- Hours: Mon-Fri 8AM-8PM EST (Professional), 24/7 (Enterprise)");
    expect(CHANNELS.phone.availability.professional).toEqual({ kind: "weekdays", openHour: 8, closeHour: 20 });
    expect(CHANNELS.phone.availability.enterprise).toEqual({ kind: "always" });
    expect(phone).toContain(`- Average wait time: Under ${CHANNELS.phone.averageWaitUnder} minutes`);
  });

  it("has live chat hours per plan and its response time", () => {
    const chat = section("Live Chat:");
    expect(chat).toContain("- Hours: Mon-Fri 8AM-6PM EST (Standard/Professional), 24/7 (Enterprise)");
    for (const plan of ["standard", "professional"] as const)
      expect(CHANNELS.chat.availability[plan]).toEqual({ kind: "weekdays", openHour: 8, closeHour: 18 });
    expect(CHANNELS.chat.availability.enterprise).toEqual({ kind: "always" });
    expect(chat).toContain(`- Average response: Under ${CHANNELS.chat.averageResponseUnder} minutes`);
    expect(formatAvailability(CHANNELS.chat.availability.standard)).toBe("Mon–Fri 8 AM–6 PM Eastern Time (ET)");
  });

  it("has the portal and what it offers", () => {
    const portal = section("Support Portal:");
    expect(portal).toContain(`- URL: ${CHANNELS.portal.url}`);
    for (const feature of CHANNELS.portal.features) expect(portal).toContain(`- ${feature}`);
  });

  it("has the four priorities with their examples and response targets per plan", () => {
    expect(PRIORITIES).toHaveLength(4);
    for (const p of PRIORITIES) {
      const block = section(`Priority ${p.level} - ${p.name} (${p.impact}):`);
      const examples = block
        .filter((line) => line.startsWith("- ") && !line.startsWith("- Response:"))
        .map((line) => line.slice(2).trim());
      expect(p.examples).toEqual(examples);
      const response = perPlan(block.find((line) => line.startsWith("- Response:"))!.replace("- Response: ", ""));
      for (const plan of PLANS) expect(p.responseTarget[plan], `P${p.level} ${plan}`).toBe(toMinutes(response[plan]));
    }
  });

  it("has the escalation levels, their duties and the Priority 1 timers", () => {
    for (const level of ESCALATION_LEVELS) {
      const block = section(`Level ${level.level} - ${level.title}:`);
      const duties = block
        .filter((line) => line.startsWith("- ") && !line.includes("Escalated after"))
        .map((line) => line.slice(2).trim());
      expect(level.handles).toEqual(duties);
      const timer = block.find((line) => line.includes("Escalated after"));
      expect(level.priority1EscalationAfter ?? null).toBe(
        timer ? toMinutes(/after (.+) \(Priority 1\)/.exec(timer)![1]) : null,
      );
    }
    expect(lines).toContain("Enterprise customers can request escalation at any time");
    expect(ESCALATION_ON_REQUEST).toEqual(["enterprise"]);
  });

  it("has the ten essentials and the helpful additions", () => {
    const essentials = section("Essential Information:").map((line) => line.replace(/^\d+\.\s*/, ""));
    expect(REQUEST_ESSENTIALS).toEqual(essentials);
    expect(REQUEST_ESSENTIALS).toHaveLength(10);
    expect(REQUEST_HELPFUL_ADDITIONS).toEqual(bullets("Helpful Additions:"));
  });

  it("has the SLA uptime per plan and credits", () => {
    const sla = bullets("Service Level Agreement (SLA):");
    for (const plan of PLANS)
      expect(sla).toContain(`${plan[0].toUpperCase()}${plan.slice(1)}: ${SLA_UPTIME[plan]}% uptime`);
    expect(sla).toContain("Credits available for SLA breaches");
  });

  it("has the retention periods", () => {
    const retention = bullets("Data Retention:");
    const asGuideWords = (text: string) => text.replace("Indefinitely", "Indefinite");
    for (const rule of RETENTION) expect(retention).toContain(`${rule.record}: ${asGuideWords(formatRetention(rule))}`);
    expect(RETENTION).toHaveLength(retention.length);
  });

  it("has privacy, after-hours and resolution commitments", () => {
    expect(PRIVACY_AND_SECURITY).toEqual(bullets("Privacy and Security:"));
    const afterHours = bullets("After Hours Support:");
    expect(afterHours).toContain("Emergency hotline for Enterprise");
    expect(AFTER_HOURS.emergencyHotlinePlans).toEqual(["enterprise"]);
    // The guide gives the hotline no number; the decision is the main line, which must be staffed around the clock for those plans.
    expect(AFTER_HOURS.emergencyHotlineReachedThrough).toBe("mainLine");
    for (const plan of AFTER_HOURS.emergencyHotlinePlans)
      expect(CHANNELS.phone.availability[plan]).toEqual({ kind: "always" });
    expect(afterHours).toContain(`On-call engineers for Priority ${AFTER_HOURS.onCallEngineersForPriority}`);
    const commitments = bullets("Resolution Commitments:");
    expect(commitments).toContain(
      `Regular updates every ${formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery)} (Priority 1)`,
    );
  });

  it("has the weekly webinar slot, in the zone the guide calls EST (America/New_York, named Eastern Time (ET))", () => {
    expect(lines).toContain("- Weekly webinars (Tuesdays 2PM EST)");
    expect(SUPPORT_TIME_ZONE).toBe("America/New_York");
    expect(SUPPORT_TIME_ZONE_NAME).toBe("Eastern Time (ET)");
    expect(SUPPORT_TIME_ZONE_NOTE).toMatch(/EST.*EDT/);
    expect(WEEKLY_WEBINAR).toMatchObject({
      weekdayName: "Tuesday",
      weekday: 2,
      hour: 14,
      minute: 0,
      timeZone: "America/New_York",
    });
  });
});

describe("policy formatting", () => {
  it("formats durations the way customers read them", () => {
    expect(formatMinutes(15)).toBe("15 minutes");
    expect(formatMinutes(60)).toBe("1 hour");
    expect(formatMinutes(48 * 60)).toBe("48 hours");
  });
  it("formats availability", () => {
    expect(formatAvailability({ kind: "always" })).toBe("24/7");
    expect(formatAvailability({ kind: "weekdays", openHour: 8, closeHour: 20 })).toBe(
      "Mon–Fri 8 AM–8 PM Eastern Time (ET)",
    );
    expect(formatAvailability({ kind: "unavailable" })).toBe("Not included");
  });
});
