/**
 * The words of the status page, shared by the server, the page and the tests (no imports of server code).
 */
export const COMPONENT_STATES = ["operational", "degraded", "partial-outage", "major-outage", "maintenance"] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export const COMPONENT_STATE_LABELS: Record<ComponentState, string> = {
  operational: "Operational",
  degraded: "Degraded performance",
  "partial-outage": "Partial outage",
  "major-outage": "Major outage",
  maintenance: "Under maintenance",
};

/** Worse states win when several incidents touch one component; maintenance ranks below any outage. */
const SEVERITY: Record<ComponentState, number> = {
  operational: 0,
  maintenance: 1,
  degraded: 2,
  "partial-outage": 3,
  "major-outage": 4,
};

export function isComponentState(value: string): value is ComponentState {
  return (COMPONENT_STATES as readonly string[]).includes(value);
}

export function worstState(states: readonly string[]): ComponentState {
  let worst: ComponentState = "operational";
  for (const state of states) if (isComponentState(state) && SEVERITY[state] > SEVERITY[worst]) worst = state;
  return worst;
}

/** The states that count as downtime in the uptime bars (degraded performance is slow, not down). */
export const DOWNTIME_STATES: readonly ComponentState[] = ["partial-outage", "major-outage"];

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const MAINTENANCE_STATUSES = ["scheduled", "in-progress", "completed"] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const STATUS_LABELS: Record<IncidentStatus | MaintenanceStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  scheduled: "Scheduled",
  "in-progress": "In progress",
  completed: "Completed",
};

export const IMPACTS = ["minor", "major", "critical"] as const;
export type Impact = (typeof IMPACTS)[number];
export const IMPACT_LABELS: Record<Impact, string> = { minor: "Minor", major: "Major", critical: "Critical" };

/** Finished incidents and maintenance: they no longer affect components or show the banner. */
export function isClosedStatus(status: string) {
  return status === "resolved" || status === "completed";
}

/** The overall banner: one sentence from the components' states. */
export function overallState(states: readonly string[]): { state: ComponentState; headline: string } {
  const state = worstState(states);
  const headline =
    state === "operational"
      ? "All systems operational"
      : state === "maintenance"
        ? "Scheduled maintenance in progress"
        : state === "degraded"
          ? "Some systems are running slowly"
          : state === "partial-outage"
            ? "Partial outage"
            : "Major outage";
  return { state, headline };
}

/**
 * A major incident, for which the guide promises a root cause analysis (RESOLUTION_COMMITMENTS): one of
 * major or critical impact, or one that Priority 1 tickets are linked to. Resolving it needs the analysis.
 */
export function isMajorIncident(incident: { kind: string; impact: string; linkedTickets: number }) {
  return incident.kind === "incident" && (incident.impact !== "minor" || incident.linkedTickets > 0);
}

/** The shortest root cause analysis taken: what happened and why, in more than a few words. */
export const ROOT_CAUSE_MIN_CHARACTERS = 40;
