import { parseForm } from "~/lib/form-parse";
import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { Field, FormMessage } from "~/components/forms";
import { TimeZoneField } from "~/components/support/time-zone-field";
import { ViewerTime } from "~/components/viewer-time";
import { firstError, formIntent } from "~/lib/form-intent";
import { Refusal, isRefusal } from "~/lib/refusal";
import { ON_CALL_INTENTS, overrideSchema, removeSchema, slotSchema } from "~/oncall/schemas";
import { addOverride, addSlot, readOnCallBoard, removeOverride, removeSlot } from "~/oncall/schedule.server";
import { zonedLocalToInstant } from "~/tickets/schemas";
import { withSeo } from "~/seo/meta";

/** /admin/on-call: who holds the Priority 1 pager now, the weekly rotation and the overrides (decision record 019). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "oncall:view");
  const board = await readOnCallBoard(user);
  return data({ board, timeZones: Intl.supportedValuesOf("timeZone") }, { headers: { "Cache-Control": "no-store" } });
}

type Answer = { ok?: string; error?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "oncall:manage");
  const form = await request.formData();
  try {
    await dispatch(form, user);
    return data<Answer>({ ok: "Saved." });
  } catch (error) {
    if (isRefusal(error)) return data<Answer>({ error: error.message }, { status: error.status });
    throw error;
  }
}

type Manager = Awaited<ReturnType<typeof requireCapability>>;

/** Parses the form its intent names and makes the change; a form that does not parse is a Refusal (400) like the schedule's own. */
async function dispatch(form: FormData, user: Manager): Promise<void> {
  switch (formIntent(form, ON_CALL_INTENTS)) {
    case "add-slot": {
      const submission = parseForm(form, slotSchema);
      if (submission.status !== "success") throw new Refusal(400, firstError(submission, "Check the form."));
      return addSlot(user, submission.value);
    }
    case "add-override": {
      const submission = parseForm(form, overrideSchema);
      if (submission.status !== "success") throw new Refusal(400, firstError(submission, "Check the form."));
      const { startsAt, endsAt, timeZone, ...rest } = submission.value;
      const start = zonedLocalToInstant(startsAt, timeZone);
      const end = zonedLocalToInstant(endsAt, timeZone);
      if (!start || !end) throw new Refusal(400, "Enter valid dates and times and choose a time zone.");
      return addOverride(user, { ...rest, startsAt: start, endsAt: end });
    }
    case "remove-slot":
    case "remove-override": {
      const submission = parseForm(form, removeSchema);
      if (submission.status !== "success") throw new Refusal(400, "Unknown entry.");
      return formIntent(form, ON_CALL_INTENTS) === "remove-slot"
        ? removeSlot(user, submission.value.id)
        : removeOverride(user, submission.value.id);
    }
    default:
      throw new Refusal(400, "Unknown action.");
  }
}

export const meta: MetaFunction = withSeo(() => [{ title: "On call · Staff · TechFlow Help Center" }]);

const BUTTON = "rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800";
const SELECT = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

type Board = ReturnType<typeof useLoaderData<typeof loader>>["board"];

