import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useRef, type RefObject } from "react";
import { getOptionalUser, requireUser } from "~/auth/guards.server";
import { formReply } from "~/auth/responses.server";
import { FormMessage } from "~/components/forms";
import { AcceptedAnswer } from "~/components/forum/accepted-answer";
import { ForumBreadcrumbs } from "~/components/forum/forum-layout";
import { PostCard } from "~/components/forum/post";
import { Pagination } from "~/components/forum/thread-list";
import "~/components/article/article-content.css";
import "~/components/forum/forum.css";
import { cacheableHeaders } from "~/content/http";
import { threadTag } from "~/forum/cache-tags";
import { parseThreadParam } from "~/forum/paths";
import { acceptAnswer, deleteOwnPost, replyToThread, setLike } from "~/forum/posting.server";
import { confirmAcceptedAnswer, flagAnswerOutdated } from "~/forum/qa-hygiene.server";
import { quoteMarkdown } from "~/forum/quotes";
import { replySchema } from "~/forum/schemas";
import { quoteSource } from "~/forum/post-lookups.server";
import { loadThreadPage } from "~/forum/thread-page.server";
import type { ThreadView } from "~/forum/views";
import { formEnvelope, optionalText } from "~/lib/form-intent";
import { parsePositiveInt } from "~/lib/ids";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { ForumErrorPage } from "~/components/forum/error-page";
import { usePostModeration } from "~/components/forum/post-moderation";
import { DuplicateNotice, ThreadHeader } from "~/components/forum/thread-header";
import { useLandOnLinkedPost, useQuoteIntoComposer } from "~/components/forum/thread-page-hooks";
import { threadModerationView } from "~/forum/moderation-controls.server";
import { followState } from "~/forum/follow.server";
import { MarkThreadRead } from "~/components/forum/mark-thread-read";
import { LiveReplies } from "~/components/notifications/live-replies";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";
import { threadSeo } from "~/seo/page-seo";

