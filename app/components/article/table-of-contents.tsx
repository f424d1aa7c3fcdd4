import type { PageView } from "~/content/page-types";

export function TableOfContents({ headings, idPrefix = "" }: { headings: PageView["headings"]; idPrefix?: string }) {
  if (headings.length === 0) return null;
  return (
    <nav aria-labelledby={`${idPrefix}toc-heading`} className="text-sm">
      <h2 id={`${idPrefix}toc-heading`} className="mb-2 font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
        On this page
      </h2>
      <ul className="space-y-1 border-l border-slate-200 dark:border-slate-700" data-testid={`${idPrefix}toc`}>
        {headings.map((heading) => (
          <li key={heading.id} className={heading.depth === 3 ? "pl-6" : "pl-3"}>
            <a href={`#${heading.id}`} className="text-slate-700 hover:text-sky-700 hover:underline dark:text-slate-300 dark:hover:text-sky-300">
              {heading.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