/** The primary or the secondary, with a visible label: two unlabelled lists of the same names read alike. */
function PersonSelect({ name, people, optional }: { name: string; people: Board["people"]; optional?: boolean }) {
  return (
    <label className="block text-sm font-medium">
      {name === "primaryId" ? "Primary" : "Secondary (optional)"}
      <select name={name} className={`mt-1 font-normal ${SELECT}`}>
        {optional ? <option value="">(none)</option> : null}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function OnCall() {
  const { board, timeZones } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [overrideForm, fields] = useForm<{ startsAt: string; endsAt: string; timeZone: string; note: string }>({
    id: "override",
  });
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">On call</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          A Priority 1 ticket pages the primary at once (mail, in-app and PagerDuty when configured); if nobody
          acknowledges it in time, the secondary is paged. Times are shown in your own time zone.
        </p>
      </div>
      {answer?.ok ? <FormMessage tone="success">{answer.ok}</FormMessage> : null}
      {answer?.error ? <FormMessage tone="error">{answer.error}</FormMessage> : null}
      <section aria-labelledby="now" className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
        <h2 id="now" className="text-xl font-semibold">
          On call now
        </h2>
        {board.now.primary ? (
          <p data-testid="on-call-now">
            Primary <strong>{board.now.primary.name}</strong>
            {board.now.secondary ? (
              <>
                , secondary <strong>{board.now.secondary.name}</strong>
              </>
            ) : null}
            {board.now.source === "override" ? " (override)" : ""}
            {board.now.until ? (
              <>
                {" "}
                until <ViewerTime iso={board.now.until} />
              </>
            ) : null}
          </p>
        ) : (
          <p data-testid="on-call-now">
            Nobody is on call: Priority 1 pages reach every agent in-app only. Add a rotation week below.
          </p>
        )}
      </section>
      <section aria-labelledby="weeks">
        <h2 id="weeks" className="text-xl font-semibold">
          Coming weeks
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {board.weeks.map((week) => (
            <li key={week.startsAt}>
              From <ViewerTime iso={week.startsAt} />: {week.primary?.name ?? "nobody"}
              {week.secondary ? ` · secondary ${week.secondary.name}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="rotation">
        <h2 id="rotation" className="text-xl font-semibold">
          Weekly rotation
        </h2>
        <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm">
          {board.slots.map((slot) => (
            <li key={slot.id}>
              {slot.primary?.name} {slot.secondary ? `· secondary ${slot.secondary.name}` : "· no secondary"}
              {board.mayManage ? (
                <RemoveButton
                  intent="remove-slot"
                  id={slot.id}
                  label={`Remove the rotation week of ${slot.primary?.name ?? "nobody"}`}
                />
              ) : null}
            </li>
          ))}
        </ol>
        {board.mayManage ? (
          <Form method="post" className="mt-3 grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-end">
            <input type="hidden" name="intent" value="add-slot" />
            <PersonSelect name="primaryId" people={board.people} />
            <PersonSelect name="secondaryId" people={board.people} optional />
            <button type="submit" className={BUTTON}>
              Add a week
            </button>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="overrides">
        <h2 id="overrides" className="text-xl font-semibold">
          Overrides
        </h2>
        {board.overrides.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">No overrides: the weekly rotation decides.</p>
        ) : null}
        <ul className="mt-2 space-y-1 text-sm">
          {board.overrides.map((entry) => (
            <li key={entry.id}>
              <ViewerTime iso={entry.startsAt} /> – <ViewerTime iso={entry.endsAt} />: {entry.primary?.name}
              {entry.secondary ? ` · secondary ${entry.secondary.name}` : ""}
              {entry.note ? ` (${entry.note})` : ""}
              {board.mayManage ? (
                <RemoveButton
                  intent="remove-override"
                  id={entry.id}
                  label={`Remove the override for ${entry.primary?.name ?? "nobody"}`}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {board.mayManage ? (
          <Form method="post" {...getFormProps(overrideForm)} className="mt-3 grid gap-3 md:grid-cols-2">
            <input type="hidden" name="intent" value="add-override" />
            <Field label="Starts" field={fields.startsAt} type="datetime-local" />
            <Field label="Ends" field={fields.endsAt} type="datetime-local" />
            <div className="md:col-span-2">
              <TimeZoneField field={fields.timeZone} zones={timeZones} />
            </div>
            <PersonSelect name="primaryId" people={board.people} />
            <PersonSelect name="secondaryId" people={board.people} optional />
            <Field label="Note (optional)" field={fields.note} />
            <button type="submit" className={`${BUTTON} self-end justify-self-start`}>
              Add the override
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

/** One row's Remove button; its accessible name says which row, since a list holds several. */
function RemoveButton({ intent, id, label }: { intent: string; id: string; label: string }) {
  return (
    <Form method="post" className="ml-2 inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" aria-label={label} className="text-sky-700 underline dark:text-sky-400">
        Remove
      </button>
    </Form>
  );
}
