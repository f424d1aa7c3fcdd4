import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FormMessage } from "~/components/forms";
import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { firstError, formIntent, optionalText } from "~/lib/form-intent";
import { holidayCalendar } from "~/tickets/holidays.server";
import { PRIVATE } from "~/tickets/route-helpers.server";
import { HOLIDAY_INTENTS, holidaySchema } from "~/tickets/schemas";

/** /admin/holidays: staff edit the support holiday calendar; open tickets' due times follow at the next recalculate-sla run. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "ticket:work");
  const holidays = await holidayCalendar.list();
  return data(
    { holidays: holidays.map((holiday) => ({ date: holiday.date, name: holiday.name })) },
    { headers: PRIVATE },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  await requireCapability(request, "ticket:work");
  const form = await request.formData();
  const intent = formIntent(form, HOLIDAY_INTENTS);
  if (intent === "remove") {
    const date = optionalText(form, "date") ?? "";
    await holidayCalendar.remove(date);
    return data({ error: null, message: `Removed ${date}.` }, { headers: PRIVATE });
  }
  if (intent !== "add") return data({ error: "Unknown action.", message: null }, { status: 400, headers: PRIVATE });
  const submission = parseWithZod(form, { schema: holidaySchema });
  if (submission.status !== "success")
    return data({ error: firstError(submission, "Check the form."), message: null }, { status: 400, headers: PRIVATE });
  const { date, name } = submission.value;
  await holidayCalendar.add(date, name);
  return data(
    { error: null, message: `Saved ${date}. Open tickets' due times follow at the next recalculate-sla run.` },
    { headers: PRIVATE },
  );
}

export const meta: MetaFunction = () => [{ title: "Support holidays · Admin · TechFlow Help Center" }];

export default function Holidays() {
  const { holidays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Support holidays</h1>
      <p className="text-slate-600 dark:text-slate-300">
        Days (US Eastern) on which plans without 24/7 cover have no support hours: response targets skip them.
      </p>
      {result?.message ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block">Date</span>
          <input
            type="date"
            name="date"
            required
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <label className="text-sm">
          <span className="block">Name</span>
          <input
            type="text"
            name="name"
            required
            maxLength={100}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <button
          type="submit"
          name="intent"
          value="add"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
        >
          Add holiday
        </button>
      </Form>
      {holidays.length === 0 ? (
        <p>No holidays.</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
          data-testid="holidays"
        >
          {holidays.map((holiday) => (
            <li key={holiday.date} className="flex items-center justify-between gap-2 p-2">
              <span>
                <span className="font-mono">{holiday.date}</span> {holiday.name}
              </span>
              <Form method="post">
                <input type="hidden" name="date" value={holiday.date} />
                <button
                  type="submit"
                  name="intent"
                  value="remove"
                  className="text-sm text-red-700 underline dark:text-red-400"
                >
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