function notFound(): never {
  throw data({ message: "We couldn’t find that thread. It may have been deleted." }, { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseThreadParam(params["*"]);
  if (!parsed) notFound();
  const url = new URL(request.url);
  const requestedPage = Number(url.searchParams.get("page") ?? "1");
  const user = await getOptionalUser(request);
  const result = await loadThreadPage(
    parsed.id,
    parsed.slug,
    Number.isInteger(requestedPage) && requestedPage > 0 ? requestedPage : 1,
    user,
  );
  if (result.kind === "missing") notFound();
  if (result.kind === "redirect") {
    const quote = url.searchParams.get("quote");
    throw redirect(
      `${result.to}${quote ? `${result.to.includes("?") ? "&" : "?"}quote=${encodeURIComponent(quote)}` : ""}${url.hash}`,
      301,
    );
  }
  const { thread } = result;
  let quote: string | null = null;
  const quoteNumber = parsePositiveInt(url.searchParams.get("quote"));
  if (user && thread.viewer.canReply && quoteNumber !== null) {
    const source = await quoteSource(thread.id, quoteNumber);
    if (source) quote = quoteMarkdown(source.markdown, source.authorName, source.url, source.number);
  }
  const moderation = await threadModerationView(
    user,
    thread.posts.map((post) => post.id),
  );
  // Signed-in readers only: the anonymous page stays the same for everyone (and cacheable).
  const follow = user ? await followState(user.id, { threadId: thread.id }) : null;
  return data({ thread, quote, moderation, follow }, { headers: cacheTagHeaders([threadTag(thread.id)]) });
}

type ActionResult = { intent: string; error?: string; postId?: number; likeCount?: number; liked?: boolean };

function refusal(intent: string, error: unknown, postId?: number) {
  if (isRefusal(error)) return data<ActionResult>({ intent, error: error.message, postId }, { status: error.status });
  throw error;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseThreadParam(params["*"]);
  if (!parsed) notFound();
  const user = await requireUser(request);
  const formData = await request.formData();
  const { intent, inBackground } = formEnvelope(formData);
  const back = (url: string) => redirect(url, 303);

  if (intent === "reply") {
    const submission = parseForm(formData, replySchema);
    if (submission.status !== "success") return data(formReply(submission), { status: 400 });
    try {
      const reply = await replyToThread(user, parsed.id, submission.value.body);
      return back(reply.url);
    } catch (error) {
      if (isRefusal(error)) return data(formReply(submission, { form: error.message }), { status: error.status });
      throw error;
    }
  }
  // The small forms below name a post (a reply does not: it is the most frequent write, read no more than it needs).
  const postIdText = optionalText(formData, "postId");
  const postId = parsePositiveInt(postIdText);
  if (intent === "like") {
    if (postId === null)
      return data<ActionResult>({ intent, error: "Which post? The form was incomplete." }, { status: 400 });
    try {
      const result = await setLike(user, postId, optionalText(formData, "liked") !== "false");
      return inBackground
        ? data<ActionResult>({ intent, postId, likeCount: result.likeCount, liked: result.liked })
        : back(result.url);
    } catch (error) {
      return refusal(intent, error, postId);
    }
  }
  if (intent === "accept") {
    // An empty postId takes the acceptance back; anything else must be a post id.
    const unaccepting = postIdText === undefined;
    if (!unaccepting && postId === null)
      return data<ActionResult>({ intent, error: "Which reply? The form was incomplete." }, { status: 400 });
    const chosen = unaccepting ? null : postId;
    try {
      const result = await acceptAnswer(user, parsed.id, chosen);
      return inBackground ? data<ActionResult>({ intent, postId: chosen ?? undefined }) : back(result.url);
    } catch (error) {
      return refusal(intent, error, chosen ?? undefined);
    }
  }
  if (intent === "delete") {
    if (postId === null)
      return data<ActionResult>({ intent, error: "Which post? The form was incomplete." }, { status: 400 });
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
export const meta: MetaFunction<typeof loader> = withSeo(({ data: loaded }) => {
  if (!loaded) return [{ title: "Thread not found · TechFlow Help Center" }];
  const { thread } = loaded;
  const description = thread.posts[0]?.markdown.replace(/\s+/g, " ").slice(0, 160) ?? "";
  return [
    { title: `${thread.title} · Community · TechFlow Help Center` },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: thread.url + (thread.page > 1 ? `?page=${thread.page}` : "") },
  ];
}, threadSeo);

function isReplyResult(value: unknown): value is SubmissionResult<string[]> {
  return !!value && typeof value === "object" && "status" in value;
}

export default function CommunityThread() {
  const { thread, quote, moderation, follow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyResult = isReplyResult(actionData) ? actionData : undefined;
  const actionError =
    actionData && !isReplyResult(actionData) && "error" in actionData ? (actionData as ActionResult).error : undefined;
  const composer = useRef<HTMLTextAreaElement>(null);
  const formAction = `${thread.url}${thread.page > 1 ? `?page=${thread.page}` : ""}`;
  const postModeration = usePostModeration(moderation);
  useLandOnLinkedPost(thread);
  const onQuote = useQuoteIntoComposer(composer);

  const opening = thread.posts.find((post) => post.number === 1);
  const replies = thread.posts.filter((post) => post.number !== 1);
  return (
    <div className="mx-auto max-w-4xl">
      <ForumBreadcrumbs
        trail={[
          { label: "Community", url: "/community" },
          { label: thread.category.name, url: thread.category.url },
          { label: thread.title },
        ]}
      />
      <ThreadHeader thread={thread} moderator={moderation.moderator} follow={follow} />
      {thread.duplicateOf ? <DuplicateNotice original={thread.duplicateOf} /> : null}
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
          <PostCard
            post={opening}
            formAction={formAction}
            isOpening
            onQuote={onQuote}
            moderation={postModeration.controls(opening)}
          />
        </div>
      ) : null}
      {thread.accepted && thread.page === 1 ? (
        <AcceptedAnswer thread={thread} accepted={thread.accepted} formAction={formAction} />
      ) : null}
      <section aria-label="Replies" className="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
        {replies.map((post) => (
          <PostCard
            key={post.id}
            post={post}
            formAction={formAction}
            isOpening={false}
            onQuote={onQuote}
            moderation={postModeration.controls(post)}
          />
        ))}
      </section>
      {postModeration.dialogs}
      <LiveReplies thread={thread} page={thread.page} lastPostNumber={thread.lastPostNumber} />
      <MarkThreadRead thread={thread} />
      <Pagination base={thread.url} page={thread.page} pageCount={thread.pageCount} label="Thread pages" />
      <ReplySection
        thread={thread}
        quote={quote}
        replyResult={replyResult}
        formAction={formAction}
        composer={composer}
      />
    </div>
  );
}

/**
 * The reply box's code (Conform, zod and the composer) is loaded only for a viewer who may reply: an
 * anonymous reader's page ships none of it. The server renders the box in full, so a signed-in
 * member sees it at once and the browser takes it over when its chunk arrives.
 */
const ReplyForm = lazy(() => import("~/components/forum/reply-form"));

/** "Your reply": the reply box for those who may reply, otherwise why not or how to sign in. */
function ReplySection({
  thread,
  quote,
  replyResult,
  formAction,
  composer,
}: {
  thread: ThreadView;
  quote: string | null;
  replyResult: SubmissionResult<string[]> | undefined;
  formAction: string;
  composer: RefObject<HTMLTextAreaElement>;
}) {
  return (
    <section
      id="reply"
      aria-labelledby="reply-heading"
      className="mt-8 border-t border-slate-200 pt-6 dark:border-slate-800"
    >
      <h2 id="reply-heading" className="text-xl font-semibold">
        Your reply
      </h2>
      {thread.viewer.canReply ? (
        <Suspense fallback={<p className="mt-3 text-slate-600 dark:text-slate-300">Loading the reply box…</p>}>
          <ReplyForm
            threadId={thread.id}
            quote={quote}
            replyResult={replyResult}
            formAction={formAction}
            composer={composer}
          />
        </Suspense>
      ) : thread.viewer.signedIn ? (
        <p className="mt-3 text-slate-700 dark:text-slate-300">
          {thread.viewer.replyRefusal ?? "You cannot reply to this thread."}
        </p>
      ) : (
        <SignInToReply returnTo={formAction} />
      )}
    </section>
  );
}

function SignInToReply({ returnTo }: { returnTo: string }) {
  return (
    <p className="mt-3 text-slate-700 dark:text-slate-300">
      <Link
        to={`/login?redirectTo=${encodeURIComponent(returnTo)}`}
        className="font-medium text-sky-700 underline dark:text-sky-400"
      >
        Sign in
      </Link>{" "}
      or{" "}
      <Link to="/signup" className="font-medium text-sky-700 underline dark:text-sky-400">
        create an account
      </Link>{" "}
      to reply.
    </p>
  );
}

export function ErrorBoundary() {
  return <ForumErrorPage />;
}
