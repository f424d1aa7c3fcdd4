import { parseForm } from "~/lib/form-parse";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { formReply } from "~/auth/responses.server";
import { formIntent } from "~/lib/form-intent";
import {
  ErrorSummary,
  FormMessage,
  INLINE_SELECT_CLASS,
  SubmitButton,
  TextAreaField,
  useServerErrorFocus,
} from "~/components/forms";
import { IncidentCard } from "~/components/status/incident-card";
import { IncidentFollowThrough } from "~/components/status/review-meeting";
import { reviewSchema, rootCauseSchema, updateSchemaFor } from "~/status/schemas";
import { INCIDENT_STATUSES, isClosedStatus, MAINTENANCE_STATUSES, STATUS_LABELS } from "~/status/states";
import { incidentFollowThrough } from "~/status/incident-links.server";
import { getIncident } from "~/status/incident-views.server";
import { scheduleReview } from "~/status/incident-review.server";
import { postUpdate, setRootCause } from "~/status/incident-writes.server";
import { Refusal } from "~/lib/refusal";
import { zonedLocalToInstant } from "~/tickets/schemas";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [{ title: "Incident · Staff · TechFlow Help Center" }]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "status:manage");
  const incident = await getIncident(params.id ?? "");
  if (!incident) throw data({ message: "There is no such incident." }, { status: 404 });
  const followThrough = incident.kind === "incident" ? await incidentFollowThrough(incident.id) : null;
  return data(
    { incident, followThrough, timeZones: Intl.supportedValuesOf("timeZone") },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** Resolving a major incident asks for its root cause analysis unless one is saved already. */
const rootCauseRequired = (incident: { major: boolean; rootCauseHtml: string }) =>
  incident.major && !incident.rootCauseHtml;

const INTENTS = ["root-cause", "update", "review"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "status:manage");
  const formData = await request.formData();
  const id = params.id ?? "";
  const incident = await getIncident(id);
  if (!incident) throw data({ message: "There is no such incident." }, { status: 404 });
  const intent = formIntent(formData, INTENTS) ?? "update";
  try {
    if (intent === "root-cause") {
      const submission = parseForm(formData, rootCauseSchema);
      if (submission.status !== "success") return data({ intent, reply: formReply(submission) }, { status: 400 });
      await setRootCause(user, id, submission.value.rootCause);
      return redirect(`/admin/status/${id}`, 303);
    }
    if (intent === "review") {
      const submission = parseForm(formData, reviewSchema);
      if (submission.status !== "success") return data({ intent, reply: formReply(submission) }, { status: 400 });
      const { startsAt, timeZone, minutes, location } = submission.value;
      const instant = zonedLocalToInstant(startsAt, timeZone);
      if (!instant)
        return data(
          { intent, reply: formReply(submission, { startsAt: "Enter a valid date, time and zone." }) },
          { status: 400 },
        );
      await scheduleReview(user, id, { startsAt: instant, minutes, location });
      return redirect(`/admin/status/${id}`, 303);
    }
    const submission = parseWithZod(formData, {
      schema: updateSchemaFor({ rootCauseRequired: rootCauseRequired(incident) }),
    });
    if (submission.status !== "success") return data({ intent, reply: formReply(submission) }, { status: 400 });
    await postUpdate(user, id, submission.value);
    return redirect(`/admin/status/${id}`, 303);
  } catch (error) {
    if (error instanceof Refusal)
      return data({ intent, reply: null, message: error.message }, { status: error.status });
    throw error;
  }
}

export default function AdminIncident() {
  const { incident, followThrough, timeZones } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const updateReply = answer?.intent === "update" ? (answer.reply ?? undefined) : undefined;
  const updateSchema = updateSchemaFor({ rootCauseRequired: rootCauseRequired(incident) });
  const [form, fields] = useForm({
    id: "incident-update",
    lastResult: updateReply,
    constraint: getZodConstraint(updateSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateSchema }),
  });
  const [rootForm, rootFields] = useForm({
    id: "root-cause",
    lastResult: answer?.intent === "root-cause" ? answer.reply : undefined,
    defaultValue: { rootCause: "" },
  });
  useServerErrorFocus(form, updateReply);
  const statuses = incident.kind === "maintenance" ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
  const closed = isClosedStatus(incident.status);
  return (
    <div className="max-w-4xl space-y-8">
      <p>
        <Link to="/admin/status" className="text-sky-700 underline dark:text-sky-400">
          All incidents
        </Link>
      </p>
      <IncidentCard incident={incident} headingLevel={2} />
      {incident.overdue ? <FormMessage tone="error">The next customer update is overdue.</FormMessage> : null}
      {answer && "message" in answer && answer.message ? (
        <FormMessage tone="error">{answer.message}</FormMessage>
      ) : null}
      {closed ? null : (
        <section aria-labelledby="post-update" className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
          <h2 id="post-update" className="text-xl font-semibold">
            Post an update
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
            <ErrorSummary form={form} />
            <label className="block text-sm font-medium">
              Status{" "}
              <select name="status" defaultValue={incident.status} className={INLINE_SELECT_CLASS}>
                {statuses.map((status) => (
                  <option key={status} value={status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            </label>
            <TextAreaField label="Update (Markdown)" field={fields.message} rows={4} />
            {incident.kind === "incident" ? (
              <TextAreaField
                label={
                  rootCauseRequired(incident)
                    ? "Root cause analysis (Markdown; required to resolve this major incident)"
                    : "Root cause analysis (Markdown; saved when you resolve)"
                }
                field={fields.rootCause}
                rows={5}
              />
            ) : null}
            <SubmitButton pending={pending}>Post update</SubmitButton>
          </Form>
        </section>
      )}
      {incident.kind === "incident" ? (
        <section
          aria-labelledby="root-cause-heading"
          className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
        >
          <h2 id="root-cause-heading" className="text-xl font-semibold">
            Root cause analysis
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Shown on the status page and on the linked tickets. The support guide promises a root cause analysis for
            major incidents: resolving one asks for it.
          </p>
          <Form method="post" {...getFormProps(rootForm)} className="mt-3 space-y-4">
            <input type="hidden" name="intent" value="root-cause" />
            <TextAreaField label="Analysis (Markdown)" field={rootFields.rootCause} rows={6} />
            <SubmitButton pending={pending}>Save the analysis</SubmitButton>
          </Form>
        </section>
      ) : null}
      {followThrough ? (
        <IncidentFollowThrough
          tickets={followThrough.tickets}
          review={followThrough.review}
          offerReview={incident.status === "resolved" && !!incident.rootCauseHtml}
          timeZones={timeZones}
          lastResult={answer?.intent === "review" ? (answer.reply ?? undefined) : undefined}
          pending={pending}
        />
      ) : null}
    </div>
  );
}
