import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { getOptionalUser, requireUser, safeRedirect } from "~/auth/guards.server";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { ForumErrorPage } from "~/components/forum/error-page";
import { closedReason, IdeasNav } from "~/components/ideas/idea-list";
import { CommentsSection } from "~/components/ideas/idea-comments";
import { IdeaArticle, IdeaNotices, MergedFromSection, StatusHistorySection } from "~/components/ideas/idea-page";
import { StaffPanel } from "~/components/ideas/idea-staff-panel";
import "~/components/article/article-content.css";
import { cacheableHeaders } from "~/content/http";
import { listAreas } from "~/ideas/list.server";
import { loadIdeaPage } from "~/ideas/idea-page.server";
import { ideaTag, isImportance, parseIdeaParam } from "~/ideas/rules";
import { commentSchema, editIdeaSchema, mergeSchema, statusSchema } from "~/ideas/schemas";
import { addComment } from "~/ideas/comments.server";
import { castVote, removeVote, setFollowing, setNameShown, setImportance } from "~/ideas/votes.server";
import { changeStatus, editIdea, setHidden, setPinned } from "~/ideas/staff-actions.server";
import { mergeIdea, unmergeIdea } from "~/ideas/merge.server";
import { formEnvelope, optionalText } from "~/lib/form-intent";
import { parsePositiveInt } from "~/lib/ids";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";
import { ideaSeo } from "~/seo/page-seo";

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
export const meta: MetaFunction<typeof loader> = withSeo(({ data: loaded }) => {
  if (!loaded) return [{ title: "Idea not found · TechFlow Help Center" }];
  return [
    { title: `${loaded.idea.title} · Feature requests · TechFlow Help Center` },
    { name: "description", content: loaded.idea.excerpt.slice(0, 160) },
    { tagName: "link", rel: "canonical", href: loaded.idea.url },
  ];
}, ideaSeo);

export type IdeaActionResult = {
  intent: string;
  error?: string;
  field?: string;
  ok?: string;
  voted?: boolean;
  voteCount?: number;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseIdeaParam(params.idea);
  if (!parsed) notFound();
  const user = await requireUser(request);
  const formData = await request.formData();
  const { intent, inBackground, redirectTo } = formEnvelope(formData);
  const id = parsed.id;
  const reply = (result: IdeaActionResult, status = 200) => data<IdeaActionResult>(result, { status });
  const done = (to: string, result: IdeaActionResult) =>
    inBackground ? reply(result) : redirect(safeRedirect(redirectTo, to), 303);
  try {
    switch (intent) {
      case "vote":
      case "unvote": {
        const importance = optionalText(formData, "importance");
        const outcome =
          intent === "vote"
            ? await castVote(user, id, isImportance(importance) ? importance : null)
            : await removeVote(user, id);
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
        return done(`/ideas/${id}`, {
          intent,
          ok: intent === "show-name" ? "Your name now shows with your vote." : "Your vote is private again.",
        });
      case "follow":
      case "unfollow": {
        const outcome = await setFollowing(user, id, intent === "follow");
        return done(outcome.url, {
          intent,
          ok: intent === "follow" ? "You follow this idea." : "You no longer follow this idea.",
        });
      }
      case "comment": {
        const submission = parseForm(formData, commentSchema);
        if (submission.status !== "success")
          return reply(
            { intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Check the comment.", field: "body" },
            400,
          );
        const outcome = await addComment(user, id, submission.value);
        return redirect(outcome.url, 303);
      }
      case "status": {
        const submission = parseForm(formData, statusSchema);
        if (submission.status !== "success")
          return reply(
            { intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Choose a status.", field: "status" },
            400,
          );
        const outcome = await changeStatus(user, id, submission.value.status, submission.value.comment);
        return done(outcome.url, { intent, ok: `Status changed to ${outcome.label}. Followers were told.` });
      }
      case "merge": {
        const submission = parseForm(formData, mergeSchema);
        if (submission.status !== "success")
          return reply(
            { intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Which idea?", field: "target" },
            400,
          );
        const outcome = await mergeIdea(user, id, submission.value.target);
        return redirect(`${outcome.url}?merged=${id}`, 303);
      }
      case "unmerge": {
        const outcome = await unmergeIdea(user, id);
        return redirect(outcome.url, 303);
      }
      case "pin":
      case "unpin":
        return done((await setPinned(user, id, intent === "pin")).url, {
          intent,
          ok: intent === "pin" ? "Pinned." : "Unpinned.",
        });
      case "hide":
      case "unhide":
        return done((await setHidden(user, id, intent === "hide", optionalText(formData, "reason") ?? "")).url, {
          intent,
          ok: intent === "hide" ? "Hidden from the public." : "Visible again.",
        });
      case "edit": {
        const submission = parseForm(formData, editIdeaSchema);
        if (submission.status !== "success")
          return reply(
            { intent, error: Object.values(submission.error ?? {}).flat()[0] ?? "Check the fields.", field: "title" },
            400,
          );
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
      <ForumBreadcrumbs
        trail={[
          { label: "Community", url: "/community" },
          { label: "Feature requests", url: "/ideas" },
          { label: `#${idea.id}` },
        ]}
      />
      <IdeasNav current="ideas" />
      <IdeaNotices answer={actionData} mergedNotice={mergedNotice} idea={idea} />
      <IdeaArticle idea={idea} viewer={viewer} closed={closed} returnTo={returnTo} publicVoters={loaded.publicVoters} />
      {mergedFrom.length ? <MergedFromSection merged={mergedFrom} /> : null}
      {history.length ? <StatusHistorySection history={history} /> : null}
      {loaded.staff ? (
        <StaffPanel idea={idea} staff={loaded.staff} viewer={viewer} areas={loaded.areas} actionData={actionData} />
      ) : null}
      <CommentsSection
        comments={comments}
        commentCount={idea.commentCount}
        signedIn={viewer.signedIn}
        staff={viewer.staff}
        merged={!!idea.mergedInto}
        returnTo={returnTo}
        pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "comment"}
        error={actionData?.intent === "comment" ? actionData.error : undefined}
      />
    </div>
  );
}
