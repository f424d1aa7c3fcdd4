import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { getOptionalUser, requireUser } from "~/auth/guards.server";
import { formReply } from "~/auth/responses.server";
import { ErrorSummary, FormMessage, SubmitButton, useServerErrorFocus } from "~/components/forms";
import { Pill } from "~/components/forum/badges";
import { insertIntoComposer, MarkdownComposer } from "~/components/forum/composer";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { PostCard } from "~/components/forum/post";
import { RelativeTime } from "~/components/forum/relative-time";
import { Pagination } from "~/components/forum/thread-list";
import "~/components/article/article-content.css";
import "~/components/forum/forum.css";
import { cacheableHeaders } from "~/content/http";
import { threadTag } from "~/forum/cache-tags";
import { isForumRefusal } from "~/forum/errors";
import { pageOfPost, parseThreadParam, postPath } from "~/forum/paths";
import { acceptAnswer, deleteOwnPost, replyToThread, setLike } from "~/forum/posting.server";
import { confirmAcceptedAnswer, flagAnswerOutdated } from "~/forum/qa-hygiene.server";
import { quoteMarkdown } from "~/forum/quotes";
import { BODY_MAX_LENGTH, OUTDATED_NOTE_MAX_LENGTH, replySchema } from "~/forum/schemas";
import { loadThreadPage, markThreadRead, quoteSource } from "~/forum/threads.server";
import type { PostView, ThreadView } from "~/forum/views";
import { formEnvelope, optionalText } from "~/lib/form-intent";
import { parsePositiveInt } from "~/lib/ids";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { ForumErrorPage } from "~/components/forum/error-page";
import { FlagButton, FlagDialog, type FlagTarget } from "~/components/forum/flag-dialog";
import { PostModeratorButton, PostModeratorDialog, ThreadModeratorMenu, type PostModerationTarget } from "~/components/forum/moderator-menu";
import { threadModerationView } from "~/forum/moderation.server";
import { followState } from "~/forum/follow.server";
import { FollowButton } from "~/components/notifications/follow-button";
import { LiveReplies } from "~/components/notifications/live-replies";
import { useResetAfterSend } from "~/components/use-reset-after-send";

const isReplySubmission = (formData: FormData) => formEnvelope(formData).intent === "reply";

