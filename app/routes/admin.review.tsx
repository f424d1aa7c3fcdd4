import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { FormMessage } from "~/components/forms";
import { RelativeTime } from "~/components/forum/relative-time";
import "~/components/article/article-content.css";
import { FLAG_REASONS, MAX_SUSPENSION_DAYS, moderatorActionSchema } from "~/forum/moderation-schemas";
import { loadReviewQueue } from "~/forum/review-queue.server";
import { performModeratorAction } from "~/forum/moderator-actions.server";
import { loadOutdatedAnswers } from "~/forum/qa-hygiene.server";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

/** The review queue: flagged posts with their flags; a moderator approves, hides or deletes each, and can suspend its author. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "forum:review");
  const items = (await loadReviewQueue(user)) ?? [];
  const outdated = (await loadOutdatedAnswers(user)) ?? [];
  return { items, outdated };
}

type Outcome = { ok: boolean; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "forum:review");
  const submission = parseWithZod(await request.formData(), { schema: moderatorActionSchema });
  if (submission.status !== "success")
    return data<Outcome>(
      { ok: false, message: Object.values(submission.error ?? {}).flat()[0] ?? "Check the form." },
      { status: 400 },
    );
  try {
    const done = await performModeratorAction(user, submission.value);
    return data<Outcome>({ ok: true, message: done.message });
  } catch (error) {
    if (isRefusal(error)) return data<Outcome>({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = withSeo(() => [{ title: "Review queue · Staff · TechFlow Help Center" }]);

const REASON_LABEL: Record<string, string> = Object.fromEntries(
  FLAG_REASONS.map((reason) => [reason.value, reason.label]),
);
const BUTTON = "rounded-md border px-3 py-1.5 text-sm font-medium";

export default function AdminReview() {
  const { items, outdated } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold tracking-tight">Review queue</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Flagged posts, most flagged first. Posts flagged by three members are already hidden from members. Every
        decision is recorded in the{" "}
        <Link to="/admin/audit" className="text-sky-700 underline dark:text-sky-400">
          audit log
        </Link>
        .
      </p>
      {outcome ? (
        <div className="mt-4">
          <FormMessage tone={outcome.ok ? "success" : "error"}>{outcome.message}</FormMessage>
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">
          Nothing to review. Flagged posts appear here.
        </p>
      ) : (
        <ol className="mt-6 space-y-6" aria-label="Flagged posts">
          {items.map((item) => (
            <li
              key={item.post.id}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
              data-testid="review-item"
              aria-labelledby={`review-${item.post.id}`}
            >
              <h2 id={`review-${item.post.id}`} className="text-lg font-semibold">
                <Link to={item.post.url} className="hover:underline">
                  {item.thread.title}
                </Link>{" "}
                <span className="text-sm font-normal text-slate-600 dark:text-slate-300">post #{item.post.number}</span>
              </h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                by <strong>{item.author.name}</strong> ({item.author.email}), joined{" "}
                <RelativeTime iso={item.author.joinedAt} />, posted <RelativeTime iso={item.post.createdAt} />
                {item.post.hidden ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                    Hidden ({item.post.hiddenReason === "flagged" ? "by flags" : "by a moderator"})
                  </span>
                ) : null}
                {item.author.suspendedUntil ? (
                  <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900 dark:bg-red-900 dark:text-red-100">
                    Suspended until {item.author.suspendedUntil.slice(0, 10)}
                  </span>
                ) : null}
              </p>
              <div
                className="prose prose-slate mt-3 max-w-none break-words rounded-md bg-slate-50 p-3 dark:prose-invert dark:bg-slate-900"
                // Sanitized when the post was written (app/forum/render.server.ts).
                dangerouslySetInnerHTML={{ __html: item.post.html }}
              />
              <h3 className="mt-3 text-sm font-semibold">
                {item.flags.length} {item.flags.length === 1 ? "flag" : "flags"}
              </h3>
              <ul className="mt-1 space-y-1 text-sm">
                {item.flags.map((flag) => (
                  <li key={flag.id}>
                    <strong>{REASON_LABEL[flag.reason] ?? flag.reason}</strong> from {flag.by},{" "}
                    <RelativeTime iso={flag.at} />
                    {flag.note ? <span className="text-slate-700 dark:text-slate-300">: “{flag.note}”</span> : null}
                  </li>
                ))}
              </ul>
              <div className="mt-4 flex flex-wrap items-end gap-2">
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="postId" value={item.post.id} />
                  <label className="text-sm">
                    <span className="block text-slate-700 dark:text-slate-300">Reason (kept in the audit log)</span>
                    <input
                      name="reason"
                      maxLength={500}
                      className="mt-1 w-64 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                    />
                  </label>
                  <button
                    type="submit"
                    name="intent"
                    value="approve"
                    disabled={busy}
                    className={`${BUTTON} border-emerald-600 text-emerald-800 dark:text-emerald-300`}
                  >
                    Approve
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="hide"
                    disabled={busy}
                    className={`${BUTTON} border-amber-600 text-amber-800 dark:text-amber-300`}
                  >
                    Hide
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="delete"
                    disabled={busy}
                    className={`${BUTTON} border-red-600 text-red-800 dark:text-red-300`}
                  >
                    Delete
                  </button>
                </Form>
                {item.author.canBeSuspended ? (
                  <details className="text-sm">
                    <summary className="cursor-pointer rounded-md border border-slate-300 px-3 py-1.5 dark:border-slate-600">
                      Suspend {item.author.name}…
                    </summary>
                    <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                      <input type="hidden" name="userId" value={item.author.id} />
                      <label>
                        <span className="block">Days</span>
                        <input
                          name="days"
                          type="number"
                          min={1}
                          max={MAX_SUSPENSION_DAYS}
                          defaultValue={7}
                          required
                          className="mt-1 w-20 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                        />
                      </label>
                      <label>
                        <span className="block">Why</span>
                        <input
                          name="reason"
                          required
                          maxLength={500}
                          className="mt-1 w-64 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                        />
                      </label>
                      <button
                        type="submit"
                        name="intent"
                        value="suspend"
                        disabled={busy}
                        className={`${BUTTON} border-red-600 text-red-800 dark:text-red-300`}
                      >
                        Suspend and sign out
                      </button>
                    </Form>
                  </details>
                ) : null}
                <Link
                  to={`/admin/audit?subject=post:${item.post.id}`}
                  className="text-sm text-sky-700 underline dark:text-sky-400"
                >
                  History
                </Link>
              </div>
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="outdated-heading" className="mt-10">
        <h2 id="outdated-heading" className="text-2xl font-bold tracking-tight">
          Accepted answers flagged as outdated
        </h2>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          Readers say these answers no longer hold. Open the thread to confirm the answer is still right, or accept a
          better reply: either clears the flags.
        </p>
        {outdated.length === 0 ? (
          <p className="mt-4 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">
            No accepted answer is flagged as outdated.
          </p>
        ) : (
          <ul className="mt-4 space-y-4" aria-label="Outdated answers">
            {outdated.map((item) => (
              <li
                key={item.thread.id}
                className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
                data-testid="outdated-item"
              >
                <h3 className="font-semibold">
                  <Link to={item.thread.answerUrl} className="hover:underline">
                    {item.thread.title}
                  </Link>
                </h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {item.flags.map((flag) => (
                    <li key={`${flag.by}-${flag.at}`}>
                      “{flag.note}” from {flag.by}, <RelativeTime iso={flag.at} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
