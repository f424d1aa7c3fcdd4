/**
 * The support guide's rules as data. Every page, MDX component and test reads
 * support facts from here so that a number lives in exactly one place; the
 * unit tests compare this module with docs/support-guide.txt.
 */

export const PLANS = ["standard", "professional", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export const PLAN_NAMES: Record<Plan, string> = {
  standard: "Standard",
  professional: "Professional",
  enterprise: "Enterprise",
};

export type PerPlan<T> = Record<Plan, T>;

/** A duration kept in minutes so that rules compare and sort numerically. */
export type Minutes = number;

/**
 * The guide writes hours as "EST". This site reads that as US Eastern local time all year: EST
 * (UTC−5) in winter and EDT (UTC−4) in summer, so it computes them in America/New_York and names the
 * zone SUPPORT_TIME_ZONE_NAME everywhere (never "EST", "Eastern", "US Eastern time" or UTC in prose;
 * content:check refuses the others). Times a visitor must act on are shown in the visitor's own zone.
 */
export const SUPPORT_TIME_ZONE = "America/New_York";
export const SUPPORT_TIME_ZONE_NAME = "Eastern Time (ET)";
/** The longer form for a page's one explanatory note about the zone. */
export const SUPPORT_TIME_ZONE_NOTE =
  "Eastern Time (ET) is US Eastern local time: EST (UTC−5) in winter and EDT (UTC−4) in summer.";

export type Availability =
  { kind: "always" } | { kind: "weekdays"; openHour: number; closeHour: number } | { kind: "unavailable" };

export const EMAIL_ADDRESSES = {
  general: "support@techflowsolutions.com",
  billing: "billing@techflowsolutions.com",
  sales: "sales@techflowsolutions.com",
  security: "security@techflowsolutions.com",
} as const;
export type EmailTopic = keyof typeof EMAIL_ADDRESSES;

export const EMAIL_TOPIC_LABELS: Record<EmailTopic, string> = {
  general: "General support",
  billing: "Billing",
  sales: "Sales",
  security: "Security",
};

/**
 * The email channel (app/email): mail to each address above lands in its topic's queue; replies come back
 * to `<EMAIL_REPLY_LOCAL_PART>+<key>@` the same domain. Mail in a restricted topic's queue is seen only by
 * staff with the `ticket:restricted-queues` capability.
 */
export const EMAIL_REPLY_LOCAL_PART = "reply";
export const RESTRICTED_EMAIL_TOPICS: readonly EmailTopic[] = ["security"];

export const CHANNELS = {
  email: {
    name: "Email",
    // The guide gives email response times but no hours, so email has no availability here.
    responseTime: { standard: 24 * 60, professional: 4 * 60, enterprise: 60 },
  },
  phone: {
    name: "Phone",
    mnemonic: "1-800-FLOW-TECH",
    number: "1-800-356-9832",
    availability: {
      standard: { kind: "unavailable" },
      professional: { kind: "weekdays", openHour: 8, closeHour: 20 },
      enterprise: { kind: "always" },
    },
    averageWaitUnder: 5,
  },
  chat: {
    name: "Live chat",
    where: "in-app, for all customers",
    availability: {
      standard: { kind: "weekdays", openHour: 8, closeHour: 18 },
      professional: { kind: "weekdays", openHour: 8, closeHour: 18 },
      enterprise: { kind: "always" },
    },
    averageResponseUnder: 2,
  },
  portal: {
    name: "Support portal",
    url: "support.techflowsolutions.com",
    features: ["Submit and track tickets", "Access knowledge base", "View system status", "Download resources"],
  },
} as const satisfies {
  email: { name: string; responseTime: PerPlan<Minutes> };
  phone: { name: string; availability: PerPlan<Availability>; [k: string]: unknown };
  chat: { name: string; availability: PerPlan<Availability>; [k: string]: unknown };
  portal: { name: string; url: string; features: readonly string[] };
};

/**
 * Guide items this help center does not make true yet. Pages leave them out until the feature lands
 * and its issue takes the entry away; the guide data in this module stays as the guide writes it.
 * - "Download resources": the help center has no downloads area.
 * - "500+ articles": the guide's figure for TechFlow's own knowledge base, not this site's count.
 * - "Video tutorials": the knowledge base has no videos; the webinar recordings (on the training and
 *   webinar pages) are still placeholders with real captions and transcripts.
 * Certification programs are on the site since /training (courses, quizzes, certificates) landed.
 */
export const NOT_ON_THIS_SITE_YET: readonly string[] = ["Download resources", "500+ articles", "Video tutorials"];

/** The items of a guide list this site offers today (see NOT_ON_THIS_SITE_YET). */
export function offeredOnThisSite(items: readonly string[]): string[] {
  return items.filter((item) => !NOT_ON_THIS_SITE_YET.includes(item));
}

/** Live chat (app/chat, decision record 020): the chat card and the plan summaries present it. */
export const LIVE_CHAT_ON_THIS_SITE = true;

export type PriorityLevel = 1 | 2 | 3 | 4;

export type Priority = {
  level: PriorityLevel;
  name: string;
  impact: string;
  examples: readonly string[];
  responseTarget: PerPlan<Minutes>;
};

export const PRIORITIES: readonly Priority[] = [
  {
    level: 1,
    name: "Critical",
    impact: "System Down",
    examples: ["Complete service outage", "Data loss or corruption", "Security breach"],
    responseTarget: { standard: 4 * 60, professional: 60, enterprise: 15 },
  },
  {
    level: 2,
    name: "High",
    impact: "Major Impact",
    examples: ["Key feature not working", "Performance severely degraded", "Integration failures"],
    responseTarget: { standard: 8 * 60, professional: 2 * 60, enterprise: 30 },
  },
  {
    level: 3,
    name: "Medium",
    impact: "Moderate Impact",
    examples: ["Non-critical feature issues", "Workaround available", "Cosmetic problems"],
    responseTarget: { standard: 24 * 60, professional: 8 * 60, enterprise: 4 * 60 },
  },
  {
    level: 4,
    name: "Low",
    impact: "Minor Impact",
    examples: ["Questions or how-to", "Feature requests", "Documentation issues"],
    responseTarget: { standard: 48 * 60, professional: 24 * 60, enterprise: 8 * 60 },
  },
];

export function priority(level: PriorityLevel): Priority {
  const found = PRIORITIES.find((p) => p.level === level);
  if (!found) throw new Error(`Unknown priority ${level}`);
  return found;
}

export type EscalationLevel = {
  level: 1 | 2 | 3 | 4;
  title: string;
  handles: readonly string[];
  /** How long a Priority 1 ticket stays below this level before it is escalated here. */
  priority1EscalationAfter?: Minutes;
};

export const ESCALATION_LEVELS: readonly EscalationLevel[] = [
  {
    level: 1,
    title: "Support Representative",
    handles: ["First point of contact", "Handles common issues", "Creates tickets", "Provides basic troubleshooting"],
  },
  {
    level: 2,
    title: "Senior Support Engineer",
    handles: ["Complex technical issues", "Advanced troubleshooting", "Bug investigation"],
    priority1EscalationAfter: 2 * 60,
  },
  {
    level: 3,
    title: "Engineering Team",
    handles: ["Code-level issues", "Bug fixes", "Custom solutions"],
    priority1EscalationAfter: 4 * 60,
  },
  {
    level: 4,
    title: "Management",
    handles: ["VP of Support: Major incidents", "CTO: Critical technical decisions", "CEO: Executive escalations"],
  },
];

/** Plans whose customers may ask for escalation at any time. */
export const ESCALATION_ON_REQUEST: readonly Plan[] = ["enterprise"];

export const REQUEST_ESSENTIALS: readonly string[] = [
  "Account name and ID",
  "Contact person and phone",
  "Clear problem description",
  "Impact on business",
  "Number of users affected",
  "When issue started",
  "Error messages (exact text or screenshots)",
  "Steps to reproduce",
  "What you've already tried",
  "Urgency level",
];

export const REQUEST_HELPFUL_ADDITIONS: readonly string[] = [
  "Screenshots or screen recordings",
  "Browser console logs (F12)",
  "Network traces",
  "System specifications",
  "Recent changes made",
  "Related ticket numbers",
];

export type SelfServiceResource = { name: string; url?: string; offers: readonly string[] };

export const WEEKLY_WEBINAR = {
  weekday: 2, // Tuesday (0 = Sunday), as Date#getDay counts
  weekdayName: "Tuesday",
  hour: 14,
  minute: 0,
  durationMinutes: 60,
  timeZone: SUPPORT_TIME_ZONE,
} as const;

/** Plans that may book live training sessions. */
export const LIVE_TRAINING_PLANS: readonly Plan[] = ["professional", "enterprise"];

export const SELF_SERVICE: Record<
  "knowledgeBase" | "community" | "documentation" | "training" | "statusPage",
  SelfServiceResource
> = {
  knowledgeBase: {
    name: "Knowledge Base",
    url: "kb.techflowsolutions.com",
    offers: ["500+ articles", "Video tutorials", "Best practices", "Updated daily"],
  },
  community: {
    name: "Community Forum",
    url: "community.techflowsolutions.com",
    offers: ["User discussions", "Feature requests", "Tips and tricks", "Expert answers"],
  },
  documentation: {
    name: "Documentation",
    url: "docs.techflowsolutions.com",
    offers: ["API documentation", "Integration guides", "Admin guides", "Release notes"],
  },
  training: {
    name: "Training Resources",
    offers: [
      "Weekly webinars (Tuesdays 2PM EST)",
      "On-demand videos",
      "Certification programs",
      "Live training sessions (Professional/Enterprise)",
    ],
  },
  statusPage: {
    name: "Status Page",
    url: "status.techflowsolutions.com",
    offers: ["Real-time system status", "Incident history", "Maintenance schedule", "Subscribe to updates"],
  },
};

/** Guaranteed monthly uptime, in percent. */
export const SLA_UPTIME: PerPlan<number> = { standard: 99.5, professional: 99.9, enterprise: 99.99 };
export const SLA_CREDITS_AVAILABLE = true;

export type RetentionRule = { record: string; keptFor: { days: number } | { months: number } | "indefinitely" };

export const RETENTION: readonly RetentionRule[] = [
  { record: "Support tickets", keptFor: { months: 24 } },
  { record: "Chat transcripts", keptFor: { months: 12 } },
  { record: "Call recordings", keptFor: { days: 90 } },
  { record: "Knowledge base", keptFor: "indefinitely" },
];

export const PRIVACY_AND_SECURITY: readonly string[] = [
  "All communications encrypted",
  "Support staff background checked",
  "NDA available upon request",
  "GDPR compliant processes",
  "Screen sharing requires consent",
];

export const AFTER_HOURS = {
  emergencyHotlinePlans: ["enterprise"] as readonly Plan[],
  /**
   * Product decision (the guide names the hotline but gives it no number): Enterprise customers
   * reach the emergency hotline through the main phone line, which is staffed around the clock
   * for them. There is no separate hotline number.
   */
  emergencyHotlineReachedThrough: "mainLine" as const,
  onCallEngineersForPriority: 1 as PriorityLevel,
  weekendSupport: true,
  holidayCoverage: true,
};

/** Product decision (the guide gives on-call no timings; decision record 019): an unacknowledged P1 page goes to the secondary after this. */
export const ON_CALL_PAGING = { secondaryAfterMinutes: 10 as Minutes };

export const RESOLUTION_COMMITMENTS = {
  firstResponseWithinSla: true,
  priority1UpdateEvery: (4 * 60) as Minutes,
  rootCauseAnalysisForMajorIncidents: true,
  postIncidentReviewMeetings: true,
  satisfactionSurveyAfterClosure: true,
};

// ---------------------------------------------------------------------------
// Formatting: the one place that turns the rules above into words.

export function formatMinutes(minutes: Minutes): string {
  if (minutes < 60) return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  const hours = minutes / 60;
  if (Number.isInteger(hours)) return `${hours} ${hours === 1 ? "hour" : "hours"}`;
  return `${minutes} minutes`;
}

export function formatHour(hour: number): string {
  const suffix = hour < 12 ? "AM" : "PM";
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve} ${suffix}`;
}

export function formatAvailability(availability: Availability): string {
  switch (availability.kind) {
    case "always":
      return "24/7";
    case "weekdays":
      return `Mon–Fri ${formatHour(availability.openHour)}–${formatHour(availability.closeHour)} ${SUPPORT_TIME_ZONE_NAME}`;
    case "unavailable":
      return "Not included";
  }
}

export function formatRetention(rule: RetentionRule): string {
  if (rule.keptFor === "indefinitely") return "Indefinitely";
  if ("days" in rule.keptFor) return `${rule.keptFor.days} days`;
  const { months } = rule.keptFor;
  if (months % 12 === 0) return `${months / 12} ${months === 12 ? "year" : "years"}`;
  return `${months} months`;
}

export function formatUptime(percent: number): string {
  return `${percent}%`;
}

export function planIncludesPhone(plan: Plan): boolean {
  return CHANNELS.phone.availability[plan].kind !== "unavailable";
}

// ---------------------------------------------------------------------------
// How the ticket clocks count (the guide gives the targets, not how the clock counts them).

/**
 * The site's reading of the guide, in one place: every response target is given in plain hours
 * ("Priority 2: 8 hours (Standard)") and After Hours Support promises weekend support and holiday
 * coverage (AFTER_HOURS), so the response and resolution clocks run around the clock, weekends and
 * holidays included, on every plan and priority. They stop only while a ticket waits on the customer
 * (status "Waiting on customer") and run again when the ticket moves on.
 *
 * Counting Priority 2–4 in business hours is a product option kept off
 * (docs/decisions/016-ticket-clocks-around-the-clock.md): a site that turns it on must say so
 * wherever a target is shown, which targetCounting does from the same setting.
 */
export type ClockCalendar = { kind: "around-the-clock" } | { kind: "business-hours"; hours: PerPlan<Availability> };

/**
 * The business hours the off-by-default option would count: the hours of each plan's longest staffed
 * channel (Standard: chat, Professional: phone; Enterprise has 24/7 cover).
 */
export const BUSINESS_HOURS_OPTION: PerPlan<Availability> = {
  standard: CHANNELS.chat.availability.standard,
  professional: CHANNELS.phone.availability.professional,
  enterprise: { kind: "always" },
};

export const TICKET_CLOCK: { calendar: ClockCalendar; pausedWhileWaitingOnCustomer: true } = {
  calendar: { kind: "around-the-clock" },
  pausedWhileWaitingOnCustomer: true,
};

/** The hours a ticket's clocks count: Priority 1 always counts every hour (on-call engineers, AFTER_HOURS). */
export function countedHours(plan: Plan, level: PriorityLevel, calendar = TICKET_CLOCK.calendar): Availability {
  if (calendar.kind === "around-the-clock" || level === AFTER_HOURS.onCallEngineersForPriority)
    return { kind: "always" };
  return calendar.hours[plan];
}

/** How a target is counted, in the words every page puts beside it: "around the clock; paused while we wait for your reply". */
export function targetCounting(plan: Plan, level: PriorityLevel, calendar = TICKET_CLOCK.calendar): string {
  const hours = countedHours(plan, level, calendar);
  const counted =
    hours.kind === "weekdays" ? `counted in business hours (${formatAvailability(hours)})` : "around the clock";
  return `${counted}; paused while we wait for your reply`;
}

/** A solved ticket closes this many days after the last customer reply, then the survey goes out. */
export const SOLVED_TICKET_CLOSES_AFTER_DAYS = 7;

/** A confirmed deflection counts only if the customer does not come back about the same problem within this many days. */
export const DEFLECTION_HOLD_DAYS = 7;

/** How long the support tickets rule keeps a closed ticket, in months (from RETENTION). */
export function ticketRetentionMonths(): number {
  const rule = RETENTION.find((entry) => entry.record === "Support tickets");
  if (!rule || rule.keptFor === "indefinitely" || !("months" in rule.keptFor))
    throw new Error("The support tickets retention rule must be given in months");
  return rule.keptFor.months;
}

export function priorityTargetMinutes(plan: Plan, level: PriorityLevel): Minutes {
  return priority(level).responseTarget[plan];
}

/** How every target is counted, as one sentence for pages that list several targets. */
export function targetCountingSentence(calendar = TICKET_CLOCK.calendar): string {
  if (calendar.kind === "around-the-clock")
    return "Every target counts around the clock, weekends and holidays included, and pauses while we wait for your reply.";
  return "Priority 1 targets count around the clock; the others count in your plan's business hours. Every target pauses while we wait for your reply.";
}

/** How the short form reads beside one figure: "around the clock" or "in business hours". */
export function targetCountingShort(plan: Plan, level: PriorityLevel, calendar = TICKET_CLOCK.calendar): string {
  return countedHours(plan, level, calendar).kind === "always" ? "around the clock" : "in business hours";
}

/** How the email response time and the priority targets relate (each counts from its own start; app/tickets/email-target.ts). */
/** An emailed ticket keeps the email response time until an agent sets a priority (the auto-reply and ticket pages say it too). */
export const EMAIL_TARGET_UNTIL_PRIORITY =
  "When an agent sets the ticket's priority, that priority's response target for your plan applies instead.";
export const EMAIL_AND_PRIORITY_TARGETS = `The email response time is for a first reply to a message you send to one of our addresses: the ticket made from it keeps that target until an agent sets its priority. ${EMAIL_TARGET_UNTIL_PRIORITY} A ticket you file here has its priority's target from the start.`;

/** "Enterprise, Priority 1: first response within 15 minutes, around the clock; paused while we wait for your reply" */
export function formatFirstResponseTarget(plan: Plan, level: PriorityLevel, calendar = TICKET_CLOCK.calendar): string {
  const within = formatMinutes(priorityTargetMinutes(plan, level));
  return `${PLAN_NAMES[plan]}, Priority ${level}: first response within ${within}, ${targetCounting(plan, level, calendar)}`;
}