function notFound(): never {
  throw data({ message: "We couldn’t find that thread. It may have been deleted." }, { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseThreadParam(params["*"]);
  if (!parsed) notFound();
  const url = new URL(request.url);
  const requestedPage = Number(url.searchParams.get("page") ?? "1");
  const user = await getOptionalUser(request);
  const result = await loadThreadPage(parsed.id, parsed.slug, Number.isInteger(requestedPage) && requestedPage > 0 ? requestedPage : 1, user);
  if (result.kind === "missing") notFound();
  if (result.kind === "redirect") {
    const quote = url.searchParams.get("quote");
    throw redirect(`${result.to}${quote ? `${result.to.includes("?") ? "&" : "?"}quote=${encodeURIComponent(quote)}` : ""}${url.hash}`, 301);
  }
  const { thread } = result;
  let quote: string | null = null;
  const quoteNumber = parsePositiveInt(url.searchParams.get("quote"));
  if (user && thread.viewer.canReply && quoteNumber !== null) {
    const source = await quoteSource(thread.id, quoteNumber);
    if (source) quote = quoteMarkdown(source.markdown, source.authorName, source.url, source.number);
  }
  if (user && thread.posts.length) await markThreadRead(user.id, thread.id, thread.posts[thread.posts.length - 1].number);
  const moderation = await threadModerationView(user, thread.posts.map((post) => post.id));
  // Signed-in readers only: the anonymous page stays the same for everyone (and cacheable).
  const follow = user ? await followState(user.id, { threadId: thread.id }) : null;
  return data({ thread, quote, moderation, follow }, { headers: cacheTagHeaders([threadTag(thread.id)]) });
}

type ActionResult = { intent: string; error?: string; postId?: number; likeCount?: number; liked?: boolean };

function refusal(intent: string, error: unknown, postId?: number) {
  if (isForumRefusal(error)) return data<ActionResult>({ intent, error: error.message, postId }, { status: error.status });
  throw error;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseThreadParam(params["*"]);
  if (!parsed) notFound();
  const user = await requireUser(request);
  const formData = await request.formData();
  const { intent, inBackground } = formEnvelope(formData);
  const postIdText = optionalText(formData, "postId");
  const postId = parsePositiveInt(postIdText);
  const back = (url: string) => redirect(url, 303);

  if (intent === "reply") {
    const submission = parseWithZod(formData, { schema: replySchema });
    if (submission.status !== "success") return data(formReply(submission), { status: 400 });
    try {
      const reply = await replyToThread(user, parsed.id, submission.value.body);
      return back(reply.url);
    } catch (error) {
      if (isForumRefusal(error)) return data(formReply(submission, { form: error.message }), { status: error.status });
      throw error;
    }
  }
  if (intent === "like") {
    if (postId === null) return data<ActionResult>({ intent, error: "Which post? The form was incomplete." }, { status: 400 });
    try {
      const result = await setLike(user, postId, optionalText(formData, "liked") !== "false");
      return inBackground ? data<ActionResult>({ intent, postId, likeCount: result.likeCount, liked: result.liked }) : back(result.url);
    } catch (error) {
      return refusal(intent, error, postId);
    }
  }
  if (intent === "accept") {
    // An empty postId takes the acceptance back; anything else must be a post id.
    const unaccepting = postIdText === undefined;
    if (!unaccepting && postId === null) return data<ActionResult>({ intent, error: "Which reply? The form was incomplete." }, { status: 400 });
    const chosen = unaccepting ? null : postId;
    try {
      const result = await acceptAnswer(user, parsed.id, chosen);
      return inBackground ? data<ActionResult>({ intent, postId: chosen ?? undefined }) : back(result.url);
    } catch (error) {
      return refusal(intent, error, chosen ?? undefined);
    }
  }
  if (intent === "delete") {
    if (postId === null) return data<ActionResult>({ intent, error: "Which post? The form was incomplete." }, { status: 400 });
    try {
      const result = await deleteOwnPost(user, postId);
      return back(result.url);
    } catch (error) {
      return refusal(intent, error, postId);
    }
  }
  if (intent === "flag-outdated") {
    try {
      const result = await flagAnswerOutdated(user, parsed.id, optionalText(formData, "note") ?? "");
      return back(result.url);
    } catch (error) {
      return refusal(intent, error);
    }
  }
  if (intent === "confirm-answer") {
    try {
      const result = await confirmAcceptedAnswer(user, parsed.id);
      return back(result.url);
    } catch (error) {
      return refusal(intent, error);
    }
  }
  return data<ActionResult>({ intent, error: "Unknown action." }, { status: 400 });
}

export const headers = cacheableHeaders;
export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => {
  if (!loaded) return [{ title: "Thread not found · TechFlow Help Center" }];
  const { thread } = loaded;
  const description = thread.posts[0]?.markdown.replace(/\s+/g, " ").slice(0, 160) ?? "";
  return [
    { title: `${thread.title} · Community · TechFlow Help Center` },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: thread.url + (thread.page > 1 ? `?page=${thread.page}` : "") },
  ];
};

function isReplyResult(value: unknown): value is Parameters<typeof useForm>[0]["lastResult"] {
  return !!value && typeof value === "object" && "status" in value;
}

export default function CommunityThread() {
  const { thread, quote, moderation, follow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyResult = isReplyResult(actionData) ? actionData : undefined;
  const actionError = actionData && !isReplyResult(actionData) && "error" in actionData ? (actionData as ActionResult).error : undefined;
  const [form, fields] = useForm({
    id: "reply",
    lastResult: replyResult,
    constraint: getZodConstraint(replySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema }),
  });
  useServerErrorFocus(form, replyResult);
  const composer = useRef<HTMLTextAreaElement>(null);
  // A posted reply leaves the box (a new key remounts the composer and its preview) and focus goes to the new post, so nothing invites posting it twice.
  const [composerRound, setComposerRound] = useState(0);
  const clearComposer = useCallback(() => setComposerRound((round) => round + 1), []);
  const replyPending = useResetAfterSend({ isOwn: isReplySubmission, failed: replyResult?.status === "error", reset: clearComposer });
  const formAction = `${thread.url}${thread.page > 1 ? `?page=${thread.page}` : ""}`;
  // Flagging (members, not their own posts) and moderating: one shared dialog each per page, opened for a post
  // by its button (app/components/forum/flag-dialog.tsx, moderator-menu.tsx), so the page does not carry a form per post.
  const [flagTarget, setFlagTarget] = useState<FlagTarget | null>(null);
  const [flagReplies, setFlagReplies] = useState<Record<number, string>>({});
  const [moderationTarget, setModerationTarget] = useState<PostModerationTarget | null>(null);
  const closeFlag = useCallback(() => setFlagTarget(null), []);
  const closeModeration = useCallback(() => setModerationTarget(null), []);
  const onFlagged = useCallback((postId: number, message: string) => {
    setFlagReplies((replies) => ({ ...replies, [postId]: message }));
    setFlagTarget(null);
  }, []);
  const moderationControls = (post: PostView) => (
    <>
      {moderation.canFlag && post.author.id !== moderation.viewerId && !post.deleted && (!post.hidden || moderation.flaggedPostIds.includes(post.id)) ? (
        <FlagButton
          target={{ postId: post.id, postNumber: post.number, authorName: post.author.name, redirectTo: post.url }}
          alreadyFlagged={moderation.flaggedPostIds.includes(post.id)}
          status={flagReplies[post.id]}
          onOpen={setFlagTarget}
        />
      ) : null}
      {moderation.moderator ? (
        <PostModeratorButton target={{ post, redirectTo: post.url, canSuspend: moderation.moderator.canSuspend, isSelf: post.author.id === moderation.viewerId }} onOpen={setModerationTarget} />
      ) : null}
    </>
  );

  // A link to #post-n without its ?page (typed or shortened by hand) still lands on the post: the browser knows the hash, the server never sees it.
  const navigate = useNavigate();
  useEffect(() => {
    const wanted = /^#post-(\d+)$/.exec(window.location.hash);
    const number = wanted ? Number(wanted[1]) : 0;
    if (number >= 1 && number <= thread.lastPostNumber && pageOfPost(number) !== thread.page) navigate(postPath(thread, number), { replace: true });
  }, [navigate, thread]);

  const onQuote = useCallback((post: PostView) => {
    const element = composer.current;
    if (!element) return;
    // The selected words, when the selection lies inside this post; otherwise the whole post.
    const selection = window.getSelection();
    const body = document.querySelector(`[data-post-body="${post.number}"]`);
    const selected = selection && body && !selection.isCollapsed && body.contains(selection.anchorNode) && body.contains(selection.focusNode) ? selection.toString() : "";
    insertIntoComposer(element, quoteMarkdown(selected.trim() || post.markdown, post.author.name, post.url, post.number));
    element.scrollIntoView({ block: "center" });
  }, []);

  const opening = thread.posts.find((post) => post.number === 1);
  const replies = thread.posts.filter((post) => post.number !== 1);
  return (
    <div className="mx-auto max-w-4xl">
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: thread.category.name, url: thread.category.url }, { label: thread.title }]} />
      <header className="mt-4">
        <div className="flex flex-wrap items-center gap-2">
          {thread.pinned ? <Pill tone="pinned">Pinned</Pill> : null}
          {thread.solved ? <Pill tone="solved">✓ Solved</Pill> : thread.category.isQuestions ? <Pill tone="question">Question</Pill> : null}
          {thread.locked ? <Pill tone="locked">Locked</Pill> : null}
          {thread.duplicateOf ? <Pill tone="locked">Duplicate</Pill> : null}
          {moderation.moderator ? (
            <span className="ml-auto">
              <ThreadModeratorMenu thread={thread} categories={moderation.moderator.categories} canReview={moderation.moderator.canReview} />
            </span>
          ) : null}
        </div>
        <h1 className="mt-2 break-words text-3xl font-bold tracking-tight">{thread.title}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
          <Link to={thread.category.url} className="font-medium hover:underline">
            {thread.category.name}
          </Link>
          {thread.tags.map((tag) => (
            <Link key={tag} to={`/community/tags/${tag}`} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:underline dark:bg-slate-800 dark:text-slate-200">
              #{tag}
            </Link>
          ))}
          <span>
            {thread.postCount - 1} {thread.postCount - 1 === 1 ? "reply" : "replies"} · {thread.likeCount} {thread.likeCount === 1 ? "like" : "likes"} · started <RelativeTime iso={thread.createdAt} />
          </span>
        </p>
        {follow ? (
          <div className="mt-3">
            <FollowButton target={{ threadId: thread.id }} state={follow} />
          </div>
        ) : null}
      </header>
      {thread.duplicateOf ? (
        <p role="note" data-testid="duplicate-notice" className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
          This question was closed as a duplicate of{" "}
          <Link to={thread.duplicateOf.url} className="font-semibold underline">
            {thread.duplicateOf.title}
          </Link>
          . Its replies stay here to read; new answers go to the original.
        </p>
      ) : null}
      {actionError ? (
        <div className="mt-4">
          <FormMessage tone="error">{actionError}</FormMessage>
        </div>
      ) : null}
      {thread.page > 1 ? (
        <p className="mt-6 text-sm">
          <Link to={thread.url} className="text-sky-700 hover:underline dark:text-sky-400">
            ← Back to the question (page 1)
          </Link>
        </p>
      ) : null}
      {opening ? (
        <div className="mt-4 border-b border-slate-200 dark:border-slate-800">
          <PostCard post={opening} formAction={formAction} isOpening onQuote={onQuote} moderation={moderationControls(opening)} />
        </div>
      ) : null}
      {thread.accepted && thread.page === 1 ? (
        <section aria-labelledby="accepted-heading" className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50/60 px-4 dark:border-emerald-800 dark:bg-emerald-950/40" data-testid="accepted-answer">
          <h2 id="accepted-heading" className="flex flex-wrap items-center justify-between gap-2 pt-4 text-sm font-semibold text-emerald-900 dark:text-emerald-200">
            <span>✓ Accepted answer</span>
            <Link to={thread.accepted.url} className="font-normal underline">
              Go to post #{thread.accepted.number} in the thread
            </Link>
          </h2>
          {thread.outdated ? <OutdatedNotice outdated={thread.outdated} canConfirm={thread.viewer.canConfirmAnswer} formAction={formAction} /> : null}
          <PostCard post={thread.accepted} formAction={formAction} isOpening={false} variant="accepted" />
          {thread.viewer.canFlagOutdated ? <FlagOutdated formAction={formAction} /> : null}
        </section>
      ) : null}
      <section aria-label="Replies" className="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
        {replies.map((post) => (
          <PostCard key={post.id} post={post} formAction={formAction} isOpening={false} onQuote={onQuote} moderation={moderationControls(post)} />
        ))}
      </section>
      {moderation.canFlag ? <FlagDialog target={flagTarget} onClose={closeFlag} onFlagged={onFlagged} /> : null}
      {moderation.moderator ? <PostModeratorDialog target={moderationTarget} onClose={closeModeration} /> : null}
      <LiveReplies thread={thread} page={thread.page} lastPostNumber={thread.lastPostNumber} />
      <Pagination base={thread.url} page={thread.page} pageCount={thread.pageCount} label="Thread pages" />
      <section id="reply" aria-labelledby="reply-heading" className="mt-8 border-t border-slate-200 pt-6 dark:border-slate-800">
        <h2 id="reply-heading" className="text-xl font-semibold">
          Your reply
        </h2>
        {thread.viewer.canReply ? (
          <Form method="post" action={formAction} {...getFormProps(form)} className="mt-4 space-y-4">
            <ErrorSummary form={form} />
            <input type="hidden" name="intent" value="reply" />
            <MarkdownComposer
              id="field-body"
              name={fields.body.name}
              key={`${fields.body.key}-${composerRound}`}
              label="Reply"
              // Only a refused reply comes back to the box; after a posted one it starts empty (or with a quote asked for).
              defaultValue={(replyResult ? (fields.body.initialValue as string | undefined) : undefined) ?? quote ?? undefined}
              errors={fields.body.errors}
              maxLength={BODY_MAX_LENGTH}
              textareaRef={composer}
              mentionsInThread={thread.id}
              rows={8}
              required
            />
            <SubmitButton pending={replyPending}>Post reply</SubmitButton>
          </Form>
        ) : thread.viewer.signedIn ? (
          <p className="mt-3 text-slate-700 dark:text-slate-300">{thread.viewer.replyRefusal ?? "You cannot reply to this thread."}</p>
        ) : (
          <p className="mt-3 text-slate-700 dark:text-slate-300">
            <Link to={`/login?redirectTo=${encodeURIComponent(formAction)}`} className="font-medium text-sky-700 underline dark:text-sky-400">
              Sign in
            </Link>{" "}
            or{" "}
            <Link to="/signup" className="font-medium text-sky-700 underline dark:text-sky-400">
              create an account
            </Link>{" "}
            to reply.
          </p>
        )}
      </section>
    </div>
  );
}

