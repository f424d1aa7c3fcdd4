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
  Field,
  FormMessage,
  INLINE_SELECT_CLASS,
  SubmitButton,
  TextAreaField,
  useServerErrorFocus,
} from "~/components/forms";
import { StateBadge } from "~/components/status/state-badge";
import { maintenanceSchema, openIncidentSchema, parseComponentChoices } from "~/status/schemas";
import { COMPONENT_STATE_LABELS, IMPACT_LABELS, IMPACTS } from "~/status/states";
import { listComponents, staffIncidentList } from "~/status/incident-views.server";
import { CRITICAL_UPDATE_INTERVAL_MINUTES, openIncident, scheduleMaintenance } from "~/status/incident-writes.server";
import { formatMinutes } from "~/support/policy";
import { Refusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [{ title: "Status page · Staff · TechFlow Help Center" }]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "status:manage");
  const [components, incidents] = await Promise.all([listComponents(), staffIncidentList()]);
  return data(
    { components, incidents, updateInterval: formatMinutes(CRITICAL_UPDATE_INTERVAL_MINUTES) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "status:manage");
  const formData = await request.formData();
  const intent = formIntent(formData, ["incident", "maintenance"]);
  if (intent === "maintenance") {
    const submission = parseForm(formData, maintenanceSchema);
    if (submission.status !== "success") return data({ intent, reply: formReply(submission) }, { status: 400 });
    const { title, message, start, end, components } = submission.value;
    try {
      const created = await scheduleMaintenance(user, {
        title,
        message,
        scheduledStart: new Date(`${start}:00Z`),
        scheduledEnd: new Date(`${end}:00Z`),
        components: components.map((componentId) => ({ componentId, state: "maintenance" })),
      });
      return redirect(`/admin/status/${created.id}`, 303);
    } catch (error) {
      if (error instanceof Refusal)
        return data({ intent, reply: formReply(submission, { form: error.message }) }, { status: error.status });
      throw error;
    }
  }
  const submission = parseForm(formData, openIncidentSchema);
  if (submission.status !== "success")
    return data({ intent: "incident", reply: formReply(submission) }, { status: 400 });
  const { states, ...incident } = submission.value;
  try {
    const created = await openIncident(user, {
      ...incident,
      components: parseComponentChoices(incident.components, states),
    });
    return redirect(`/admin/status/${created.id}`, 303);
  } catch (error) {
    if (error instanceof Refusal)
      return data(
        { intent: "incident", reply: formReply(submission, { form: error.message }) },
        { status: error.status },
      );
    throw error;
  }
}

