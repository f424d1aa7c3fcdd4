/**
 * PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/overview/), pure: the
 * event that says where a page stands. One dedup_key per incident key (a ticket number), so a
 * trigger, an acknowledge and a resolve all land on the same PagerDuty incident.
 */

export type PagerDutyAction = "trigger" | "acknowledge" | "resolve";

export type PagerDutyEvent = {
  routing_key: string;
  event_action: PagerDutyAction;
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: "critical" | "error" | "warning" | "info";
    timestamp: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details?: Record<string, string>;
  };
  links?: { href: string; text: string }[];
  client?: string;
  client_url?: string;
};

/** The API caps summary at 1024 characters and dedup_key at 255. */
const SUMMARY_MAX = 1024;
const DEDUP_MAX = 255;

export type PageState = {
  key: string;
  title: string;
  url: string;
  pagedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
};

export function pageAction(page: PageState): PagerDutyAction {
  if (page.resolvedAt) return "resolve";
  return page.acknowledgedAt ? "acknowledge" : "trigger";
}

/** The event for the page's current state; only a trigger carries the payload (the API ignores it otherwise). */
export function pagerDutyEvent(page: PageState, routingKey: string, origin: string): PagerDutyEvent {
  const action = pageAction(page);
  const event: PagerDutyEvent = {
    routing_key: routingKey,
    event_action: action,
    dedup_key: page.key.slice(0, DEDUP_MAX),
  };
  if (action !== "trigger") return event;
  const summary = `Priority 1 ticket ${page.key}: ${page.title}`;
  return {
    ...event,
    payload: {
      summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
      source: new URL(origin).host,
      severity: "critical",
      timestamp: page.pagedAt.toISOString(),
      component: "support-tickets",
      class: "priority-1-ticket",
      custom_details: { ticket: page.key },
    },
    links: [{ href: `${origin}${page.url}`, text: `Open ${page.key}` }],
    client: "TechFlow Help Center",
    client_url: `${origin}${page.url}`,
  };
}
