import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import {
  ChangeTicketSection,
  CustomerReplyForm,
  FiledNotice,
  SurveyInvite,
  type CustomerAnswer,
} from "~/components/support/customer-ticket-parts";
import {
  ActionNotice,
  ConversationSection,
  TICKET_LINK_CLASS,
  TicketHeading,
  TimelineSection,
} from "~/components/support/ticket-page-parts";
import { TicketFacts, TicketProblem } from "~/components/support/ticket-parts";
import { TicketIncidentPanel } from "~/components/support/incident-parts";
import { majorIncidents } from "~/tickets/major-incidents.server";
import { firstError, formIntent } from "~/lib/form-intent";
import { isRefusal } from "~/lib/refusal";
import type { TicketFormUpload } from "~/tickets/attachment-upload.server";
import { PRIVATE, requireReadableTicket, withTicketForm } from "~/tickets/route-helpers.server";
import { CUSTOMER_TICKET_INTENTS, escalationRequestSchema, raisePrioritySchema, replySchema } from "~/tickets/schemas";
import { markSolvedByCustomer, raisePriorityByCustomer, requestEscalation } from "~/tickets/ticket-moves.server";
import type { TicketRow } from "~/tickets/ticket-reads.server";
import { addReply } from "~/tickets/ticket-replies.server";
import { customerTicketActions, ticketView } from "~/tickets/view.server";
import { withSeo } from "~/seo/meta";

/** /support/tickets/<number>: one ticket as the customer sees it, with what they can do. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ticket = await requireReadableTicket(params.number, user);
  const [view, incident] = await Promise.all([
    ticketView({ ...user, role: "member" }, ticket),
    majorIncidents.ofTicket(ticket),
  ]);
  return data(
    {
      ticket: view,
      incident,
      filed: new URL(request.url).searchParams.get("filed") === "1",
      isStaff: can(user, "ticket:work"),
      may: customerTicketActions(ticket, user),
    },
    { headers: PRIVATE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ticket = await requireReadableTicket(params.number, user);
  if (can(user, "ticket:work"))
    return data<CustomerAnswer>({ error: "Staff work tickets from the agent view." }, { status: 403 });
  return withTicketForm(request, ticket, (upload) =>
    customerAction(ticket, { ...user, role: "member" as const }, upload),
  );
}

/** The ticket model's Refusal as this page's answer: its message (beside `field`, when one is named) and status. */
function refused(error: unknown, field?: "raise") {
  if (!isRefusal(error)) throw error;
  return data<CustomerAnswer>({ error: error.message, field }, { status: error.status });
}

async function customerAction(
  ticket: TicketRow,
  customer: Parameters<typeof addReply>[0],
  { form, files, problem }: TicketFormUpload,
) {
  switch (formIntent(form, CUSTOMER_TICKET_INTENTS)) {
    case "reply": {
      const submission = parseForm(form, replySchema);
      if (submission.status !== "success")
        return data<CustomerAnswer>(
          { error: firstError(submission, "Write a message."), field: "body" },
          { status: 400 },
        );
      const { body } = submission.value;
      if (problem)
        return data<CustomerAnswer>({ error: problem.message, field: "attachments", body }, { status: problem.status });
      try {
        const { messageId } = await addReply(customer, ticket, { body, visibility: "public", files });
        return redirect(`/support/tickets/${ticket.number}#message-${messageId}`);
      } catch (error) {
        return refused(error);
      }
    }
    case "raise": {
      const submission = parseForm(form, raisePrioritySchema);
      if (submission.status !== "success")
        return data<CustomerAnswer>(
          { error: firstError(submission, "Choose a priority and give a reason."), field: "raise" },
          { status: 400 },
        );
      const { priority, reason } = submission.value;
      try {
        await raisePriorityByCustomer(customer, ticket, priority, reason);
        return data<CustomerAnswer>({ ok: `Priority raised to ${priority}.` });
      } catch (error) {
        return refused(error, "raise");
      }
    }
    case "escalate": {
      const submission = parseForm(form, escalationRequestSchema);
      try {
        await requestEscalation(customer, ticket, submission.status === "success" ? submission.value.reason : "");
        return data<CustomerAnswer>({ ok: "Escalation requested. A more senior team now has your ticket." });
      } catch (error) {
        return refused(error);
      }
    }
    case "solved": {
      try {
        await markSolvedByCustomer(customer, ticket);
        return data<CustomerAnswer>({
          ok: "Marked solved. Reply any time before it closes if the problem comes back.",
        });
      } catch (error) {
        return refused(error);
      }
    }
    default:
      return data<CustomerAnswer>({ error: "Unknown action." }, { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = withSeo(({ data: loaded }) => [
  { title: loaded ? `${loaded.ticket.number} · Your tickets · TechFlow Help Center` : "Ticket · TechFlow Help Center" },
]);

export default function CustomerTicket() {
  const { ticket, filed, may, isStaff, incident } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // Errors about the reply box are shown beside it.
  const pageError = answer?.field !== "body" && answer?.field !== "attachments" ? answer?.error : undefined;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <TicketHeading ticket={ticket} links={<CustomerTicketLinks number={ticket.number} isStaff={isStaff} />} />
      {filed ? <FiledNotice ticket={ticket} /> : null}
      <ActionNotice ok={answer?.ok} error={pageError} />
      <TicketFacts ticket={ticket} />
      {incident ? <TicketIncidentPanel incident={incident} /> : null}
      {ticket.survey && !ticket.survey.answered ? <SurveyInvite survey={ticket.survey} /> : null}
      <TicketProblem ticket={ticket} />
      <ConversationSection messages={ticket.messages}>
        {may.reply ? (
          <CustomerReplyForm answer={answer} />
        ) : ticket.status === "closed" ? (
          <p className="text-sm">
            This ticket is closed. If the problem is back, file a new ticket and name {ticket.number} under related
            tickets.
          </p>
        ) : null}
      </ConversationSection>
      {may.solve || may.raise || may.escalate ? <ChangeTicketSection may={may} priority={ticket.priority} /> : null}
      {/* A new ticket has no events yet: no heading over an empty list. */}
      {ticket.events.length > 0 ? <TimelineSection title="History" events={ticket.events} /> : null}
    </div>
  );
}

/** Back to the customer's list; staff looking at the customer's view also get the way back to theirs. */
function CustomerTicketLinks({ number, isStaff }: { number: string; isStaff: boolean }) {
  return (
    <>
      <Link to="/support/tickets" className={TICKET_LINK_CLASS}>
        Your tickets
      </Link>
      {isStaff ? (
        <>
          {" · "}
          <Link to={`/admin/tickets/${number}`} className={TICKET_LINK_CLASS}>
            Agent view
          </Link>
        </>
      ) : null}
    </>
  );
}
