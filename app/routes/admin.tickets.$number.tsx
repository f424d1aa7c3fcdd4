import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { requireCapability } from "~/auth/guards.server";
import { FormMessage } from "~/components/forms";
import { AgentComposer, type ComposerMode } from "~/components/support/agent-composer";
import { Conversation, TicketFacts, TicketProblem, Timeline } from "~/components/support/ticket-parts";
import { ESCALATION_LEVELS, PRIORITIES } from "~/support/policy";
import { ideaPath } from "~/ideas/rules";
import { firstError, formIntent } from "~/lib/form-intent";
import { readTicketForm, type TicketFormUpload } from "~/tickets/attachment-upload.server";
import { agentDesk, draftFromTicket, ticketsPortal } from "~/tickets/portal.server";
import { PRIVATE, requireReadableTicket } from "~/tickets/route-helpers.server";
import { AGENT_TICKET_INTENTS, agentMessageSchema, assignmentSchema, ideaLinkSchema, levelChangeSchema, priorityChangeSchema, statusChangeSchema } from "~/tickets/schemas";
import type { TicketRow } from "~/tickets/tickets.server";
import { TICKET_STATUS_LABELS, TICKET_STATUSES, staffMayMove, type TicketStatus } from "~/tickets/statuses";

/** /admin/tickets/<number>: the agent's ticket page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "ticket:work");
  const ticket = await requireReadableTicket(params.number, user);
  const wantsDraft = new URL(request.url).searchParams.get("draft") === "1";
  const [view, assignees, draft, linkedIdea] = await Promise.all([ticketsPortal.view(ticket, user), agentDesk.assignees(), wantsDraft ? draftFromTicket(ticket) : Promise.resolve(null), agentDesk.linkedIdea(ticket)]);
  const nextStatuses = TICKET_STATUSES.filter((status) => staffMayMove(ticket.status as TicketStatus, status));
  return data({ ticket: view, assignees, nextStatuses, draft, linkedIdea: linkedIdea ? { id: linkedIdea.id, title: linkedIdea.title, url: ideaPath(linkedIdea), status: linkedIdea.status } : null }, { headers: PRIVATE });
}

/** `refused`: a composer message sent back with its mode and text (the composer shows the error beside it). */
type Answer = { ok?: string; error?: string; refused?: { visibility: ComposerMode; draft: string; error: string } };

function refuseMessage(visibility: ComposerMode, draft: unknown, error: string, status: number) {
  return data<Answer>({ refused: { visibility, draft: typeof draft === "string" ? draft.slice(0, 20_000) : "", error } }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "ticket:work");
  const ticket = await requireReadableTicket(params.number, user);
  // A reply's files stream to disk as the form arrives; those not attached are deleted afterwards.
  const upload = await readTicketForm(request, await ticketsPortal.bytesOnTicket(ticket));
  try {
    return await agentAction(ticket, user, upload);
  } finally {
    await upload.discard();
  }
}

type Agent = Awaited<ReturnType<typeof requireCapability>>;

async function agentAction(ticket: TicketRow, user: Agent, upload: TicketFormUpload) {
  const form = upload.form;
  switch (formIntent(form, AGENT_TICKET_INTENTS)) {
    case "reply":
      return agentMessage(ticket, user, upload);
    case "status":
      return saveSetting(form, statusChangeSchema, ({ status }) => agentDesk.setStatus(ticket, user, status));
    case "priority":
      return saveSetting(form, priorityChangeSchema, ({ priority }) => agentDesk.setPriority(ticket, user, priority));
    case "level":
      return saveSetting(form, levelChangeSchema, ({ level }) => agentDesk.setLevel(ticket, user, level));
    case "assign":
      return saveSetting(form, assignmentSchema, ({ assigneeId }) => agentDesk.assign(ticket, user, assigneeId));
    case "idea":
      return saveSetting(form, ideaLinkSchema, ({ ideaId }) => agentDesk.linkIdea(ticket, user, ideaId));
    default:
      return data<Answer>({ error: "Unknown action." }, { status: 400 });
  }
}

async function agentMessage(ticket: TicketRow, user: Agent, upload: TicketFormUpload) {
  const submission = parseWithZod(upload.form, { schema: agentMessageSchema });
  if (submission.status !== "success") {
    const { visibility: modeErrors, ...fieldErrors } = submission.error ?? {};
    // No mode, no guess: without one the message goes nowhere and the agent is asked to choose.
    if (modeErrors?.length) return data<Answer>({ error: modeErrors[0] }, { status: 400 });
    const visibility = submission.payload.visibility === "internal" ? "internal" : "public";
    return refuseMessage(visibility, submission.payload.body, firstError({ error: fieldErrors }, "Write a message."), 400);
  }
  const { body, visibility } = submission.value;
  if (upload.problem) return refuseMessage(visibility, body, upload.problem.message, upload.problem.status);
  const result = await ticketsPortal.reply(ticket, user, { body, visibility, files: upload.files });
  if (!result.ok) return refuseMessage(visibility, body, result.message, 409);
  return redirect(`/admin/tickets/${ticket.number}#message-${result.messageId}`);
}

/** One field an agent sets: its form read through its schema, then the desk's answer as "Saved." or the reason. */
async function saveSetting<Schema extends z.ZodTypeAny>(form: FormData, schema: Schema, save: (value: z.output<Schema>) => Promise<{ ok: true } | { ok: false; message: string }>) {
  const submission = parseWithZod(form, { schema });
  const result = submission.status === "success" ? await save(submission.value) : { ok: false as const, message: firstError(submission, "Check the form.") };
  return result.ok ? data<Answer>({ ok: "Saved." }) : data<Answer>({ error: result.message }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: loaded ? `${loaded.ticket.number} · Tickets · Admin` : "Ticket · Admin" }];

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";
const BUTTON = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-600";

