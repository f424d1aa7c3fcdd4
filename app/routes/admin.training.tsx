import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { FormMessage } from "~/components/forms";
import { LocalTime } from "~/components/local-time";
import { firstError } from "~/lib/form-intent";
import { forwardHeaders } from "~/lib/headers";
import { isRefusal } from "~/lib/refusal";
import { confirmLiveSchema, LIVE_SESSION_LENGTHS } from "~/training/live-schemas";
import { confirmLiveSession, liveRequestsForStaff } from "~/training/live.server";
import { withSeo } from "~/seo/meta";

/** /admin/training: live training requests waiting for a time, and the confirmed sessions to come. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "training:manage-live-sessions");
  return data({ requests: await liveRequestsForStaff(user) }, { headers: { "Cache-Control": "private, no-store" } });
}

type Answer = { ok?: string; error?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "training:manage-live-sessions");
  const submission = parseWithZod(await request.formData(), { schema: confirmLiveSchema });
  if (submission.status !== "success")
    return data<Answer>({ error: firstError(submission, "Check the form.") }, { status: 400 });
  try {
    await confirmLiveSession(user, submission.value);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data<Answer>({ error: error.message }, { status: error.status });
  }
  return data<Answer>({ ok: "Confirmed. The account's contacts are being sent the invitation." });
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Live training · Staff · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

const SELECT = "rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

export default function AdminTraining() {
  const { requests } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Live training</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Confirm one of the customer&apos;s three times. Every contact of the account gets an invitation with a
          calendar file, and a reminder the day before. Times are shown in your own time zone.
        </p>
      </header>
      {answer?.ok ? <FormMessage tone="success">{answer.ok}</FormMessage> : null}
      {answer?.error ? <FormMessage tone="error">{answer.error}</FormMessage> : null}
      {requests.length === 0 ? <p>No requests are waiting and no sessions are coming up.</p> : null}
      <ul className="space-y-4" data-testid="live-training-requests">
        {requests.map((entry) => (
          <li key={entry.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
            <h2 className="text-lg font-semibold">
              {entry.account
                ? `${entry.account.name} (${entry.account.accountNumber}, ${entry.account.plan})`
                : "Unknown account"}
            </h2>
            <p className="mt-1 whitespace-pre-line">{entry.topic}</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
              {entry.attendees} attendee{entry.attendees === 1 ? "" : "s"}; the customer&apos;s zone is {entry.timeZone}
              .
            </p>
            {entry.status === "confirmed" && entry.confirmedStart ? (
              <p className="mt-2 font-medium">
                Confirmed: <LocalTime iso={entry.confirmedStart} />, {entry.durationMinutes} minutes, {entry.joinUrl}
              </p>
            ) : (
              <Form method="post" className="mt-3 space-y-3">
                <input type="hidden" name="requestId" value={entry.id} />
                <fieldset>
                  <legend className="text-sm font-medium">Preferred times</legend>
                  {entry.preferredTimes.map((time, index) => (
                    <label key={time + index} className="mt-1 flex items-center gap-2 text-sm">
                      <input type="radio" name="choice" value={String(index + 1)} defaultChecked={index === 0} />
                      <LocalTime iso={time} />
                    </label>
                  ))}
                </fieldset>
                <div className="flex flex-wrap gap-4">
                  <label className="text-sm font-medium">
                    Length
                    <select name="durationMinutes" className={`ml-2 font-normal ${SELECT}`} defaultValue="60">
                      {LIVE_SESSION_LENGTHS.map((minutes) => (
                        <option key={minutes} value={minutes}>
                          {minutes} minutes
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="grow text-sm font-medium">
                    Meeting link
                    <input
                      name="joinUrl"
                      type="url"
                      required
                      placeholder="https://"
                      className={`ml-2 w-full font-normal sm:w-80 ${SELECT}`}
                    />
                  </label>
                </div>
                <button
                  type="submit"
                  className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                >
                  Confirm this time
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
