import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { requireCapability } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { AgentComposer, type ComposerMode } from "~/components/support/agent-composer";
import {
  AgentSidebar,
  AgentTicketAlerts,
  ArticleDraftSection,
  DeflectionTrail,
} from "~/components/support/agent-ticket-parts";
import {
  ActionNotice,
  ConversationSection,
  TICKET_LINK_CLASS,
  TicketHeading,
  TimelineSection,
} from "~/components/support/ticket-page-parts";
import { TicketFacts, TicketProblem } from "~/components/support/ticket-parts";
import { OnCallPagePanel } from "~/components/oncall/page-panel";
import { IncidentLinkSection, TicketIncidentPanel } from "~/components/support/incident-parts";
import { isRefusal } from "~/lib/refusal";
import { incidentFromTicketSchema, linkIncidentSchema } from "~/status/schemas";
import { majorIncidents, type IncidentChoice } from "~/tickets/major-incidents.server";
import { ideaPath } from "~/ideas/rules";
import { firstError, formIntent } from "~/lib/form-intent";
import type { TicketFormUpload } from "~/tickets/attachment-upload.server";
import { PRIVATE, requireReadableTicket, withTicketForm } from "~/tickets/route-helpers.server";
import {
  AGENT_TICKET_INTENTS,
  agentMessageSchema,
  assignmentSchema,
  ideaLinkSchema,
  levelChangeSchema,
  priorityChangeSchema,
  statusChangeSchema,
} from "~/tickets/schemas";
import {
  assignTicket,
  linkIdea,
  setLevelByStaff,
  setPriorityByStaff,
  setStatusByStaff,
} from "~/tickets/ticket-moves.server";
import { acknowledgeTicketPage, ticketPageStatus } from "~/tickets/ticket-pages.server";
import { linkedIdeaOf, staffAssignees, type TicketRow } from "~/tickets/ticket-reads.server";
import { addReply } from "~/tickets/ticket-replies.server";
import { draftFromTicket, ticketView } from "~/tickets/view.server";
import { TICKET_STATUSES, staffMayMove, type TicketStatus } from "~/tickets/statuses";
import { withSeo } from "~/seo/meta";

/** /admin/tickets/<number>: the agent's ticket page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "ticket:work");
  const ticket = await requireReadableTicket(params.number, user);
  const wantsDraft = new URL(request.url).searchParams.get("draft") === "1";
  const [view, assignees, draft, linkedIdea, page, incident] = await Promise.all([
    ticketView(user, ticket),
    staffAssignees(),
    wantsDraft ? draftFromTicket(ticket) : Promise.resolve(null),
    linkedIdeaOf(ticket),
    ticketPageStatus(ticket),
    majorIncidents.ofTicket(ticket),
  ]);
  // Priority 1 tickets not yet part of an incident can be linked to one (the capability table says who).
  const mayLink = ticket.priority === 1 && ticket.status !== "closed" && !incident && can(user, "incident:link");
  const nextStatuses = TICKET_STATUSES.filter((status) => staffMayMove(ticket.status as TicketStatus, status));
  return data(
    {
      ticket: view,
      assignees,
      nextStatuses,
      draft,
      page,
      incident,
      linkChoices: mayLink ? await majorIncidents.linkChoices() : null,
      linkedIdea: linkedIdea
        ? { id: linkedIdea.id, title: linkedIdea.title, url: ideaPath(linkedIdea), status: linkedIdea.status }
        : null,
    },
    { headers: PRIVATE },
  );
}

/** `refused`: a composer message sent back with its mode and text (the composer shows the error beside it). */
type Answer = { ok?: string; error?: string; refused?: { visibility: ComposerMode; draft: string; error: string } };

function refuseMessage(visibility: ComposerMode, draft: unknown, error: string, status: number) {
  return data<Answer>(
    { refused: { visibility, draft: typeof draft === "string" ? draft.slice(0, 20_000) : "", error } },
    { status },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "ticket:work");
  const ticket = await requireReadableTicket(params.number, user);
  return withTicketForm(request, ticket, (upload) => agentAction(ticket, user, upload));
}

type Agent = Awaited<ReturnType<typeof requireCapability>>;

