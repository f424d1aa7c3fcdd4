import { Link } from "@remix-run/react";
import type { IdeaCard } from "~/ideas/views";
import { acceptsVotes } from "~/ideas/rules";
import { AreaTag, StatusBadge } from "./status-badge";
import { VoteButton } from "./vote-button";

export type IdeaCardView = Omit<IdeaCard, never>;

export function closedReason(status: IdeaCard["status"]) {
  if (acceptsVotes(status)) return null;
  return status === "declined" ? "Declined: no longer takes votes" : "Shipped: no longer takes votes";
}

function ideaAnchor(id: number) {
  return `idea-${id}`;
}

export function IdeaListView({
  ideas,
  votedIds,
  signedIn,
  returnTo,
  emptyText,
}: {
  ideas: IdeaCardView[];
  votedIds: number[];
  signedIn: boolean;
  returnTo: string;
  emptyText: string;
}) {
  if (ideas.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600 dark:border-slate-600 dark:text-slate-300">
        {emptyText}
      </p>
    );
  const voted = new Set(votedIds);
  return (
    <ul
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
      data-testid="idea-list"
    >
      {ideas.map((idea) => (
        // The anchor brings a vote without JavaScript back to this idea rather than the top of the list.
        <li key={idea.id} id={ideaAnchor(idea.id)} className="flex scroll-mt-24 gap-4 p-4">
          <VoteButton
            ideaId={idea.id}
            ideaUrl={idea.url}
            title={idea.title}
            voteCount={idea.voteCount}
            voted={voted.has(idea.id)}
            signedIn={signedIn}
            closedReason={closedReason(idea.status)}
            returnTo={`${returnTo}#${ideaAnchor(idea.id)}`}
          />
          <div className="min-w-0 flex-1">
            <h3 className="text-lg font-semibold leading-snug">
              <Link to={idea.url} className="hover:underline">
                {idea.title}
              </Link>
            </h3>
            <p className="mt-1 line-clamp-2 text-sm text-slate-600 dark:text-slate-300">{idea.excerpt}</p>
            <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
              <StatusBadge status={idea.status} />
              <AreaTag name={idea.area.name} />
              {idea.pinned ? <span className="text-xs font-medium text-sky-800 dark:text-sky-300">Pinned</span> : null}
              <span>
                {idea.commentCount} {idea.commentCount === 1 ? "comment" : "comments"}
              </span>
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function IdeasNav({ current }: { current: "ideas" | "roadmap" | "changelog" }) {
  const links = [
    { key: "ideas", label: "All ideas", url: "/ideas" },
    { key: "roadmap", label: "Roadmap", url: "/ideas/roadmap" },
    { key: "changelog", label: "Changelog", url: "/ideas/changelog" },
  ] as const;
  return (
    <nav
      aria-label="Feature requests"
      className="mt-4 flex flex-wrap gap-2 border-b border-slate-200 dark:border-slate-700"
    >
      {links.map((link) => (
        <Link
          key={link.key}
          to={link.url}
          aria-current={current === link.key ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${current === link.key ? "border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-300" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"}`}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
