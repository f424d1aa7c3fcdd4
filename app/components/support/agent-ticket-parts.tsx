import { Form, Link } from "@remix-run/react";
import { COMPACT_SELECT_CLASS, FormMessage } from "~/components/forms";
import { ESCALATION_LEVELS, PRIORITIES } from "~/support/policy";
import { TICKET_STATUS_LABELS, type TicketStatus } from "~/tickets/statuses";
import { TICKET_BUTTON_CLASS, TICKET_LINK_CLASS } from "./ticket-page-parts";

/** The parts of the agent's ticket page (/admin/tickets/<number>) that the customer's page does not have. */

type Trail = { searched: string; shown: { title: string; url: string; type: string; opened: boolean }[] }[];
type LinkedIdea = { id: number; title: string; url: string; status: string } | null;
type Assignee = { id: string; name: string };

/** The clocks that have run out, in red above the facts. */
export function AgentTicketAlerts({
  ticket,
}: {
  ticket: { alerts: { firstResponseBreached: boolean; updateOverdue: boolean }; firstRespondedAt: string | null };
}) {
  return (
    <>
      {ticket.alerts.firstResponseBreached && !ticket.firstRespondedAt ? (
        <FormMessage tone="error">First-response target missed.</FormMessage>
      ) : null}
      {ticket.alerts.updateOverdue ? (
        <FormMessage tone="error">Priority 1 update overdue: reply publicly to reset the update clock.</FormMessage>
      ) : null}
    </>
  );
}

/** What the customer searched before filing, and which suggested answers they opened. */
export function DeflectionTrail({ trail }: { trail: Trail }) {
  return (
    <section aria-labelledby="trail-heading" className="space-y-2">
      <h2 id="trail-heading" className="text-lg font-semibold">
        Before filing (deflection trail)
      </h2>
      {trail.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">The customer filed without searching first.</p>
      ) : null}
      {trail.map((step, index) => (
        <div key={index} className="text-sm" data-testid="deflection-trail">
          <p>
            Searched: <q>{step.searched}</q>
          </p>
          <ul className="list-disc pl-5">
            {step.shown.map((shown) => (
              <li key={shown.url}>
                <a href={shown.url} className={TICKET_LINK_CLASS}>
                  {shown.title}
                </a>{" "}
                ({shown.type}
                {shown.opened ? ", opened" : ", not opened"})
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** A solved ticket as the start of a knowledge-base article: a link to draft it, then the draft to copy. */
export function ArticleDraftSection({ draft }: { draft: { path: string; text: string } | null }) {
  return (
    <section aria-labelledby="draft-heading" className="space-y-2">
      <h2 id="draft-heading" className="text-lg font-semibold">
        Draft an article from this ticket
      </h2>
      {draft ? (
        <>
          <p className="text-sm">
            Save this as <code className="font-mono">{draft.path}</code>, check it reads well without the ticket, and
            remove <code>draft: true</code> when it is ready.
          </p>
          <textarea
            readOnly
            value={draft.text}
            rows={16}
            aria-label="Article draft (MDX)"
            className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
            data-testid="article-draft"
          />
        </>
      ) : (
        <Link to="?draft=1#draft-heading" className={TICKET_BUTTON_CLASS}>
          Draft an article
        </Link>
      )}
    </section>
  );
}

/** The side column: one small form per field an agent sets, the linked idea, and the customer's view. */
export function AgentSidebar({
  ticket,
  assignees,
  nextStatuses,
  linkedIdea,
}: {
  ticket: { number: string; assigneeId: string | null; statusLabel: string; priority: number; escalationLevel: number };
  assignees: Assignee[];
  nextStatuses: TicketStatus[];
  linkedIdea: LinkedIdea;
}) {
  return (
    <aside className="space-y-4" aria-label="Work on this ticket">
      <ChoiceForm
        intent="assign"
        name="assigneeId"
        label="Assignee"
        defaultValue={ticket.assigneeId ?? ""}
        options={[
          { value: "", label: "Unassigned" },
          ...assignees.map((agent) => ({ value: agent.id, label: agent.name })),
        ]}
        submit="Assign"
      />
      {nextStatuses.length ? (
        <ChoiceForm
          intent="status"
          name="status"
          label={`Status (${ticket.statusLabel})`}
          options={nextStatuses.map((status) => ({ value: status, label: TICKET_STATUS_LABELS[status] }))}
        />
      ) : null}
      <ChoiceForm
        intent="priority"
        name="priority"
        label="Priority"
        defaultValue={String(ticket.priority)}
        options={PRIORITIES.map((entry) => ({ value: String(entry.level), label: `P${entry.level} ${entry.name}` }))}
      />
      <ChoiceForm
        intent="level"
        name="level"
        label="Escalation level"
        defaultValue={String(ticket.escalationLevel)}
        options={ESCALATION_LEVELS.map((entry) => ({
          value: String(entry.level),
          label: `L${entry.level} ${entry.title}`,
        }))}
      />
      <IdeaLinkForm linkedIdea={linkedIdea} />
      <p className="text-sm">
        <Link to={`/support/tickets/${ticket.number}`} className={TICKET_LINK_CLASS}>
          See it as the customer does
        </Link>
      </p>
    </aside>
  );
}

/** The idea this ticket waits for (its customer is told when it ships): a number or link, empty unlinks. */
function IdeaLinkForm({ linkedIdea }: { linkedIdea: LinkedIdea }) {
  return (
    <Form method="post" className="space-y-1">
      <input type="hidden" name="intent" value="idea" />
      <label htmlFor="ideaId" className="block text-sm font-medium">
        Linked idea
      </label>
      {linkedIdea ? (
        <p className="text-sm" data-testid="linked-idea">
          <Link to={linkedIdea.url} className={TICKET_LINK_CLASS}>
            #{linkedIdea.id} {linkedIdea.title}
          </Link>{" "}
          ({linkedIdea.status}): the customer is told when it ships.
        </p>
      ) : null}
      <div className="flex gap-2">
        <input
          id="ideaId"
          name="ideaId"
          defaultValue={linkedIdea ? String(linkedIdea.id) : ""}
          placeholder="Idea number or link; empty unlinks"
          className={COMPACT_SELECT_CLASS}
        />
        <button type="submit" className={TICKET_BUTTON_CLASS}>
          Link
        </button>
      </div>
    </Form>
  );
}

/** One field an agent sets on the ticket: a labelled choice and its button, posted with its intent. */
function ChoiceForm({
  intent,
  name,
  label,
  options,
  defaultValue,
  submit = "Set",
}: {
  intent: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  submit?: string;
}) {
  return (
    <Form method="post" className="space-y-1">
      <input type="hidden" name="intent" value={intent} />
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <select id={name} name={name} defaultValue={defaultValue} className={COMPACT_SELECT_CLASS}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <button type="submit" className={TICKET_BUTTON_CLASS}>
          {submit}
        </button>
      </div>
    </Form>
  );
}
