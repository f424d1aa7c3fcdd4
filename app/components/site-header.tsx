import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { NotificationBell } from "./notifications/notification-bell";
import { InstantSearch } from "./search/instant-search";

const NAV = [
  { to: "/kb", label: "Knowledge base" },
  { to: "/docs", label: "Docs" },
  { to: "/webinars", label: "Webinars" },
  { to: "/community", label: "Community" },
  { to: "/support", label: "Contact support" },
];

/** `canSeeStaffPages` comes from the capability table (app/auth/permissions.ts), asked by the root loader. */
export type HeaderUser = { name: string; role: string; canSeeStaffPages: boolean; canReviewForum?: boolean } | null;

export function SiteHeader({ user }: { user: HeaderUser }) {
  // The search page has its own large box; a second one in the header would stack two on a phone.
  const { pathname, search } = useLocation();
  const onSearchPage = pathname === "/search";
  // On a phone the home page's own big box is right below; one box is enough there.
  const onHome = pathname === "/";
  return (
    <header className="z-20 sm:sticky sm:top-0 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="order-1 text-lg font-bold tracking-tight">
          TechFlow <span className="text-sky-700 dark:text-sky-400">Help Center</span>
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-2 sm:w-auto">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  prefetch="intent"
                  className={({ isActive }) =>
                    isActive
                      ? "font-semibold text-sky-800 underline underline-offset-4 dark:text-sky-300"
                      : "hover:underline"
                  }
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {onSearchPage ? (
          <div className="hidden sm:order-3 sm:ml-auto sm:block" />
        ) : (
          <div className={`order-4 w-full sm:order-3 sm:ml-auto sm:block sm:w-72 ${onHome ? "hidden" : ""}`}>
            <InstantSearch id="site-search" label="Site search" />
          </div>
        )}
        {/* On phones the account links share the first row with the logo; the header does not stick there, to leave room to read. */}
        <div className="order-2 ml-auto flex items-center gap-3 text-sm sm:order-4 sm:ml-0">
          {user ? (
            <>
              {user.canSeeStaffPages ? (
                <Link to="/admin" className="hover:underline">
                  Staff
                </Link>
              ) : null}
              {user.canReviewForum ? (
                <Link to="/admin/review" className="hover:underline">
                  Review
                </Link>
              ) : null}
              <NotificationBell />
              <Link to="/settings" className="font-medium hover:underline" data-testid="signed-in-as">
                {user.name}
              </Link>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
                >
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={signInPath(pathname, search)} className="font-medium hover:underline">
                Sign in
              </Link>
              <Link to="/signup" className="rounded-md bg-sky-700 px-2 py-1 font-medium text-white hover:bg-sky-800">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

/** Pages that only make sense before signing in: signing in from one of them keeps where it was headed instead. */
const ACCOUNT_ENTRY_PAGES = new Set([
  "/login",
  "/signup",
  "/signed-out",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
]);

/**
 * Signing in brings people back to the page they were on (the login route accepts only same-site
 * paths). The header's Sign up link carries nothing: a new account starts at the welcome in settings,
 * unless sign-up was reached from a sign-in that had somewhere to return to.
 */
export function signInPath(pathname: string, search: string): string {
  const returnTo = ACCOUNT_ENTRY_PAGES.has(pathname)
    ? new URLSearchParams(search).get("redirectTo")
    : pathname + search;
  return returnTo ? `/login?redirectTo=${encodeURIComponent(returnTo)}` : "/login";
}
