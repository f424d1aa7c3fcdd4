import { SuggestionPanel, useTypedSuggestions } from "~/components/suggestion-panel";
import { acceptsVotes, type IdeaStatus } from "~/ideas/rules";
import { StatusBadge } from "./status-badge";

type Similar = { id: number; title: string; url: string; voteCount: number; status: IdeaStatus };

/**
 * While the title is typed, existing ideas like it, each with its votes and a one-click "Vote for
 * this instead" (which votes, records the avoided duplicate and opens the idea). Rendered inside the
 * submit form: its buttons submit that form with the chosen idea.
 */
export function SimilarIdeas({ title }: { title: string }) {
  const ideas = useTypedSuggestions<Similar>(title.trim(), {
    minLength: 4,
    delayMs: 200,
    url: (typed) => `/ideas/similar?${new URLSearchParams({ q: typed })}`,
    pick: (body) => (body as { ideas?: Similar[] }).ideas,
  });
  return (
    <SuggestionPanel
      id="similar-heading"
      heading="Similar ideas already exist: vote for one instead?"
      testId="similar-ideas"
    >
      {ideas.length
        ? ideas.map((idea) => (
            <li key={idea.id} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="rounded bg-white px-1.5 py-0.5 font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-100">
                {idea.voteCount} votes
              </span>
              <a
                href={idea.url}
                target="_blank"
                rel="noopener"
                className="font-medium text-sky-800 hover:underline dark:text-sky-300"
              >
                {idea.title}
              </a>
              <StatusBadge status={idea.status} />
              {acceptsVotes(idea.status) ? (
                // A submit button of the surrounding form: the typed title goes along, and formNoValidate skips the form's checks.
                <button
                  type="submit"
                  name="insteadIdeaId"
                  value={idea.id}
                  formNoValidate
                  className="ml-auto rounded-md border border-sky-700 px-2 py-1 text-xs font-medium text-sky-800 hover:bg-sky-100 dark:text-sky-200 dark:hover:bg-sky-900"
                >
                  Vote for this instead
                </button>
              ) : null}
            </li>
          ))
        : null}
    </SuggestionPanel>
  );
}