export default function AdminStatus() {
  const { components, incidents, updateInterval } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const incidentReply = answer?.intent === "incident" ? answer.reply : undefined;
  const maintenanceReply = answer?.intent === "maintenance" ? answer.reply : undefined;
  const [incidentForm, incidentFields] = useForm({
    id: "open-incident",
    lastResult: incidentReply,
    constraint: getZodConstraint(openIncidentSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openIncidentSchema }),
  });
  const [maintenanceForm, maintenanceFields] = useForm({
    id: "schedule-maintenance",
    lastResult: maintenanceReply,
    constraint: getZodConstraint(maintenanceSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: maintenanceSchema }),
  });
  useServerErrorFocus(incidentForm, incidentReply);
  useServerErrorFocus(maintenanceForm, maintenanceReply);
  return (
    <div className="max-w-5xl space-y-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Status page</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Customers see this on{" "}
          <Link className="text-sky-700 underline dark:text-sky-400" to="/status">
            /status
          </Link>
          , in the banner on every page and in the contact form. Critical incidents promise an update every{" "}
          {updateInterval}; staff are emailed when one is overdue.
        </p>
      </div>

      <section aria-labelledby="components-now">
        <h2 id="components-now" className="text-xl font-semibold">
          Components now
        </h2>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {components.map((component) => (
            <li
              key={component.id}
              className="flex items-center justify-between rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700"
            >
              {component.name} <StateBadge state={component.state} label={component.stateLabel} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="incidents-list">
        <h2 id="incidents-list" className="text-xl font-semibold">
          Incidents and maintenance
        </h2>
        {incidents.length === 0 ? <p className="mt-2">None yet.</p> : null}
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-2 pr-3">
                Title
              </th>
              <th scope="col" className="py-2 pr-3">
                Kind
              </th>
              <th scope="col" className="py-2 pr-3">
                Status
              </th>
              <th scope="col" className="py-2 pr-3">
                Started (UTC)
              </th>
              <th scope="col" className="py-2">
                Next update due (UTC)
              </th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.id} className="border-b border-slate-200 dark:border-slate-700">
                <td className="py-2 pr-3">
                  <Link className="text-sky-700 underline dark:text-sky-400" to={`/admin/status/${incident.id}`}>
                    {incident.title}
                  </Link>
                </td>
                <td className="py-2 pr-3">
                  {incident.kind}
                  {incident.kind === "incident" ? ` · ${incident.impact}` : ""}
                </td>
                <td className="py-2 pr-3">{incident.statusLabel}</td>
                <td className="py-2 pr-3 whitespace-nowrap">{incident.startedAt.slice(0, 16).replace("T", " ")}</td>
                <td
                  className={`py-2 whitespace-nowrap ${incident.overdue ? "font-semibold text-red-700 dark:text-red-400" : ""}`}
                >
                  {incident.nextUpdateDueAt
                    ? `${incident.nextUpdateDueAt.slice(0, 16).replace("T", " ")}${incident.overdue ? " (overdue)" : ""}`
                    : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section
        aria-labelledby="open-incident-heading"
        className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      >
        <h2 id="open-incident-heading" className="text-xl font-semibold">
          Open an incident
        </h2>
        <Form method="post" {...getFormProps(incidentForm)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="incident" />
          <ErrorSummary form={incidentForm} />
          {incidentForm.errors?.length ? <FormMessage tone="error">{incidentForm.errors[0]}</FormMessage> : null}
          <Field label="Title" field={incidentFields.title} autoComplete="off" />
          <div className="flex flex-wrap gap-6">
            <label className="text-sm font-medium">
              Impact{" "}
              <select name="impact" defaultValue="major" className={INLINE_SELECT_CLASS}>
                {IMPACTS.map((impact) => (
                  <option key={impact} value={impact}>
                    {IMPACT_LABELS[impact]}
                    {impact === "critical" ? ` (updates every ${updateInterval})` : ""}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm font-medium">
              Status{" "}
              <select name="status" defaultValue="investigating" className={INLINE_SELECT_CLASS}>
                <option value="investigating">Investigating</option>
                <option value="identified">Identified</option>
                <option value="monitoring">Monitoring</option>
              </select>
            </label>
          </div>
          <fieldset>
            <legend className="text-sm font-medium">Affected components</legend>
            {incidentFields.components.errors ? (
              <p className="text-sm text-red-700 dark:text-red-400">{incidentFields.components.errors[0]}</p>
            ) : null}
            <ul className="mt-2 space-y-2">
              {components.map((component) => (
                <li key={component.id} className="flex flex-wrap items-center gap-3">
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="components" value={component.id} /> {component.name}
                  </label>
                  <select
                    name={`states.${component.id}`}
                    aria-label={`How ${component.name} is affected`}
                    defaultValue="degraded"
                    className={INLINE_SELECT_CLASS}
                  >
                    {(["degraded", "partial-outage", "major-outage"] as const).map((state) => (
                      <option key={state} value={state}>
                        {COMPONENT_STATE_LABELS[state]}
                      </option>
                    ))}
                  </select>
                </li>
              ))}
            </ul>
          </fieldset>
          <TextAreaField label="First update (Markdown)" field={incidentFields.message} rows={4} />
          <SubmitButton pending={pending}>Open incident</SubmitButton>
        </Form>
      </section>

      <section
        aria-labelledby="maintenance-heading"
        className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      >
        <h2 id="maintenance-heading" className="text-xl font-semibold">
          Schedule maintenance
        </h2>
        <Form method="post" {...getFormProps(maintenanceForm)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="maintenance" />
          <ErrorSummary form={maintenanceForm} />
          {maintenanceForm.errors?.length ? <FormMessage tone="error">{maintenanceForm.errors[0]}</FormMessage> : null}
          <Field label="Title" field={maintenanceFields.title} autoComplete="off" />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Starts (UTC)" field={maintenanceFields.start} type="datetime-local" />
            <Field label="Ends (UTC)" field={maintenanceFields.end} type="datetime-local" />
          </div>
          <fieldset>
            <legend className="text-sm font-medium">Components under maintenance</legend>
            {maintenanceFields.components.errors ? (
              <p className="text-sm text-red-700 dark:text-red-400">{maintenanceFields.components.errors[0]}</p>
            ) : null}
            <ul className="mt-2 flex flex-wrap gap-4">
              {components.map((component) => (
                <li key={component.id}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="components" value={component.id} /> {component.name}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <TextAreaField label="What customers should know (Markdown)" field={maintenanceFields.message} rows={3} />
          <SubmitButton pending={pending}>Schedule maintenance</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
