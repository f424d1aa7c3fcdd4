import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { firstError, formEnvelope, formIntent } from "~/lib/form-intent";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useCallback, useRef } from "react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { FormMessage } from "~/components/forms";
import { useResetAfterSend } from "~/components/use-reset-after-send";
import { Conversation, TicketFacts, TicketProblem, Timeline } from "~/components/support/ticket-parts";
import { ESCALATION_ON_REQUEST, PRIORITIES, type Plan } from "~/support/policy";
import { readTicketForm, type TicketFormUpload } from "~/tickets/attachment-upload.server";
import { PRIVATE, requireReadableTicket } from "~/tickets/route-helpers.server";
import { CUSTOMER_TICKET_INTENTS, escalationRequestSchema, raisePrioritySchema, replySchema } from "~/tickets/schemas";
import { customerMayMarkSolved, customerMayReply, type TicketStatus } from "~/tickets/statuses";
import { ticketsPortal } from "~/tickets/portal.server";
import type { TicketRow } from "~/tickets/tickets.server";

/** /support/tickets/<number>: one ticket as the customer sees it, with what they can do. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ticket = await requireReadableTicket(params.number, user);
  const view = await ticketsPortal.view(ticket, { ...user, role: "member" });
  const status = ticket.status as TicketStatus;
  return data(
    {
      ticket: view,
      filed: new URL(request.url).searchParams.get("filed") === "1",
      isStaff: can(user, "ticket:work"),
      may: {
        reply: customerMayReply(status) && can(user, "ticket:reply", ticket),
        solve: customerMayMarkSolved(status),
        raise: customerMayMarkSolved(status) && ticket.priority > 1,
        escalate: customerMayMarkSolved(status) && ESCALATION_ON_REQUEST.includes(ticket.plan as Plan) && ticket.escalationLevel < 4,
      },
    },
    { headers: PRIVATE },
  );
}

/** `body`: a refused reply's text, sent back so the box still holds it (also without JavaScript). */
type Answer = { ok?: string; error?: string; field?: string; body?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const ticket = await requireReadableTicket(params.number, user);
  if (can(user, "ticket:work")) return data<Answer>({ error: "Staff work tickets from the agent view." }, { status: 403 });
  // A reply's files stream to disk as the form arrives (within the room left on the ticket); those not attached are deleted afterwards.
  const upload = await readTicketForm(request, await ticketsPortal.bytesOnTicket(ticket));
  try {
    return await customerAction(ticket, { ...user, role: "member" as const }, upload);
  } finally {
    await upload.discard();
  }
}

