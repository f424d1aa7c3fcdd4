import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { ChannelsForPlan } from "~/components/support/channels";
import { DescribeProblem } from "~/components/support/describe-problem";
import { suggestionChoice } from "~/deflection/schemas";
import { recordConfirmed } from "~/deflection/deflection.server";
import { suggestFor, whoIs } from "~/deflection/suggest.server";
import { formIntent } from "~/lib/form-intent";
import { ensureVisitorId } from "~/lib/visitor.server";
import { contactNow } from "~/support/contact.server";
import { LIVE_TRAINING_PLANS, PLAN_NAMES, PLANS, type Plan } from "~/support/policy";
import { withSeo } from "~/seo/meta";

/** /support: the channels for the visitor's plan, then "Describe your problem" with suggested answers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getOptionalUser(request);
  const asked = url.searchParams.get("plan");
  const plan: Plan = user?.account?.plan ?? (PLANS.includes(asked as Plan) ? (asked as Plan) : "standard");
  const subject = (url.searchParams.get("subject") ?? "").slice(0, 200);
  const description = (url.searchParams.get("description") ?? "").slice(0, 20_000);
  const searched = url.searchParams.has("subject") || url.searchParams.has("description");
  const { visitorId, setCookie } = ensureVisitorId(request);
  const found = searched
    ? await suggestFor(request, await whoIs(request, visitorId), {
        subject,
        description,
        sessionId: url.searchParams.get("session"),
      })
    : { sessionId: null, suggestions: [] };
  return data(
    {
      plan,
      planIsTheirs: Boolean(user?.account),
      signedIn: Boolean(user),
      hasAccount: Boolean(user?.account),
      openNow: contactNow(plan),
      subject,
      description,
      searched,
      thanks: url.searchParams.get("thanks") === "1",
      ...found,
    },
    { headers: { "Cache-Control": "private, no-store", ...(setCookie ? { "Set-Cookie": setCookie } : {}) } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (formIntent(form, ["confirm"]) !== "confirm") throw data({ message: "Unknown action." }, { status: 400 });
  const { session, documentId } = suggestionChoice(form);
  const confirmed = await recordConfirmed(await whoIs(request), session, documentId);
  if (!confirmed)
    throw data({ message: "That suggestion is not part of your search. Describe the problem again." }, { status: 400 });
  return redirect(`/support?thanks=1&answer=${encodeURIComponent(confirmed.url)}`);
}

export const meta: MetaFunction = withSeo(() => [{ title: "Contact support · TechFlow Help Center" }]);

export default function Support() {
  const page = useLoaderData<typeof loader>();
  if (page.thanks) {
    return (
      <div className="mx-auto max-w-3xl space-y-4" data-testid="deflection-thanks">
        <h1 className="text-3xl font-bold tracking-tight">Glad that helped</h1>
        <p>Thank you for telling us: it helps the next person with the same question find the answer sooner.</p>
        <p>
          <Link to="/" className="text-sky-700 underline dark:text-sky-400">
            Back to the help center
          </Link>
          {" · "}
          <Link to="/support" className="text-sky-700 underline dark:text-sky-400">
            Something else? Contact support
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-5xl space-y-10">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">Contact support</h1>
        <p className="text-slate-700 dark:text-slate-200">
          Tell us what is wrong and we will look for an answer first. If there is none, file a ticket and we take it
          from there.
          {page.hasAccount ? (
            <>
              {" "}
              <Link to="/support/tickets" className="text-sky-700 underline dark:text-sky-400">
                Your tickets
              </Link>
            </>
          ) : null}
        </p>
      </header>
      <DescribeProblem
        key={`${page.subject}|${page.description}`}
        initialSubject={page.subject}
        initialDescription={page.description}
        initialSessionId={page.sessionId}
        initialSuggestions={page.suggestions}
        searched={page.searched}
      />
      {!page.signedIn ? (
        <p className="text-sm text-slate-700 dark:text-slate-200">
          Filing a ticket needs a sign-in with your company’s customer account.{" "}
          <Link to="/login?redirectTo=/support" className="text-sky-700 underline dark:text-sky-400">
            Sign in
          </Link>
        </p>
      ) : null}
      <ChannelsForPlan plan={page.plan} openNow={page.openNow} planIsTheirs={page.planIsTheirs} />
      <section
        aria-labelledby="training-heading"
        className="rounded-lg border border-slate-200 p-5 dark:border-slate-700"
      >
        <h2 id="training-heading" className="text-xl font-semibold">
          Learn to solve it yourself
        </h2>
        <p className="mt-2 text-slate-700 dark:text-slate-200">
          Short courses on choosing a priority, writing a request and getting ready for incidents, each with a quiz and
          a certificate; recordings of past webinars; the weekly live webinar; and live sessions with a trainer for{" "}
          {LIVE_TRAINING_PLANS.map((plan) => PLAN_NAMES[plan]).join(" and ")} plans.{" "}
          <Link to="/training" className="text-sky-700 underline dark:text-sky-400">
            See training
          </Link>
        </p>
      </section>
    </div>
  );
}
