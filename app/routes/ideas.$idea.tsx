import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { getOptionalUser, requireUser, safeRedirect } from "~/auth/guards.server";
import { FormMessage } from "~/components/forms";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { ForumErrorPage } from "~/components/forum/error-page";
import { RelativeTime } from "~/components/forum/relative-time";
import { closedReason, IdeasNav } from "~/components/ideas/idea-list";
import { AreaTag, StatusBadge } from "~/components/ideas/status-badge";
import { VoteButton } from "~/components/ideas/vote-button";
import { CommentForm, CommentList, StaffPanel } from "~/components/ideas/idea-page";
import "~/components/article/article-content.css";
import { cacheableHeaders } from "~/content/http";
import { listAreas, loadIdeaPage } from "~/ideas/queries.server";
import { IMPORTANCE_LABELS, IMPORTANCE_LEVELS, ideaTag, isImportance, parseIdeaParam } from "~/ideas/rules";
import { commentSchema, editIdeaSchema, mergeSchema, statusSchema } from "~/ideas/schemas";
import { addComment, castVote, changeStatus, editIdea, mergeIdea, removeVote, setFollowing, setNameShown, setHidden, setImportance, setPinned, unmergeIdea } from "~/ideas/writes.server";
import { formEnvelope, optionalText } from "~/lib/form-intent";
import { parsePositiveInt } from "~/lib/ids";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { isRefusal } from "~/lib/refusal";

