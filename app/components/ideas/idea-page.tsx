import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FormMessage } from "~/components/forms";
import { RelativeTime } from "~/components/forum/relative-time";
import { IMPORTANCE_LABELS, IMPORTANCE_LEVELS } from "~/ideas/rules";
import type { IdeaDetail, IdeaLink, IdeaStatusChange, IdeaViewer } from "~/ideas/views";
import { IntentButton } from "./intent-button";
import { AreaTag, StatusBadge } from "./status-badge";
import { VoteButton } from "./vote-button";

function Notice({ children }: { children: ReactNode }) {
  return <div className="mt-4">{children}</div>;
}

/** Above the idea: what the last action did, and whether it was merged (into or from) or hidden. */
export function IdeaNotices({
  answer,
  mergedNotice,
  idea,
}: {
  answer?: { error?: string; ok?: string };
  mergedNotice: IdeaLink | null;
  idea: Pick<IdeaDetail, "mergedInto" | "hidden">;
}) {
  return (
    <>
      {answer?.error ? (
        <Notice>
          <FormMessage tone="error">{answer.error}</FormMessage>
        </Notice>
      ) : answer?.ok ? (
        <Notice>
          <FormMessage tone="success">{answer.ok}</FormMessage>
        </Notice>
      ) : null}
      {mergedNotice ? (
        <Notice>
          <FormMessage tone="info">
            Idea #{mergedNotice.id} “{mergedNotice.title}” was merged into this one; its votes and comments are here
            now.
          </FormMessage>
        </Notice>
      ) : null}
      {idea.mergedInto ? (
        <Notice>
          <FormMessage tone="info">
            Merged into{" "}
            <Link to={idea.mergedInto.url} className="font-semibold underline">
              #{idea.mergedInto.id} {idea.mergedInto.title}
            </Link>
            . Visitors are sent there.
          </FormMessage>
        </Notice>
      ) : null}
      {idea.hidden ? (
        <Notice>
          <FormMessage tone="info">This idea is hidden: only staff can see it.</FormMessage>
        </Notice>
      ) : null}
    </>
  );
}

/** The idea itself: the vote button beside its title, status, description and what the viewer can do about it. */
export function IdeaArticle({
  idea,
  viewer,
  closed,
  returnTo,
  publicVoters,
}: {
  idea: IdeaDetail;
  viewer: IdeaViewer;
  closed: string | null;
  returnTo: string;
  publicVoters: string[];
}) {
  return (
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
        {idea.statusNote && idea.status !== "open" ? <StatusNote idea={idea} /> : null}
        <div
          className="article-content prose mt-5 max-w-none dark:prose-invert"
          dangerouslySetInnerHTML={{ __html: idea.html }}
        />
        <ViewerIdeaActions viewer={viewer} closed={closed} />
        {publicVoters.length ? (
          <p className="mt-3 text-sm text-slate-700 dark:text-slate-300" data-testid="public-voters">
            Voted for this (and chose to show it): {publicVoters.join(", ")}
            {idea.voteCount > publicVoters.length ? ` and ${idea.voteCount - publicVoters.length} more` : ""}.
          </p>
        ) : null}
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
          Votes are private unless a voter chooses to show their name. Voters and followers hear about status changes.
        </p>
      </div>
    </article>
  );
}

/** The note that came with the last status change: a release note, why it was declined, or an update. */
function StatusNote({ idea }: { idea: Pick<IdeaDetail, "status" | "statusLabel" | "statusNote"> }) {
  return (
    <div className="mt-4 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm dark:border-slate-700 dark:bg-slate-900">
      <p className="font-semibold">
        {idea.status === "shipped"
          ? "Release note"
          : idea.status === "declined"
            ? "Why it was declined"
            : `Update: ${idea.statusLabel}`}
      </p>
      <p className="mt-1 whitespace-pre-line">{idea.statusNote}</p>
    </div>
  );
}

/** Follow, say how important it is (voters, while it is open), and show or hide one's name with the vote. */
function ViewerIdeaActions({ viewer, closed }: { viewer: IdeaViewer; closed: string | null }) {
  return (
    <>
      {viewer.signedIn ? (
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <IntentButton intent={viewer.following ? "unfollow" : "follow"}>
            {viewer.following ? "Unfollow" : "Follow"}
          </IntentButton>
          {viewer.voted && !closed ? (
            <Form method="post" className="flex items-center gap-2">
              <input type="hidden" name="intent" value="importance" />
              <label htmlFor="importance" className="text-sm">
                How important is this to you?
              </label>
              <select
                id="importance"
                name="importance"
                defaultValue={viewer.importance ?? ""}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
              >
                <option value="">Not saying</option>
                {IMPORTANCE_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {IMPORTANCE_LABELS[level]}
                  </option>
                ))}
              </select>
              <button
                type="submit"
                className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800"
              >
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
    </>
  );
}

export function MergedFromSection({ merged }: { merged: IdeaLink[] }) {
  return (
    <section aria-labelledby="merged-heading" className="mt-8">
      <h2 id="merged-heading" className="text-lg font-semibold">
        Merged into this idea
      </h2>
      <ul className="mt-2 list-disc pl-6 text-sm">
        {merged.map((idea) => (
          <li key={idea.id}>
            #{idea.id} {idea.title}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function StatusHistorySection({ history }: { history: IdeaStatusChange[] }) {
  return (
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
            {change.comment ? (
              <p className="mt-0.5 whitespace-pre-line text-slate-700 dark:text-slate-300">{change.comment}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
