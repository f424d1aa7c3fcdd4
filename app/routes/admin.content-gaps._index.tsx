import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { FormMessage } from "~/components/forms";
import { requireInsightsViewer } from "~/insights/access.server";
import { contentGapQueue, dismissGap, type GapGroup } from "~/insights/content-gaps.server";
import { dismissGapSchema } from "~/insights/schemas";
import { firstError } from "~/lib/form-intent";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [
  { title: "Content gaps · Staff · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireInsightsViewer(request);
  return data(await contentGapQueue(), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireInsightsViewer(request);
  if (!user) throw data({ message: "We couldn’t find that page." }, { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: dismissGapSchema });
  if (submission.status !== "success")
    return data({ error: firstError(submission, "Check the form.") }, { status: 400 });
  await dismissGap(user, submission.value.key, submission.value.reason);
  return redirect("/admin/content-gaps", 303);
}

function Evidence({ group }: { group: GapGroup }) {
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {group.evidence.slice(0, 12).map((item, index) => (
        <li key={index}>
          {item.kind === "zero-result" ? (
            <>
              Searched <strong>“{item.query}”</strong>: {item.count}× with no result (last {item.lastSeen.slice(0, 10)})
            </>
          ) : item.kind === "no-click" ? (
            <>
              Searched <strong>“{item.query}”</strong>: {item.count}× with results nobody clicked
            </>
          ) : item.kind === "comment" ? (
            <>
              “What was missing?” on{" "}
              <Link className="text-sky-700 underline dark:text-sky-400" to={`/${item.page}`}>
                /{item.page}
              </Link>
              : “{item.text}”
            </>
          ) : item.kind === "not-held" ? (
            <>
              Confirmed “{item.answer || "an answer"}” but came back about “{item.query}”
            </>
          ) : (
            <>
              Ticket{" "}
              <Link className="text-sky-700 underline dark:text-sky-400" to={`/support/tickets/${item.number}`}>
                {item.number}
              </Link>
              : no article in the top 3 for “{item.subject}”
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export default function ContentGaps() {
  const queue = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="max-w-5xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Content gaps</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          The last 90 days of zero-result and never-clicked searches, “What was missing?” comments, deflections that did
          not hold and tickets no article answers, grouped by their words and ranked by evidence. A group closes by
          itself once a new or updated article comes up in the top 3 for it.
        </p>
      </div>
      {answer?.error ? <FormMessage tone="error">{answer.error}</FormMessage> : null}
      {queue.open.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 dark:border-slate-600">
          No open content gaps: nothing customers looked for went unanswered (or no data yet).
        </p>
      ) : null}
      <ol className="space-y-4" data-testid="content-gaps">
        {queue.open.map((group) => (
          <li key={group.key} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
            <h2 className="text-lg font-semibold">{group.label}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Score {Math.round(group.score * 10) / 10} · words: {group.key} · last seen {group.lastSeen.slice(0, 10)}
            </p>
            <Evidence group={group} />
            <div className="mt-3 flex flex-wrap items-end gap-4">
              <a
                className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                href={`/admin/content-gaps/draft?key=${encodeURIComponent(group.key)}`}
                download
              >
                Draft an article
              </a>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="key" value={group.key} />
                <label className="text-sm">
                  Reason{" "}
                  <input
                    name="reason"
                    required
                    minLength={3}
                    maxLength={500}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                  />
                </label>
                <button
                  type="submit"
                  className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
                >
                  Dismiss
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ol>
      {queue.answered.length ? (
        <section aria-labelledby="answered">
          <h2 id="answered" className="text-xl font-semibold">
            Answered since (closed)
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {queue.answered.map((group) => (
              <li key={group.key}>
                {group.label}: answered by{" "}
                <Link className="text-sky-700 underline dark:text-sky-400" to={group.answeredBy?.url ?? "/"}>
                  {group.answeredBy?.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {queue.dismissed.length ? (
        <section aria-labelledby="dismissed">
          <h2 id="dismissed" className="text-xl font-semibold">
            Dismissed
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {queue.dismissed.map((group) => (
              <li key={group.key}>
                {group.label}: {group.dismissed?.reason} ({group.dismissed?.at.slice(0, 10)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