function notFound(): never {
  throw data({ message: "We couldn’t find that idea. It may have been merged or removed." }, { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseIdeaParam(params.idea);
  if (!parsed) notFound();
  const url = new URL(request.url);
  const user = await getOptionalUser(request);
  const page = await loadIdeaPage(parsed.id, parsed.slug, user);
  if (page.kind === "missing") notFound();
  if (page.kind === "redirect") throw redirect(page.to, 301);
  const mergedParam = parsePositiveInt(url.searchParams.get("merged"));
  const mergedNotice = mergedParam === null ? null : (page.mergedFrom.find((idea) => idea.id === mergedParam) ?? null);
  const areas = page.viewer.canModerate ? await listAreas() : [];
  return data({ ...page, mergedNotice, areas }, { headers: cacheTagHeaders([ideaTag(parsed.id)]) });
}

export const headers = cacheableHeaders;
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => {
  if (!loaded) return [{ title: "Idea not found · TechFlow Help Center" }];
  return [
    { title: `${loaded.idea.title} · Feature requests · TechFlow Help Center` },
    { name: "description", content: loaded.idea.excerpt.slice(0, 160) },
    { tagName: "link", rel: "canonical", href: loaded.idea.url },
  ];
};

export type IdeaActionResult = { intent: string; error?: string; field?: string; ok?: string; voted?: boolean; voteCount?: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseIdeaParam(params.idea);
  if (!parsed) notFound();
  const user = await requireUser(request);
  const formData = await request.formData();
  const { intent, inBackground, redirectTo } = formEnvelope(formData);
  const id = parsed.id;
  const reply = (result: IdeaActionResult, status = 200) => data<IdeaActionResult>(result, { status });
  const done = (to: string, result: IdeaActionResult) => (inBackground ? reply(result) : redirect(safeRedirect(redirectTo, to), 303));
  try {
    switch (intent) {
      case "vote":
      case "unvote": {
        const importance = optionalText(formData, "importance");
        const outcome = intent === "vote" ? await castVote(user, id, isImportance(importance) ? importance : null) : await removeVote(user, id);
        return done(outcome.url, { intent, voted: outcome.voted, voteCount: outcome.voteCount });
      }
      case "importance": {
        const value = optionalText(formData, "importance");
        await setImportance(user, id, isImportance(value) ? value : null);
        return done(`/ideas/${id}`, { intent, ok: "Thanks: we noted how important this is to you." });
      }
      case "show-name":
      case "hide-name":
        await setNameShown(user, id, intent === "show-name");
        return done(`/ideas/${id}`, { intent, ok: intent === "show-name" ? "Your name now shows with your vote." : "Your vote is private again." });
      case "follow":
      case "unfollow": {
        const outcome = await setFollowing(user, id, intent === "follow");
        return done(outcome.url, { intent, ok: intent === "follow" ? "You follow this idea." : "You no longer follow this idea." });
      }
      case "comment": {
        const submission = parseWithZod(formData, { schema: commentSchema });
        if (submission.status !== "success") return reply({ intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Check the comment.", field: "body" }, 400);
        const outcome = await addComment(user, id, submission.value);
        return redirect(outcome.url, 303);
      }
      case "status": {
        const submission = parseWithZod(formData, { schema: statusSchema });
        if (submission.status !== "success") return reply({ intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Choose a status.", field: "status" }, 400);
        const outcome = await changeStatus(user, id, submission.value.status, submission.value.comment);
        return done(outcome.url, { intent, ok: `Status changed to ${outcome.label}. Followers were told.` });
      }
      case "merge": {
        const submission = parseWithZod(formData, { schema: mergeSchema });
        if (submission.status !== "success") return reply({ intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Which idea?", field: "target" }, 400);
        const outcome = await mergeIdea(user, id, submission.value.target);
        return redirect(`${outcome.url}?merged=${id}`, 303);
      }
      case "unmerge": {
        const outcome = await unmergeIdea(user, id);
        return redirect(outcome.url, 303);
      }
      case "pin":
      case "unpin":
        return done((await setPinned(user, id, intent === "pin")).url, { intent, ok: intent === "pin" ? "Pinned." : "Unpinned." });
      case "hide":
      case "unhide":
        return done((await setHidden(user, id, intent === "hide", optionalText(formData, "reason") ?? "")).url, { intent, ok: intent === "hide" ? "Hidden from the public." : "Visible again." });
      case "edit": {
        const submission = parseWithZod(formData, { schema: editIdeaSchema });
        if (submission.status !== "success") return reply({ intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Check the fields.", field: "title" }, 400);
        const outcome = await editIdea(user, id, submission.value);
        return redirect(outcome.url, 303);
      }
      default:
        return reply({ intent, error: "Unknown action." }, 400);
    }
  } catch (error) {
    if (isRefusal(error)) return reply({ intent, error: error.message, field: error.field }, error.status);
    throw error;
  }
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}

export default function IdeaPage() {
  const loaded = useLoaderData<typeof loader>();
  const { idea, viewer, history, comments, mergedFrom, mergedNotice } = loaded;
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const returnTo = location.pathname;
  const closed = idea.mergedInto ? "Merged: votes moved to the other idea" : closedReason(idea.status);
  return (
    <div className="mx-auto max-w-5xl">
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: "Feature requests", url: "/ideas" }, { label: `#${idea.id}` }]} />
      <IdeasNav current="ideas" />
      {actionData?.error ? (
        <div className="mt-4">
          <FormMessage tone="error">{actionData.error}</FormMessage>
        </div>
      ) : actionData?.ok ? (
        <div className="mt-4">
          <FormMessage tone="success">{actionData.ok}</FormMessage>
        </div>
      ) : null}
      {mergedNotice ? (
        <div className="mt-4">
          <FormMessage tone="info">
            Idea #{mergedNotice.id} “{mergedNotice.title}” was merged into this one; its votes and comments are here now.
          </FormMessage>
        </div>
      ) : null}
      {idea.mergedInto ? (
        <div className="mt-4">
          <FormMessage tone="info">
            Merged into <Link to={idea.mergedInto.url} className="font-semibold underline">#{idea.mergedInto.id} {idea.mergedInto.title}</Link>. Visitors are sent there.
          </FormMessage>
        </div>
      ) : null}
      {idea.hidden ? (
        <div className="mt-4">
          <FormMessage tone="info">This idea is hidden: only staff can see it.</FormMessage>
        </div>
      ) : null}
      <article className="mt-6 flex gap-5">
        <VoteButton
          ideaId={idea.id}
          ideaUrl={idea.url}
          title={idea.title}
          voteCount={idea.voteCount}
          voted={viewer.voted}
          signedIn={viewer.signedIn}
          closedReason={closed}
          returnTo={returnTo}
          size="large"
        />
        <div className="min-w-0 flex-1">
          <h1 className="text-3xl font-bold tracking-tight">{idea.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
            <StatusBadge status={idea.status} />
            <AreaTag name={idea.area.name} />
            <span>
              Suggested by {idea.authorName} · <RelativeTime iso={idea.createdAt} />
            </span>
          </p>
          {idea.statusNote && idea.status !== "open" ? (
            <div className="mt-4 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-700 dark:bg-slate-900">
              <p className="font-semibold">{idea.status === "shipped" ? "Release note" : idea.status === "declined" ? "Why it was declined" : `Update: ${idea.statusLabel}`}</p>
              <p className="mt-1 whitespace-pre-line">{idea.statusNote}</p>
            </div>
          ) : null}
          <div className="article-content prose mt-5 max-w-none dark:prose-invert" dangerouslySetInnerHTML={{ __html: idea.html }} />
          {viewer.signedIn ? (
            <div className="mt-6 flex flex-wrap items-center gap-3">
              <Form method="post">
                <input type="hidden" name="intent" value={viewer.following ? "unfollow" : "follow"} />
                <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
                  {viewer.following ? "Unfollow" : "Follow"}
                </button>
              </Form>
              {viewer.voted && !closed ? (
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="importance" />
                  <label htmlFor="importance" className="text-sm">
                    How important is this to you?
                  </label>
                  <select id="importance" name="importance" defaultValue={viewer.importance ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900">
                    <option value="">Not saying</option>
                    {IMPORTANCE_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {IMPORTANCE_LABELS[level]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
                    Save
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
          {viewer.voted ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value={viewer.showName ? "hide-name" : "show-name"} />
              <button type="submit" className="text-sm text-sky-700 underline dark:text-sky-400">
                {viewer.showName ? "Hide my name (keep my vote private)" : "Show my name with my vote"}
              </button>
            </Form>
          ) : null}
          {loaded.publicVoters.length ? (
            <p className="mt-3 text-sm text-slate-700 dark:text-slate-300" data-testid="public-voters">
              Voted for this (and chose to show it): {loaded.publicVoters.join(", ")}
              {idea.voteCount > loaded.publicVoters.length ? ` and ${idea.voteCount - loaded.publicVoters.length} more` : ""}.
            </p>
          ) : null}
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">Votes are private unless a voter chooses to show their name. Voters and followers hear about status changes.</p>
        </div>
      </article>
      {mergedFrom.length ? (
        <section aria-labelledby="merged-heading" className="mt-8">
          <h2 id="merged-heading" className="text-lg font-semibold">
            Merged into this idea
          </h2>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {mergedFrom.map((merged) => (
              <li key={merged.id}>
                #{merged.id} {merged.title}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {history.length ? (
        <section aria-labelledby="history-heading" className="mt-8">
          <h2 id="history-heading" className="text-lg font-semibold">
            Status history
          </h2>
          <ol className="mt-2 space-y-2 border-l-2 border-slate-200 pl-4 text-sm dark:border-slate-700">
            {history.map((change, index) => (
              <li key={index}>
                <span className="font-medium">
                  {change.from} → {change.to}
                </span>{" "}
                · <RelativeTime iso={change.at} />
                {change.comment ? <p className="mt-0.5 whitespace-pre-line text-slate-700 dark:text-slate-300">{change.comment}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {loaded.staff ? <StaffPanel idea={idea} staff={loaded.staff} viewer={viewer} areas={loaded.areas} actionData={actionData} /> : null}
      <section aria-labelledby="comments-heading" className="mt-10">
        <h2 id="comments-heading" className="text-xl font-semibold">
          Comments ({idea.commentCount})
        </h2>
        <CommentList comments={comments} canReply={viewer.signedIn && !idea.mergedInto} staff={viewer.staff} />
        {viewer.signedIn && !idea.mergedInto ? (
          <CommentForm staff={viewer.staff} pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "comment"} error={actionData?.intent === "comment" ? actionData.error : undefined} />
        ) : !viewer.signedIn ? (
          <p className="mt-4 text-sm">
            <Link to={`/login?redirectTo=${encodeURIComponent(returnTo)}`} className="text-sky-700 underline dark:text-sky-400">
              Sign in
            </Link>{" "}
            to comment.
          </p>
        ) : null}
      </section>
    </div>
  );
}