function OutdatedNotice({ outdated, canConfirm, formAction }: { outdated: NonNullable<ThreadView["outdated"]>; canConfirm: boolean; formAction: string }) {
  return (
    <div role="note" data-testid="outdated-notice" className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-semibold">This answer may be outdated.</p>
      <p>
        {outdated.flagCount} {outdated.flagCount === 1 ? "reader says" : "readers say"} it no longer matches how things work; the asker or staff will check it.
      </p>
      {outdated.notes.length ? (
        <ul className="mt-1 list-disc pl-5">
          {outdated.notes.map((entry) => (
            <li key={`${entry.by}-${entry.at}`}>
              {entry.note} <span className="text-amber-800 dark:text-amber-300">({entry.by})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canConfirm ? (
        <Form method="post" action={formAction} className="mt-2">
          <input type="hidden" name="intent" value="confirm-answer" />
          <button type="submit" className="rounded-md border border-amber-500 px-3 py-1 font-medium hover:bg-amber-100 dark:hover:bg-amber-900">
            Confirm the answer is still right
          </button>
          <span className="ml-2">or accept another reply below.</span>
        </Form>
      ) : null}
    </div>
  );
}

function FlagOutdated({ formAction }: { formAction: string }) {
  return (
    <details className="pb-4 text-sm">
      <summary className="cursor-pointer text-slate-700 underline decoration-dotted dark:text-slate-300">Is this answer outdated?</summary>
      <Form method="post" action={formAction} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="flag-outdated" />
        <label htmlFor="outdated-note" className="block font-medium">
          What changed? (the asker and staff read this)
        </label>
        <textarea id="outdated-note" name="note" required maxLength={OUTDATED_NOTE_MAX_LENGTH} rows={3} className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950" />
        <button type="submit" className="rounded-md border border-slate-400 px-3 py-1 font-medium hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800">
          Flag as outdated
        </button>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
