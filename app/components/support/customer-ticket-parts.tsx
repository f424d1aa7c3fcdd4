import { Link } from "@remix-run/react";
import { useCallback, useRef } from "react";
import { COMPACT_SELECT_CLASS, FormMessage } from "~/components/forms";
import { useResetAfterSend } from "~/components/use-reset-after-send";
import { formEnvelope } from "~/lib/form-intent";
import { AFTER_HOURS, CHANNELS, formatMinutes, PRIORITIES, RESOLUTION_COMMITMENTS, type Plan } from "~/support/policy";
import { IntentForm, TICKET_BUTTON_CLASS } from "./ticket-page-parts";

/** The parts of the customer's ticket page (/support/tickets/<number>) that the agent's page does not have. */

/** `body`: a refused reply's text, sent back so the box still holds it (also without JavaScript). */
export type CustomerAnswer = { ok?: string; error?: string; field?: string; body?: string };

/** Right after filing: the ticket's number and what happens next. */
export function FiledNotice({ ticket }: { ticket: { number: string; target: string; priority: number; plan: Plan } }) {
  const onCall = ticket.priority === AFTER_HOURS.onCallEngineersForPriority;
  return (
    <FormMessage tone="success">
      <p className="font-semibold" data-testid="ticket-filed">
        Ticket {ticket.number} is filed.
      </p>
      <p>
        What happens next: {ticket.target}. We email you when support replies, and every reply is here too. You can add
        details or files at any time by replying below.
      </p>
      {onCall ? (
        <p data-testid="p1-filed">
          Our engineers on call have been alerted now, whatever the hour, and you get an update here every{" "}
          {formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery)} until it is resolved.
          {AFTER_HOURS.emergencyHotlinePlans.includes(ticket.plan)
            ? ` For the emergency hotline, call the main line, ${CHANNELS.phone.mnemonic} (${CHANNELS.phone.number}): it is staffed around the clock for your plan.`
            : null}
        </p>
      ) : null}
    </FormMessage>
  );
}

/** A closed ticket's satisfaction survey, until it is answered. */
export function SurveyInvite({ survey }: { survey: { path: string } }) {
  return (
    <section id="survey" className="rounded-lg border border-emerald-300 p-4 dark:border-emerald-800">
      <h2 className="font-semibold">How did we do?</h2>
      <p className="text-sm">This ticket is closed. Rate our help from 1 to 5.</p>
      <Link
        to={survey.path}
        className="mt-2 inline-block rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white"
      >
        Answer the survey
      </Link>
    </section>
  );
}

/** The reply box: text and files. Once a reply is sent they leave the box (so they cannot go twice) and focus moves to the new message. */
export function CustomerReplyForm({ answer }: { answer: CustomerAnswer | undefined }) {
  const replyForm = useRef<HTMLFormElement>(null);
  const isReply = useCallback((formData: FormData) => formEnvelope(formData).intent === "reply", []);
  const resetReply = useCallback(() => replyForm.current?.reset(), []);
  const pending = useResetAfterSend({ isOwn: isReply, failed: Boolean(answer?.error), reset: resetReply });
  return (
    <IntentForm intent="reply" multipart formRef={replyForm} className="space-y-2">
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
      {answer?.field === "attachments" ? (
        <p className="text-sm text-red-700 dark:text-red-400">{answer.error}</p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white"
      >
        Send reply
      </button>
    </IntentForm>
  );
}

/** What the customer may change: raise the priority (with a reason), ask for escalation, mark it solved. */
export function ChangeTicketSection({
  may,
  priority,
}: {
  may: { raise: boolean; escalate: boolean; solve: boolean };
  priority: number;
}) {
  return (
    <section
      aria-labelledby="actions-heading"
      className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      <h2 id="actions-heading" className="text-lg font-semibold">
        Change this ticket
      </h2>
      {may.raise ? <RaisePriorityForm priority={priority} /> : null}
      <div className="flex flex-wrap gap-3">
        {may.escalate ? (
          <IntentForm intent="escalate" className="flex flex-wrap items-center gap-2">
            <label htmlFor="escalate-reason" className="sr-only">
              Reason for escalation (optional)
            </label>
            <input
              id="escalate-reason"
              name="reason"
              placeholder="Reason (optional)"
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
            />
            <button type="submit" className={TICKET_BUTTON_CLASS}>
              Request escalation
            </button>
          </IntentForm>
        ) : null}
        {may.solve ? (
          <IntentForm intent="solved">
            <button type="submit" className={TICKET_BUTTON_CLASS}>
              Mark as solved
            </button>
          </IntentForm>
        ) : null}
      </div>
    </section>
  );
}

/** Only a higher priority than the current one can be chosen; Priority 1 needs its confirmation. */
function RaisePriorityForm({ priority }: { priority: number }) {
  return (
    <IntentForm intent="raise" className="space-y-2">
      <label htmlFor="raise-priority" className="block text-sm font-medium">
        Raise the priority
      </label>
      <select id="raise-priority" name="priority" className={COMPACT_SELECT_CLASS}>
        {PRIORITIES.filter((entry) => entry.level < priority).map((entry) => (
          <option key={entry.level} value={entry.level}>
            Priority {entry.level}: {entry.name}
          </option>
        ))}
      </select>
      <label htmlFor="raise-reason" className="block text-sm font-medium">
        Why (required)
      </label>
      <input
        id="raise-reason"
        name="reason"
        required
        maxLength={2000}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
      <label className="flex gap-2 text-sm">
        <input type="checkbox" name="p1Confirmed" /> For Priority 1: I confirm the service is down, data is lost or
        corrupted, or there is a security breach.
      </label>
      <button type="submit" className={TICKET_BUTTON_CLASS}>
        Raise priority
      </button>
    </IntentForm>
  );
}
