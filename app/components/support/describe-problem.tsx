import { useEffect, useRef, useState } from "react";

/** One suggestion as the server sends it (snippet is HTML-escaped text with <mark> around matches). */
export type SuggestionView = { id: string; type: string; url: string; title: string; section: string; snippet: string };

const TYPE_LABELS: Record<string, string> = { article: "Article", doc: "Docs", thread: "Community (solved)" };
const DEBOUNCE_MS = 250;

/**
 * "Describe your problem": as the customer types, the one search suggests answers (debounced), each
 * expandable in place, with "This solved my problem" and "Continue to a ticket". Without JavaScript
 * the form submits to /support and the next page shows the suggestions.
 */
export function DescribeProblem({
  initialSubject,
  initialDescription,
  initialSessionId,
  initialSuggestions,
  searched,
}: {
  initialSubject: string;
  initialDescription: string;
  initialSessionId: string | null;
  initialSuggestions: SuggestionView[];
  searched: boolean;
}) {
  const [subject, setSubject] = useState(initialSubject);
  const [description, setDescription] = useState(initialDescription);
  const [sessionId, setSessionId] = useState(initialSessionId);
  const [suggestions, setSuggestions] = useState(initialSuggestions);
  const [asked, setAsked] = useState(searched);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const sessionRef = useRef(initialSessionId);

  useEffect(() => {
    if (subject === initialSubject && description === initialDescription) return;
    const text = `${subject} ${description}`.trim();
    if (text.length < 3) return;
    const request = ++latest.current;
    const timer = window.setTimeout(async () => {
      setLoading(true);
      const params = new URLSearchParams({ subject, description });
      if (sessionRef.current) params.set("session", sessionRef.current);
      try {
        const response = await fetch(`/support/suggest?${params}`, { headers: { Accept: "application/json" } });
        if (!response.ok || request !== latest.current) return;
        const body = (await response.json()) as { sessionId: string | null; suggestions: SuggestionView[] };
        sessionRef.current = body.sessionId;
        setSessionId(body.sessionId);
        setSuggestions(body.suggestions);
        setAsked(true);
      } finally {
        if (request === latest.current) setLoading(false);
      }
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [subject, description, initialSubject, initialDescription]);

  function opened(documentId: string) {
    if (!sessionId) return;
    const body = new FormData();
    body.set("intent", "open");
    body.set("session", sessionId);
    body.set("documentId", documentId);
    void fetch("/support/suggest", { method: "POST", body });
  }

  return (
    <section aria-labelledby="describe-heading" className="space-y-4">
      <h2 id="describe-heading" className="text-xl font-semibold">
        Describe your problem
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">We look for an answer while you type. If none helps, continue to a ticket: what you wrote comes along.</p>
      <form method="get" action="/support" className="space-y-3" data-testid="describe-form">
        <div className="space-y-1">
          <label htmlFor="problem-subject" className="block text-sm font-medium">
            Subject
          </label>
          <input
            id="problem-subject"
            name="subject"
            value={subject}
            maxLength={200}
            onChange={(event) => setSubject(event.target.value)}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="problem-description" className="block text-sm font-medium">
            What is happening?
          </label>
          <textarea
            id="problem-description"
            name="description"
            value={description}
            rows={4}
            maxLength={20_000}
            onChange={(event) => setDescription(event.target.value)}
            className="w-full rounded-md border border-slate-300 bg-white p-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        {sessionId ? <input type="hidden" name="session" value={sessionId} /> : null}
        <button type="submit" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium dark:border-slate-600">
          Find answers
        </button>
      </form>
      <div aria-live="polite" className="space-y-3" data-testid="suggestions">
        {loading ? <p className="text-sm text-slate-600 dark:text-slate-300">Looking for answers…</p> : null}
        {asked && suggestions.length === 0 && !loading ? <p className="text-sm">We found nothing that matches yet. Add a few words, or continue to a ticket.</p> : null}
        {suggestions.length > 0 ? (
          <>
            <h3 className="font-semibold">These may answer it</h3>
            <ul className="space-y-2">
              {suggestions.map((suggestion) => (
                <li key={suggestion.id} className="rounded-lg border border-slate-200 dark:border-slate-700">
                  <details onToggle={(event) => (event.currentTarget.open ? opened(suggestion.id) : undefined)}>
                    <summary className="cursor-pointer p-3">
                      <span className="mr-2 text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">{TYPE_LABELS[suggestion.type] ?? suggestion.type}</span>
                      <span className="font-medium">{suggestion.title}</span>
                      {suggestion.section ? <span className="text-slate-600 dark:text-slate-300"> › {suggestion.section}</span> : null}
                    </summary>
                    <div className="space-y-3 border-t border-slate-200 p-3 text-sm dark:border-slate-700">
                      {/* The snippet is escaped by the search engine; only <mark> is markup. */}
                      <p dangerouslySetInnerHTML={{ __html: suggestion.snippet }} />
                      <div className="flex flex-wrap items-center gap-3">
                        <a href={suggestion.url} target="_blank" rel="noreferrer" className="text-sky-700 underline dark:text-sky-400">
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
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <form method="get" action="/support/new">
        <input type="hidden" name="subject" value={subject} />
        <input type="hidden" name="description" value={description} />
        {sessionId ? <input type="hidden" name="session" value={sessionId} /> : null}
        <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white">
          Continue to a ticket
        </button>
      </form>
    </section>
  );
}