async function customerAction(ticket: TicketRow, customer: Parameters<typeof ticketsPortal.reply>[1], { form, files, problem }: TicketFormUpload) {
  switch (formIntent(form, CUSTOMER_TICKET_INTENTS)) {
    case "reply": {
      const submission = parseWithZod(form, { schema: replySchema });
      if (submission.status !== "success") return data<Answer>({ error: firstError(submission, "Write a message."), field: "body" }, { status: 400 });
      const { body } = submission.value;
      if (problem) return data<Answer>({ error: problem.message, field: "attachments", body }, { status: problem.status });
      const result = await ticketsPortal.reply(ticket, customer, { body, visibility: "public", files });
      if (!result.ok) return data<Answer>({ error: result.message }, { status: 409 });
      return redirect(`/support/tickets/${ticket.number}#message-${result.messageId}`);
    }
    case "raise": {
      const submission = parseWithZod(form, { schema: raisePrioritySchema });
      if (submission.status !== "success") return data<Answer>({ error: firstError(submission, "Choose a priority and give a reason."), field: "raise" }, { status: 400 });
      const { priority, reason } = submission.value;
      const result = await ticketsPortal.raisePriority(ticket, customer, priority, reason);
      return result.ok ? data<Answer>({ ok: `Priority raised to ${priority}.` }) : data<Answer>({ error: result.message, field: "raise" }, { status: 409 });
    }
    case "escalate": {
      const submission = parseWithZod(form, { schema: escalationRequestSchema });
      const result = await ticketsPortal.escalate(ticket, customer, submission.status === "success" ? submission.value.reason : "");
      return result.ok ? data<Answer>({ ok: "Escalation requested. A more senior team now has your ticket." }) : data<Answer>({ error: result.message }, { status: 409 });
    }
    case "solved": {
      const result = await ticketsPortal.markSolved(ticket, customer);
      return result.ok ? data<Answer>({ ok: "Marked solved. Reply any time before it closes if the problem comes back." }) : data<Answer>({ error: result.message }, { status: 409 });
    }
    default:
      return data<Answer>({ error: "Unknown action." }, { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: loaded ? `${loaded.ticket.number} · Your tickets · TechFlow Help Center` : "Ticket · TechFlow Help Center" }];

const BUTTON = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-600";

export default function CustomerTicket() {
  const { ticket, filed, may, isStaff } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const replyForm = useRef<HTMLFormElement>(null);
  const isReply = useCallback((formData: FormData) => formEnvelope(formData).intent === "reply", []);
  const resetReply = useCallback(() => replyForm.current?.reset(), []);
  // After a reply is sent its text and files leave the box (so they cannot go twice) and focus moves to the new message.
  const pending = useResetAfterSend({ isOwn: isReply, failed: Boolean(answer?.error), reset: resetReply });
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="space-y-1">
        <p className="text-sm">
          <Link to="/support/tickets" className="text-sky-700 underline dark:text-sky-400">
            Your tickets
          </Link>
          {isStaff ? (
            <>
              {" · "}
              <Link to={`/admin/tickets/${ticket.number}`} className="text-sky-700 underline dark:text-sky-400">
                Agent view
              </Link>
            </>
          ) : null}
        </p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          <span className="font-mono text-lg text-slate-600 sm:text-xl dark:text-slate-300">{ticket.number}</span> {ticket.subject}
        </h1>
      </header>
      {filed ? (
        <FormMessage tone="success">
          <p className="font-semibold" data-testid="ticket-filed">
            Ticket {ticket.number} is filed.
          </p>
          <p>
            What happens next: {ticket.target}. We email you when support replies, and every reply is here too. You can add details or files at any time by replying below.
          </p>
        </FormMessage>
      ) : null}
      {answer?.ok ? <FormMessage tone="success">{answer.ok}</FormMessage> : null}
      {answer?.error && answer.field !== "body" && answer.field !== "attachments" ? <FormMessage tone="error">{answer.error}</FormMessage> : null}
      <TicketFacts ticket={ticket} />
      {ticket.survey && !ticket.survey.answered ? (
        <section id="survey" className="rounded-lg border border-emerald-300 p-4 dark:border-emerald-800">
          <h2 className="font-semibold">How did we do?</h2>
          <p className="text-sm">This ticket is closed. Rate our help from 1 to 5.</p>
          <Link to={ticket.survey.path} className="mt-2 inline-block rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white">
            Answer the survey
          </Link>
        </section>
      ) : null}
      <TicketProblem ticket={ticket} />
      <section aria-labelledby="conversation-heading" id="conversation" className="space-y-3">
        <h2 id="conversation-heading" className="text-lg font-semibold">
          Conversation
        </h2>
        <Conversation messages={ticket.messages} />
        {may.reply ? (
          <Form ref={replyForm} method="post" encType="multipart/form-data" className="space-y-2">
            <input type="hidden" name="intent" value="reply" />
            <label htmlFor="reply-body" className="block text-sm font-medium">
              Your reply
            </label>
            <textarea
              id="reply-body"
              name="body"
              defaultValue={answer?.body}
              rows={4}
              required
              aria-invalid={answer?.field === "body" ? true : undefined}
              className="w-full rounded-md border border-slate-300 bg-white p-2 dark:border-slate-600 dark:bg-slate-900"
            />
            {answer?.field === "body" ? <p className="text-sm text-red-700 dark:text-red-400">{answer.error}</p> : null}
            <label htmlFor="reply-attachments" className="block text-sm font-medium">
              Attach files
            </label>
            <input id="reply-attachments" type="file" name="attachments" multiple className="block text-sm" />
            {answer?.field === "attachments" ? <p className="text-sm text-red-700 dark:text-red-400">{answer.error}</p> : null}
            <button type="submit" disabled={pending} className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white">
              Send reply
            </button>
          </Form>
        ) : ticket.status === "closed" ? (
          <p className="text-sm">This ticket is closed. If the problem is back, file a new ticket and name {ticket.number} under related tickets.</p>
        ) : null}
      </section>
      {may.solve || may.raise || may.escalate ? (
        <section aria-labelledby="actions-heading" className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
          <h2 id="actions-heading" className="text-lg font-semibold">
            Change this ticket
          </h2>
          {may.raise ? (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="raise" />
              <label htmlFor="raise-priority" className="block text-sm font-medium">
                Raise the priority
              </label>
              <select id="raise-priority" name="priority" className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900">
                {PRIORITIES.filter((entry) => entry.level < ticket.priority).map((entry) => (
                  <option key={entry.level} value={entry.level}>
                    Priority {entry.level}: {entry.name}
                  </option>
                ))}
              </select>
              <label htmlFor="raise-reason" className="block text-sm font-medium">
                Why (required)
              </label>
              <input id="raise-reason" name="reason" required maxLength={2000} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900" />
              <label className="flex gap-2 text-sm">
                <input type="checkbox" name="p1Confirmed" /> For Priority 1: I confirm the service is down, data is lost or corrupted, or there is a security breach.
              </label>
              <button type="submit" className={BUTTON}>
                Raise priority
              </button>
            </Form>
          ) : null}
          <div className="flex flex-wrap gap-3">
            {may.escalate ? (
              <Form method="post" className="flex flex-wrap items-center gap-2">
                <input type="hidden" name="intent" value="escalate" />
                <label htmlFor="escalate-reason" className="sr-only">
                  Reason for escalation (optional)
                </label>
                <input id="escalate-reason" name="reason" placeholder="Reason (optional)" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900" />
                <button type="submit" className={BUTTON}>
                  Request escalation
                </button>
              </Form>
            ) : null}
            {may.solve ? (
              <Form method="post">
                <input type="hidden" name="intent" value="solved" />
                <button type="submit" className={BUTTON}>
                  Mark as solved
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <Timeline events={ticket.events} />
      </section>
    </div>
  );
}
