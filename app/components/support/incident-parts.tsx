import { COMPACT_SELECT_CLASS } from "~/components/forms";
import { ViewerTime } from "~/components/viewer-time";
import { COMPONENT_STATE_LABELS } from "~/status/states";
import { IntentForm, TICKET_BUTTON_CLASS, TICKET_LINK_CLASS } from "./ticket-page-parts";

/** A ticket's major incident on both ticket pages, and the agent's form that links a Priority 1 ticket to one. */

export type TicketIncident = {
  id: string;
  title: string;
  statusLabel: string;
  resolved: boolean;
  url: string;
  rootCauseHtml: string;
  updates: { id: string; statusLabel: string; bodyHtml: string; at: string }[];
  review: { startsAt: string; minutes: number; location: string } | null;
};

const UPDATES_SHOWN = 5;

/** The incident this ticket is part of: its status and latest updates, the root cause analysis, the review meeting. */
export function TicketIncidentPanel({ incident, manageUrl }: { incident: TicketIncident; manageUrl?: string }) {
  return (
    <section
      id="incident"
      aria-labelledby="incident-heading"
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950"
      data-testid="ticket-incident"
    >
      <h2 id="incident-heading" className="text-lg font-semibold">
        Part of a major incident: {incident.title}
      </h2>
      <p className="text-sm">
        {incident.statusLabel}.{" "}
        {incident.resolved
          ? "The incident is resolved."
          : "Each update on the incident is posted here and sent to you as it is made."}{" "}
        {/* A plain link: the status page is another part of the site, and the panel renders outside a router in tests. */}
        <a href={incident.url} className={TICKET_LINK_CLASS}>
          Follow it on the status page
        </a>
        {manageUrl ? (
          <>
            {" · "}
            <a href={manageUrl} className={TICKET_LINK_CLASS}>
              Post updates and resolve it
            </a>
          </>
        ) : null}
      </p>
      {incident.updates.length ? (
        <ol className="space-y-2 border-l-2 border-amber-300 pl-3 dark:border-amber-700">
          {incident.updates.slice(0, UPDATES_SHOWN).map((update) => (
            <li key={update.id} className="text-sm">
              <p>
                <strong>{update.statusLabel}</strong> · <ViewerTime iso={update.at} />
              </p>
              <div
                className="prose prose-sm max-w-none dark:prose-invert"
                dangerouslySetInnerHTML={{ __html: update.bodyHtml }}
              />
            </li>
          ))}
        </ol>
      ) : null}
      {incident.rootCauseHtml ? (
        <div data-testid="ticket-root-cause">
          <h3 className="font-semibold">Root cause analysis</h3>
          <div
            className="prose prose-sm max-w-none dark:prose-invert"
            dangerouslySetInnerHTML={{ __html: incident.rootCauseHtml }}
          />
        </div>
      ) : null}
      {incident.review ? (
        <p className="text-sm" data-testid="ticket-review-meeting">
          <strong>Post-incident review meeting:</strong> <ViewerTime iso={incident.review.startsAt} /> (
          {incident.review.minutes} minutes, shown in your time zone)
          {incident.review.location ? <> · {incident.review.location}</> : null}. The invitation is in your email.
        </p>
      ) : null}
    </section>
  );
}

export type LinkChoices = {
  incidents: { id: string; title: string; statusLabel: string; linkedTickets: number }[];
  components: { id: string; name: string }[];
};

const AFFECTED_STATES = ["major-outage", "partial-outage", "degraded"] as const;
const INPUT_CLASS =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";

/**
 * The agent links this Priority 1 ticket to a major incident: an open one on the status page, or a new one
 * opened with it. From then on the incident's updates reach the customer on this ticket.
 */
export function IncidentLinkSection({ choices, subject }: { choices: LinkChoices; subject: string }) {
  return (
    <section
      aria-labelledby="link-incident-heading"
      className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      <div>
        <h2 id="link-incident-heading" className="text-lg font-semibold">
          Major incident
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Link this Priority 1 ticket to a status-page incident: the customer then gets every incident update, the root
          cause analysis and the review invitation on this ticket.
        </p>
      </div>
      {choices.incidents.length ? (
        <IntentForm intent="link-incident" className="space-y-1">
          <label htmlFor="incidentId" className="block text-sm font-medium">
            Open incident
          </label>
          <div className="flex flex-wrap gap-2">
            <select id="incidentId" name="incidentId" className={COMPACT_SELECT_CLASS}>
              {choices.incidents.map((incident) => (
                <option key={incident.id} value={incident.id}>
                  {incident.title} ({incident.statusLabel}, {incident.linkedTickets} linked)
                </option>
              ))}
            </select>
            <button type="submit" className={TICKET_BUTTON_CLASS}>
              Link to this incident
            </button>
          </div>
        </IntentForm>
      ) : (
        <p className="text-sm">No incident is open on the status page.</p>
      )}
      <details>
        <summary className="cursor-pointer text-sm font-medium text-sky-700 underline dark:text-sky-400">
          Open a new incident with this ticket
        </summary>
        <IntentForm intent="new-incident" className="mt-3 grid gap-3 sm:grid-cols-2">
          <label className="block text-sm font-medium sm:col-span-2">
            Incident title
            <input name="title" required defaultValue={subject} maxLength={140} className={`mt-1 ${INPUT_CLASS}`} />
          </label>
          <label className="block text-sm font-medium">
            Impact
            <select name="impact" defaultValue="critical" className={`mt-1 ${INPUT_CLASS}`}>
              <option value="critical">Critical</option>
              <option value="major">Major</option>
            </select>
          </label>
          <label className="block text-sm font-medium">
            Affected component
            <select name="componentId" className={`mt-1 ${INPUT_CLASS}`}>
              {choices.components.map((component) => (
                <option key={component.id} value={component.id}>
                  {component.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium">
            How it is affected
            <select name="componentState" defaultValue="major-outage" className={`mt-1 ${INPUT_CLASS}`}>
              {AFFECTED_STATES.map((state) => (
                <option key={state} value={state}>
                  {COMPONENT_STATE_LABELS[state]}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium sm:col-span-2">
            First update for customers (Markdown)
            <textarea name="message" required rows={3} className={`mt-1 ${INPUT_CLASS}`} />
          </label>
          <div className="sm:col-span-2">
            <button type="submit" className={TICKET_BUTTON_CLASS}>
              Open the incident and link this ticket
            </button>
          </div>
        </IntentForm>
      </details>
    </section>
  );
}
