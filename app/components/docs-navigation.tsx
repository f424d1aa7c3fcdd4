import { Link } from "@remix-run/react";
import type { NavSection, PageLink } from "~/content/page-types";

/** The docs menu: a sidebar on wide screens, a collapsed "Browse the docs" list on phones so the page comes first. */
export function DocsSidebar({ sections, currentUrl }: { sections: NavSection[]; currentUrl?: string }) {
  return (
    <div>
      {/* Sticky beside the page on wide screens; scrolls on its own when taller than the window. */}
      <div className="hidden lg:sticky lg:top-24 lg:block lg:max-h-[calc(100vh-7rem)] lg:overflow-y-auto lg:pr-2">
        <DocsMenu sections={sections} currentUrl={currentUrl} testId="docs-sidebar" />
      </div>
      <details className="rounded-lg border border-slate-200 p-4 lg:hidden dark:border-slate-700">
        <summary className="cursor-pointer font-medium">Browse the docs</summary>
        <div className="mt-3">
          <DocsMenu sections={sections} currentUrl={currentUrl} testId="docs-menu-compact" />
        </div>
      </details>
    </div>
  );
}

function DocsMenu({ sections, currentUrl, testId }: { sections: NavSection[]; currentUrl?: string; testId: string }) {
  return (
    <nav aria-label="Documentation" className="text-sm" data-testid={testId}>
      {sections.map((section) => (
        <div key={section.title} className="mb-6">
          <h2 className="mb-2 font-semibold text-slate-900 dark:text-slate-100">{section.title}</h2>
          <ul className="space-y-1 border-l border-slate-200 dark:border-slate-700">
            {section.pages.map((link) => {
              const current = link.url === currentUrl;
              return (
                <li key={link.url}>
                  <Link
                    to={link.url}
                    prefetch="intent"
                    aria-current={current ? "page" : undefined}
                    className={`-ml-px block border-l-2 py-0.5 pl-3 ${current ? "border-sky-700 font-medium text-sky-800 dark:border-sky-400 dark:text-sky-300" : "border-transparent text-slate-700 hover:border-slate-400 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"}`}
                  >
                    {link.title}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export function PrevNext({ previous, next }: { previous: PageLink | null; next: PageLink | null }) {
  if (!previous && !next) return null;
  return (
    <nav aria-label="Previous and next pages" className="mt-12 grid gap-4 sm:grid-cols-2">
      {previous ? (
        <Link
          to={previous.url}
          rel="prev"
          className="rounded-lg border border-slate-200 p-4 hover:border-sky-600 dark:border-slate-700"
        >
          <span className="block text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">Previous</span>
          <span className="font-medium">← {previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link
          to={next.url}
          rel="next"
          className="rounded-lg border border-slate-200 p-4 text-right hover:border-sky-600 dark:border-slate-700"
        >
          <span className="block text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">Next</span>
          <span className="font-medium">{next.title} →</span>
        </Link>
      ) : null}
    </nav>
  );
}
