import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { ErrorSummary, Field, INLINE_SELECT_CLASS, SubmitButton } from "~/components/forms";
import { TimeZoneField } from "~/components/support/time-zone-field";
import { ViewerTime } from "~/components/viewer-time";
import { REVIEW_MINUTES } from "~/status/schemas";

/**
 * The staff incident page's follow-through: the Priority 1 tickets linked to the incident and, once it is
 * resolved with its root cause analysis, the post-incident review meeting (staff pick a time in their
 * zone; the linked tickets' customer contacts are mailed an invitation).
 */
export function IncidentFollowThrough({
  tickets,
  review,
  offerReview,
  timeZones,
  lastResult,
  pending,
}: {
  tickets: { number: string; subject: string }[];
  review: { startsAt: string; minutes: number; location: string } | null;
  offerReview: boolean;
  timeZones: readonly string[];
  lastResult: SubmissionResult<string[]> | undefined;
  pending: boolean;
}) {
  const [form, fields] = useForm<{ startsAt: string; timeZone: string; minutes: string; location: string }>({
    id: "review-meeting",
    lastResult,
  });
  return (
    <section
      aria-labelledby="follow-through"
      className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      <h2 id="follow-through" className="text-xl font-semibold">
        Linked tickets and review
      </h2>
      {tickets.length ? (
        <ul className="list-disc pl-5 text-sm" data-testid="linked-tickets">
          {tickets.map((ticket) => (
            <li key={ticket.number}>
              <Link to={`/admin/tickets/${ticket.number}`} className="text-sky-700 underline dark:text-sky-400">
                {ticket.number}
              </Link>{" "}
              {ticket.subject}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">No tickets are linked. Agents link Priority 1 tickets from the ticket page.</p>
      )}
      {review ? (
        <p className="text-sm" data-testid="review-scheduled">
          Review meeting: <ViewerTime iso={review.startsAt} />, {review.minutes} minutes
          {review.location ? ` · ${review.location}` : ""}. Scheduling again sends an updated invitation.
        </p>
      ) : null}
      {offerReview ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <input type="hidden" name="intent" value="review" />
          <ErrorSummary form={form} />
          <h3 className="font-semibold">
            {review ? "Reschedule the review meeting" : "Schedule the post-incident review meeting"}
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            The customer contacts of the linked tickets&apos; accounts (each requester and account owner) get an
            invitation by email with a calendar file; their ticket pages show the time in their own zone.
          </p>
          <div className="grid gap-3 md:grid-cols-2">
            <Field label="Date and time" field={fields.startsAt} type="datetime-local" required />
            <TimeZoneField field={fields.timeZone} zones={timeZones} />
          </div>
          <label className="block text-sm font-medium">
            Length{" "}
            <select name={fields.minutes.name} defaultValue="60" className={INLINE_SELECT_CLASS}>
              {REVIEW_MINUTES.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes} minutes
                </option>
              ))}
            </select>
          </label>
          <Field label="Meeting link or dial-in (optional)" field={fields.location} />
          <SubmitButton pending={pending}>{review ? "Send the new time" : "Invite the customers"}</SubmitButton>
        </Form>
      ) : (
        <p className="text-sm">
          The review meeting is offered once the incident is resolved with its root cause analysis.
        </p>
      )}
    </section>
  );
}