export default function AgentTicket() {
  const { ticket, assignees, nextStatuses, draft, linkedIdea } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        <header className="space-y-1">
          <p className="text-sm">
            <Link to="/admin/tickets" className="text-sky-700 underline dark:text-sky-400">
              Ticket queue
            </Link>
          </p>
          <h1 className="text-2xl font-bold tracking-tight">
            <span className="font-mono text-lg text-slate-600 dark:text-slate-300">{ticket.number}</span> {ticket.subject}
          </h1>
          <p className="text-sm">
            {ticket.account ? `${ticket.account.name} (${ticket.account.number})` : ""} · {ticket.planName} plan · filed by {ticket.requesterName}
          </p>
        </header>
        {answer?.ok ? <FormMessage tone="success">{answer.ok}</FormMessage> : null}
        {answer?.error ? <FormMessage tone="error">{answer.error}</FormMessage> : null}
        {ticket.alerts.firstResponseBreached && !ticket.firstRespondedAt ? <FormMessage tone="error">First-response target missed.</FormMessage> : null}
        {ticket.alerts.updateOverdue ? <FormMessage tone="error">Priority 1 update overdue: reply publicly to reset the update clock.</FormMessage> : null}
        <TicketFacts ticket={ticket} />
        <TicketProblem ticket={ticket} />
        <section aria-labelledby="trail-heading" className="space-y-2">
          <h2 id="trail-heading" className="text-lg font-semibold">
            Before filing (deflection trail)
          </h2>
          {ticket.deflectionTrail.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">The customer filed without searching first.</p>
          ) : (
            ticket.deflectionTrail.map((step, index) => (
              <div key={index} className="text-sm" data-testid="deflection-trail">
                <p>
                  Searched: <q>{step.searched}</q>
                </p>
                <ul className="list-disc pl-5">
                  {step.shown.map((shown) => (
                    <li key={shown.url}>
                      <a href={shown.url} className="text-sky-700 underline dark:text-sky-400">
                        {shown.title}
                      </a>{" "}
                      ({shown.type}
                      {shown.opened ? ", opened" : ", not opened"})
                    </li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </section>
        <section aria-labelledby="conversation-heading" id="conversation" className="space-y-3">
          <h2 id="conversation-heading" className="text-lg font-semibold">
            Conversation
          </h2>
          <Conversation messages={ticket.messages} />
          {ticket.status !== "closed" ? <AgentComposer refused={answer?.refused ?? null} /> : null}
        </section>
        {ticket.status === "solved" || ticket.status === "closed" ? (
          <section aria-labelledby="draft-heading" className="space-y-2">
            <h2 id="draft-heading" className="text-lg font-semibold">
              Draft an article from this ticket
            </h2>
            {draft ? (
              <>
                <p className="text-sm">
                  Save this as <code className="font-mono">{draft.path}</code>, check it reads well without the ticket, and remove <code>draft: true</code> when it is ready.
                </p>
                <textarea readOnly value={draft.text} rows={16} aria-label="Article draft (MDX)" className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900" data-testid="article-draft" />
              </>
            ) : (
              <Link to="?draft=1#draft-heading" className={BUTTON}>
                Draft an article
              </Link>
            )}
          </section>
        ) : null}
        <section aria-labelledby="timeline-heading" className="space-y-2">
          <h2 id="timeline-heading" className="text-lg font-semibold">
            Timeline
          </h2>
          <Timeline events={ticket.events} />
        </section>
      </div>
      <aside className="space-y-4" aria-label="Work on this ticket">
        <ChoiceForm
          intent="assign"
          name="assigneeId"
          label="Assignee"
          defaultValue={ticket.assigneeId ?? ""}
          options={[{ value: "", label: "Unassigned" }, ...assignees.map((agent) => ({ value: agent.id, label: agent.name }))]}
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
          options={ESCALATION_LEVELS.map((entry) => ({ value: String(entry.level), label: `L${entry.level} ${entry.title}` }))}
        />
        <Form method="post" className="space-y-1">
          <input type="hidden" name="intent" value="idea" />
          <label htmlFor="ideaId" className="block text-sm font-medium">
            Linked idea
          </label>
          {linkedIdea ? (
            <p className="text-sm" data-testid="linked-idea">
              <Link to={linkedIdea.url} className="text-sky-700 underline dark:text-sky-400">
                #{linkedIdea.id} {linkedIdea.title}
              </Link>{" "}
              ({linkedIdea.status}): the customer is told when it ships.
            </p>
          ) : null}
          <div className="flex gap-2">
            <input id="ideaId" name="ideaId" defaultValue={linkedIdea ? String(linkedIdea.id) : ""} placeholder="Idea number or link; empty unlinks" className={SELECT} />
            <button type="submit" className={BUTTON}>
              Link
            </button>
          </div>
        </Form>
        <p className="text-sm">
          <Link to={`/support/tickets/${ticket.number}`} className="text-sky-700 underline dark:text-sky-400">
            See it as the customer does
          </Link>
        </p>
      </aside>
    </div>
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
        <select id={name} name={name} defaultValue={defaultValue} className={SELECT}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <button type="submit" className={BUTTON}>
          {submit}
        </button>
      </div>
    </Form>
  );
}
