import { useEffect, useState } from "react";
import type { PageView } from "~/content/page-types";

/**
 * The id of the section being read: the last heading that has scrolled past the top
 * quarter of the viewport. Null before hydration and above the first heading.
 */
function useCurrentSection(ids: string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(" ");
  useEffect(() => {
    const elements = key
      .split(" ")
      .map((id) => document.getElementById(id))
      .filter((element): element is HTMLElement => element !== null);
    if (elements.length === 0 || typeof IntersectionObserver === "undefined") return;
    const pick = () => {
      const line = window.innerHeight / 4;
      let found: string | null = null;
      for (const element of elements) if (element.getBoundingClientRect().top <= line) found = element.id;
      setCurrent(found);
    };
    // The observer only says when a heading crosses the line; the position check decides which is current.
    const observer = new IntersectionObserver(pick, { rootMargin: "0px 0px -75% 0px", threshold: [0, 1] });
    for (const element of elements) observer.observe(element);
    pick();
    return () => observer.disconnect();
  }, [key]);
  return current;
}

export function TableOfContents({ headings, idPrefix = "" }: { headings: PageView["headings"]; idPrefix?: string }) {
  const current = useCurrentSection(headings.map((heading) => heading.id));
  if (headings.length === 0) return null;
  return (
    <nav aria-labelledby={`${idPrefix}toc-heading`} className="text-sm">
      <h2
        id={`${idPrefix}toc-heading`}
        className="mb-2 font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300"
      >
        On this page
      </h2>
      <ul className="space-y-1 border-l border-slate-200 dark:border-slate-700" data-testid={`${idPrefix}toc`}>
        {headings.map((heading) => (
          <li key={heading.id} className={heading.depth === 3 ? "pl-6" : "pl-3"}>
            <a
              href={`#${heading.id}`}
              aria-current={current === heading.id ? "location" : undefined}
              className={
                current === heading.id
                  ? "font-semibold text-sky-800 underline decoration-2 underline-offset-4 dark:text-sky-300"
                  : "text-slate-700 hover:text-sky-700 hover:underline dark:text-slate-300 dark:hover:text-sky-300"
              }
            >
              {heading.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
