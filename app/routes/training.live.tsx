import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getOptionalUser, requireUser } from "~/auth/guards.server";
import { refusedForm } from "~/auth/responses.server";
import { ErrorSummary, Field, FormMessage, SubmitButton, TextAreaField } from "~/components/forms";
import { LocalTime } from "~/components/local-time";
import { TimeZoneField } from "~/components/support/time-zone-field";
import { forwardHeaders } from "~/lib/headers";
import { EMAIL_ADDRESSES, LIVE_TRAINING_PLANS, PLAN_NAMES, SUPPORT_TIME_ZONE } from "~/support/policy";
import { liveRequestSchema, MAX_LIVE_ATTENDEES } from "~/training/live-schemas";
import { liveRequestsOfAccount, mayBookLiveTraining, requestLiveSession } from "~/training/live.server";
import { withSeo } from "~/seo/meta";

/** /training/live: Professional and Enterprise accounts ask for a live session; others see what the plans include and how to upgrade. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const eligible = user ? mayBookLiveTraining(user) : false;
  return data(
    {
      signedIn: Boolean(user),
      plan: user?.account?.plan ?? null,
      eligible,
      requests: user && eligible ? await liveRequestsOfAccount(user) : [],
      timeZones: eligible ? Intl.supportedValuesOf("timeZone") : [],
      requested: new URL(request.url).searchParams.get("requested") === "1",
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: liveRequestSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await requestLiveSession(user, submission.value);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirect("/training/live?requested=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Live training sessions · Training · TechFlow Help Center" },
]);

const plansText = LIVE_TRAINING_PLANS.map((plan) => PLAN_NAMES[plan]).join(" and ");

export default function LiveTraining() {
  const { signedIn, plan, eligible, requests, timeZones, requested } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  // Every field as the browser sends it (text); the schema turns the attendee count into a number on the server.
  const [form, fields] = useForm<{
    topic: string;
    attendees: string;
    preferredAt1: string;
    preferredAt2: string;
    preferredAt3: string;
    timeZone: string;
  }>({
    id: "live-training",
    lastResult,
    // Checked on the server (times need the zone and "now"); the answer marks each field.
    defaultValue: { timeZone: SUPPORT_TIME_ZONE },
  });
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header>
        <p className="text-sm">
          <Link to="/training" className="text-sky-700 underline dark:text-sky-400">
            Training
          </Link>
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight">Live training sessions</h1>
        <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">
          A TechFlow trainer runs a session for your team on your own setup and workflows: rolling TechFlow out to a new
          department, training administrators after a release, or going deeper on integrations. Included with the{" "}
          {plansText} plans.
        </p>
      </header>
      {requested ? (
        <FormMessage tone="success">
          Thanks: your request is in. A trainer confirms one of your times; everyone in your company account then gets
          an invitation by email, and a reminder the day before.
        </FormMessage>
      ) : null}
      {!signedIn ? (
        <p>
          <Link to="/login?redirectTo=/training/live" className="text-sky-700 underline dark:text-sky-400">
            Sign in
          </Link>{" "}
          to request a session for your company.
        </p>
      ) : null}
      {signedIn && !eligible ? (
        <section
          aria-labelledby="upgrade-heading"
          className="rounded-lg bg-sky-50 p-5 dark:bg-sky-950/40"
          data-testid="live-upgrade"
        >
          <h2 id="upgrade-heading" className="text-xl font-semibold">
            Not included with your plan
          </h2>
          <p className="mt-2">
            Live training sessions are part of the {plansText} plans
            {plan
              ? `; your company is on the ${PLAN_NAMES[plan]} plan`
              : "; your sign-in is not part of a customer account yet"}
            . To upgrade, write to{" "}
            <a href={`mailto:${EMAIL_ADDRESSES.sales}`} className="underline">
              {EMAIL_ADDRESSES.sales}
            </a>
            .
          </p>
          <p className="mt-2">
            Meanwhile, the{" "}
            <Link to="/training" className="underline">
              courses, recordings and the weekly webinar
            </Link>{" "}
            are open to everyone.
          </p>
        </section>
      ) : null}
      {eligible ? (
        <section aria-labelledby="request-heading" className="space-y-4">
          <h2 id="request-heading" className="text-xl font-semibold">
            Request a session
          </h2>
          <Form method="post" {...getFormProps(form)} className="space-y-5">
            <ErrorSummary form={form} />
            <TextAreaField label="What should the session cover? (required)" field={fields.topic} rows={4} />
            <Field
              label={`Number of attendees (required, up to ${MAX_LIVE_ATTENDEES})`}
              field={fields.attendees}
              type="number"
              min={1}
              max={MAX_LIVE_ATTENDEES}
              inputMode="numeric"
            />
            <fieldset className="space-y-3">
              <legend className="font-medium">Three times that suit your team (required)</legend>
              <Field label="First choice" field={fields.preferredAt1} type="datetime-local" />
              <Field label="Second choice" field={fields.preferredAt2} type="datetime-local" />
              <Field label="Third choice" field={fields.preferredAt3} type="datetime-local" />
              <TimeZoneField field={fields.timeZone} zones={timeZones} />
            </fieldset>
            <SubmitButton pending={pending}>Request the session</SubmitButton>
          </Form>
        </section>
      ) : null}
      {requests.length > 0 ? (
        <section aria-labelledby="requests-heading">
          <h2 id="requests-heading" className="text-xl font-semibold">
            Your company&apos;s requests
          </h2>
          <ul className="mt-3 space-y-3" data-testid="live-requests">
            {requests.map((entry) => (
              <li key={entry.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
                <p className="font-medium">{entry.topic}</p>
                {entry.status === "confirmed" && entry.confirmedStart ? (
                  <p className="text-sm">
                    Confirmed: <LocalTime iso={entry.confirmedStart} />, {entry.durationMinutes} minutes.{" "}
                    <a href={entry.joinUrl} className="underline" rel="noopener">
                      Join link
                    </a>
                  </p>
                ) : (
                  <p className="text-sm">
                    Waiting for a trainer to confirm one of your {entry.preferredTimes.length} times.
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
