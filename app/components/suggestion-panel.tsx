import { useEffect, useState, type ReactNode } from "react";

/**
 * "This may already exist" while a title is typed: the forum's answer suggestions and the ideas' similar
 * ideas fetch the same way (after a pause in typing, the previous request cancelled) and show in the same panel.
 */
export function useTypedSuggestions<T>(
  query: string,
  {
    minLength,
    delayMs,
    url,
    pick,
  }: { minLength: number; delayMs: number; url: (query: string) => string; pick: (body: unknown) => T[] | undefined },
): T[] {
  const [found, setFound] = useState<T[]>([]);
  useEffect(() => {
    if (query.length < minLength) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(url(query), { signal: controller.signal })
        .then((response) => (response.ok ? response.json() : null))
        .then((body: unknown) => setFound(body ? (pick(body) ?? []) : []))
        .catch(() => undefined);
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // url and pick are fixed per caller; the query alone decides when to fetch again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, minLength, delayMs]);
  return found;
}

/** The panel the suggestions show in, announced politely as they arrive; nothing while there are none. */
export function SuggestionPanel({
  id,
  heading,
  testId,
  children,
}: {
  id: string;
  heading: string;
  testId: string;
  children: ReactNode | null;
}) {
  return (
    <div aria-live="polite">
      {children ? (
        <section
          aria-labelledby={id}
          data-testid={testId}
          className="rounded-lg border border-sky-200 bg-sky-50/70 p-4 dark:border-sky-900 dark:bg-sky-950/40"
        >
          <h2 id={id} className="text-sm font-semibold text-sky-900 dark:text-sky-100">
            {heading}
          </h2>
          <ul className="mt-2 space-y-2">{children}</ul>
        </section>
      ) : null}
    </div>
  );
}
