import { Link } from "@remix-run/react";
import type { Crumb } from "~/content/page-types";

export function Breadcrumbs({ crumbs, current }: { crumbs: Crumb[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-300">
      <ol className="flex flex-wrap items-center gap-1">
        {crumbs.map((crumb) => (
          <li key={crumb.url} className="flex items-center gap-1">
            <Link to={crumb.url} className="hover:underline">
              {crumb.label}
            </Link>
            <span aria-hidden="true">/</span>
          </li>
        ))}
        <li aria-current="page" className="font-medium text-slate-900 dark:text-slate-100">
          {current}
        </li>
      </ol>
    </nav>
  );
}
