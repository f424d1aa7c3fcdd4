import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function ForumBreadcrumbs({ trail }: { trail: { label: string; url?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-300">
      <Link to="/" className="hover:underline">
        Help Center
      </Link>
      {trail.map((crumb) => (
        <span key={crumb.label}>
          {" / "}
          {crumb.url ? (
            <Link to={crumb.url} className="hover:underline">
              {crumb.label}
            </Link>
          ) : (
            <span aria-current="page">{crumb.label}</span>
          )}
        </span>
      ))}
    </nav>
  );
}

/** The "New thread" button; for visitors it leads through sign-in and back. */
export function NewThreadLink({ signedIn, category }: { signedIn: boolean; category?: string }) {
  const target = category ? `/community/new?category=${encodeURIComponent(category)}` : "/community/new";
  return (
    <Link
      to={signedIn ? target : `/login?redirectTo=${encodeURIComponent(target)}`}
      className="inline-flex items-center rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800"
    >
      {signedIn ? "New thread" : "Sign in to post"}
    </Link>
  );
}

export function ForumHeader({
  title,
  description,
  action,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="mt-4 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
        {description ? <p className="mt-2 text-lg text-slate-700 dark:text-slate-300">{description}</p> : null}
        {children}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
