import { SuggestionPanel, useTypedSuggestions } from "~/components/suggestion-panel";

type Hit = { id: string; type: string; title: string; url: string; snippet: string };

const TYPE_LABELS: Record<string, string> = {
  article: "Article",
  doc: "Docs",
  webinar: "Webinar",
  thread: "Community",
  idea: "Idea",
  page: "Page",
};
const MIN_LENGTH = 6;

/** The snippet's <mark> highlighting as React elements; everything else stays text. */
function Highlighted({ html }: { html: string }) {
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith("<mark>") ? (
          <mark key={index} className="rounded bg-amber-100 px-0.5 text-inherit dark:bg-amber-900">
            {decode(part.slice(6, -7))}
          </mark>
        ) : (
          <span key={index}>{decode(part)}</span>
        ),
      )}
    </>
  );
}

function recordClick(query: string, hit: Hit, position: number) {
  const body = new FormData();
  body.set("query", query.slice(0, 200));
  body.set("resultId", hit.id);
  body.set("resultType", hit.type);
  body.set("position", String(position));
  // keepalive: the click opens a new tab, and the record must not be lost if this one closes.
  fetch("/community/deflections", { method: "POST", body, keepalive: true }).catch(() => undefined);
}

/**
 * "Your question may already be answered": while the title is typed, the same search as the site's
 * (/api/search) suggests articles, docs and threads. A click opens the answer in a new tab (the draft
 * stays) and is recorded as a deflection.
 */
export function AnswerSuggestions({ title }: { title: string }) {
  const query = title.trim();
  const hits = useTypedSuggestions<Hit>(query, {
    minLength: MIN_LENGTH,
    delayMs: 250,
    url: (typed) => `/api/search?${new URLSearchParams({ q: typed, limit: "5" })}`,
    pick: (body) => (body as { hits?: Hit[] }).hits,
  });
  return (
    <SuggestionPanel
      id="suggestions-heading"
      heading="Your question may already be answered"
      testId="answer-suggestions"
    >
      {hits.length
        ? hits.map((hit, index) => (
            <li key={hit.id}>
              <a
                href={hit.url}
                target="_blank"
                rel="noopener"
                onClick={() => recordClick(query, hit, index)}
                className="font-medium text-sky-800 hover:underline dark:text-sky-300"
              >
                <span className="mr-2 rounded bg-white px-1.5 py-0.5 text-xs font-normal text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                  {TYPE_LABELS[hit.type] ?? hit.type}
                </span>
                {hit.title}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
              {hit.snippet ? (
                <p className="mt-0.5 text-sm text-slate-700 dark:text-slate-300">
                  <Highlighted html={hit.snippet} />
                </p>
              ) : null}
            </li>
          ))
        : null}
    </SuggestionPanel>
  );
}