async function agentAction(ticket: TicketRow, user: Agent, upload: TicketFormUpload) {
  const form = upload.form;
  switch (formIntent(form, AGENT_TICKET_INTENTS)) {
    case "reply":
      return agentMessage(ticket, user, upload);
    case "status":
      return saveSetting(form, statusChangeSchema, ({ status }) => setStatusByStaff(user, ticket, status));
    case "priority":
      return saveSetting(form, priorityChangeSchema, ({ priority }) => setPriorityByStaff(user, ticket, priority));
    case "level":
      return saveSetting(form, levelChangeSchema, ({ level }) => setLevelByStaff(user, ticket, level));
    case "assign":
      return saveSetting(form, assignmentSchema, ({ assigneeId }) => assignTicket(user, ticket, assigneeId));
    case "idea":
      return saveSetting(form, ideaLinkSchema, ({ ideaId }) => linkIdea(user, ticket, ideaId));
    case "link-incident":
      return saveSetting(form, linkIncidentSchema, ({ incidentId }) => linkIncident(ticket, user, { incidentId }));
    case "new-incident":
      return saveSetting(form, incidentFromTicketSchema, ({ componentId, componentState, ...incident }) =>
        linkIncident(ticket, user, {
          newIncident: {
            ...incident,
            status: "investigating",
            components: [{ componentId, state: componentState }],
          },
        }),
      );
    case "acknowledge":
      try {
        await acknowledgeTicketPage(user, ticket);
        return data<Answer>({ ok: "Acknowledged: the paging has stopped." });
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return data<Answer>({ error: error.message }, { status: error.status });
      }
    default:
      return data<Answer>({ error: "Unknown action." }, { status: 400 });
  }
}

async function agentMessage(ticket: TicketRow, user: Agent, upload: TicketFormUpload) {
  const submission = parseForm(upload.form, agentMessageSchema);
  if (submission.status !== "success") {
    const { visibility: modeErrors, ...fieldErrors } = submission.error ?? {};
    // No mode, no guess: without one the message goes nowhere and the agent is asked to choose.
    if (modeErrors?.length) return data<Answer>({ error: modeErrors[0] }, { status: 400 });
    const visibility = submission.payload.visibility === "internal" ? "internal" : "public";
    return refuseMessage(
      visibility,
      submission.payload.body,
      firstError({ error: fieldErrors }, "Write a message."),
      400,
    );
  }
  const { body, visibility } = submission.value;
  if (upload.problem) return refuseMessage(visibility, body, upload.problem.message, upload.problem.status);
  try {
    const { messageId } = await addReply(user, ticket, { body, visibility, files: upload.files });
    return redirect(`/admin/tickets/${ticket.number}#message-${messageId}`);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return refuseMessage(visibility, body, error.message, error.status);
  }
}

async function linkIncident(ticket: TicketRow, user: Agent, choice: IncidentChoice) {
  await majorIncidents.link(ticket, user, choice);
}

/**
 * One field an agent sets: its form read through its schema, then "Saved." or the reason. A setting
 * the model refuses is answered 400 whatever the Refusal's own status, as this panel always has:
 * the agent reads the reason beside the settings, and the ticket is unchanged.
 */
async function saveSetting<Schema extends z.ZodTypeAny>(
  form: FormData,
  schema: Schema,
  save: (value: z.output<Schema>) => Promise<unknown>,
) {
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success")
    return data<Answer>({ error: firstError(submission, "Check the form.") }, { status: 400 });
  try {
    await save(submission.value);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data<Answer>({ error: error.message }, { status: 400 });
  }
  return data<Answer>({ ok: "Saved." });
}

export const meta: MetaFunction<typeof loader> = withSeo(({ data: loaded }) => [
  { title: loaded ? `${loaded.ticket.number} · Tickets · Admin` : "Ticket · Admin" },
]);

export default function AgentTicket() {
  const { ticket, assignees, nextStatuses, draft, linkedIdea, page, incident, linkChoices } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const solvedOrClosed = ticket.status === "solved" || ticket.status === "closed";
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        <TicketHeading
          ticket={ticket}
          links={
            <Link to="/admin/tickets" className={TICKET_LINK_CLASS}>
              Ticket queue
            </Link>
          }
        >
          <p className="text-sm">
            {ticket.account ? `${ticket.account.name} (${ticket.account.number})` : ""} · {ticket.planName} plan · filed
            by {ticket.requesterName}
          </p>
        </TicketHeading>
        <ActionNotice ok={answer?.ok} error={answer?.error} />
        <AgentTicketAlerts ticket={ticket} />
        {page ? <OnCallPagePanel page={page} /> : null}
        {incident ? <TicketIncidentPanel incident={incident} manageUrl={`/admin/status/${incident.id}`} /> : null}
        {linkChoices ? <IncidentLinkSection choices={linkChoices} subject={ticket.subject} /> : null}
        <TicketFacts ticket={ticket} />
        <TicketProblem ticket={ticket} />
        <DeflectionTrail trail={ticket.deflectionTrail} />
        <ConversationSection messages={ticket.messages}>
          {ticket.status !== "closed" ? <AgentComposer refused={answer?.refused ?? null} /> : null}
        </ConversationSection>
        {solvedOrClosed ? <ArticleDraftSection draft={draft} /> : null}
        <TimelineSection title="Timeline" events={ticket.events} />
      </div>
      <AgentSidebar ticket={ticket} assignees={assignees} nextStatuses={nextStatuses} linkedIdea={linkedIdea} />
    </div>
  );
}
