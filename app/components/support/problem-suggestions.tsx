import type { SuggestionView } from "./use-problem-suggestions";

const TYPE_LABELS: Record<string, string> = { article: "Article", doc: "Docs", thread: "Community (solved)" };

/** The answers found so far, announced politely as they change: each opens in place, with "This solved my problem". */
export function ProblemSuggestions({
  suggestions,
  asked,
  loading,
  sessionId,
  onOpen,
}: {
  suggestions: SuggestionView[];
  asked: boolean;
  loading: boolean;
  sessionId: string | null;
  onOpen: (documentId: string) => void;
}) {
  return (
    <div aria-live="polite" className="space-y-3" data-testid="suggestions">
      {loading ? <p className="text-sm text-slate-600 dark:text-slate-300">Looking for answers…</p> : null}
      {asked && suggestions.length === 0 && !loading ? (
        <p className="text-sm">We found nothing that matches yet. Add a few words, or continue to a ticket.</p>
      ) : null}
      {suggestions.length > 0 ? (
        <>
          <h3 className="font-semibold">These may answer it</h3>
          <ul className="space-y-2">
            {suggestions.map((suggestion) => (
              <li key={suggestion.id} className="rounded-lg border border-slate-200 dark:border-slate-700">
                <SuggestionDetails suggestion={suggestion} sessionId={sessionId} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function SuggestionDetails({
  suggestion,
  sessionId,
  onOpen,
}: {
  suggestion: SuggestionView;
  sessionId: string | null;
  onOpen: (documentId: string) => void;
}) {
  return (
    <details onToggle={(event) => (event.currentTarget.open ? onOpen(suggestion.id) : undefined)}>
      <summary className="cursor-pointer p-3">
        <span className="mr-2 text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
          {TYPE_LABELS[suggestion.type] ?? suggestion.type}
        </span>
        <span className="font-medium">{suggestion.title}</span>
        {suggestion.section ? (
          <span className="text-slate-600 dark:text-slate-300"> › {suggestion.section}</span>
        ) : null}
      </summary>
      <div className="space-y-3 border-t border-slate-200 p-3 text-sm dark:border-slate-700">
        {/* The snippet is escaped by the search engine; only <mark> is markup. */}
        <p dangerouslySetInnerHTML={{ __html: suggestion.snippet }} />
        <div className="flex flex-wrap items-center gap-3">
          <a
            href={suggestion.url}
            target="_blank"
            rel="noreferrer"
            className="text-sky-700 underline dark:text-sky-400"
          >
            Read it all (new tab)
          </a>
          {sessionId ? (
            <form method="post" action="/support">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="session" value={sessionId} />
              <input type="hidden" name="documentId" value={suggestion.id} />
              <button type="submit" className="rounded-md bg-emerald-700 px-3 py-1.5 font-medium text-white">
                This solved my problem
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </details>
  );
}
