import { useEffect, useState, type ReactNode } from "react";

/**
 * The insights page's sections and their table of contents. The page is long (every section's
 * charts and tables), so a list of links to the sections stays in view beside them on wide screens
 * and sits above them on phones.
 *
 * The list is built from the sections present: the page passes the ones it renders, and once the
 * page runs in the browser the list is read from the sections column itself (every `<section>` with
 * a heading), so a section a domain adds as its own component joins it. Without JavaScript the
 * given list is the list.
 */

export type SectionLink = { id: string; title: string };

export function InsightsSection({ id, title, children }: SectionLink & { children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="scroll-mt-28 border-t border-slate-200 pt-6 dark:border-slate-700">
      <h2 id={id} className="text-2xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The sections on the page, in page order: the server's list until the browser can read the page,
 * then every section of the sections column (`data-insights-sections`) titled by its heading.
 */
function useSectionsOnPage(given: readonly SectionLink[]): readonly SectionLink[] {
  const [sections, setSections] = useState(given);
  useEffect(() => {
    const column = document.querySelector("[data-insights-sections]");
    const found = [...(column?.querySelectorAll<HTMLElement>(":scope > section[aria-labelledby]") ?? [])]
      .map((element) => {
        const id = element.getAttribute("aria-labelledby") ?? "";
        return { id, title: document.getElementById(id)?.textContent?.trim() ?? "" };
      })
      .filter((section) => section.id && section.title);
    if (found.length > 0) setSections(found);
  }, [given]);
  return sections;
}

export function InsightsNav({ sections }: { sections: readonly SectionLink[] }) {
  const present = useSectionsOnPage(sections);
  return (
    <nav
      aria-labelledby="insights-nav-heading"
      className="rounded-lg border border-slate-200 p-3 text-sm lg:sticky lg:top-28 dark:border-slate-700"
      data-testid="insights-nav"
    >
      <h2 id="insights-nav-heading" className="font-semibold">
        Sections
      </h2>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 lg:block lg:space-y-1">
        {present.map((section) => (
          <li key={section.id}>
            <a className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" href={`#${section.id}`}>
              {section.title}
            </a>
          </li>
        ))}
        <li className="lg:mt-3 lg:border-t lg:border-slate-200 lg:pt-2 dark:lg:border-slate-700">
          <a className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400" href="#main">
            Back to top
          </a>
        </li>
      </ul>
    </nav>
  );
}
