import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { Theme } from "~/lib/theme";
import { NotificationBell } from "./notifications/notification-bell";
import { InstantSearch } from "./search/instant-search";
import { ThemeChoice } from "./theme/theme-choice";
import { useDisclosureMenu } from "./use-disclosure";

const NAV = [
  { to: "/kb", label: "Knowledge base" },
  { to: "/docs", label: "Docs" },
  // Training lists the courses, the recordings, the weekly webinar and live sessions.
  { to: "/training", label: "Training" },
  { to: "/community", label: "Community" },
  { to: "/support", label: "Contact support" },
];

/** `canSeeStaffPages` comes from the capability table (app/auth/permissions.ts), asked by the root loader. */
export type HeaderUser = { name: string; role: string; canSeeStaffPages: boolean; canReviewForum?: boolean } | null;

const SUMMARY_RESET = "cursor-pointer list-none [&::-webkit-details-marker]:hidden";
const MENU_LINK = "block rounded-md px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800";

function Chevron() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0" fill="currentColor">
      <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4z" />
    </svg>
  );
}

function NavLinks({ layout }: { layout: "row" | "column" }) {
  return (
    <ul className={layout === "row" ? "flex gap-x-4 whitespace-nowrap text-sm" : "grid gap-1"}>
      {NAV.map((item) => (
        <li key={item.to}>
          <NavLink
            to={item.to}
            prefetch="intent"
            className={({ isActive }) =>
              `${layout === "column" ? MENU_LINK : ""} ${
                isActive
                  ? "font-semibold text-sky-800 underline underline-offset-4 dark:text-sky-300"
                  : "hover:underline"
              }`
            }
          >
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/** What a signed-in member reaches from their name: their pages, staff tools, the theme, signing out. */
function AccountLinks({
  user,
  theme,
  returnTo,
  idPrefix,
}: {
  user: NonNullable<HeaderUser>;
  theme: Theme;
  returnTo: string;
  idPrefix: string;
}) {
  return (
    <>
      <ul className="grid gap-0.5">
        <li>
          <Link to="/settings" className={MENU_LINK}>
            Settings
          </Link>
        </li>
        <li>
          <Link to="/support/tickets" className={MENU_LINK}>
            Your tickets
          </Link>
        </li>
        <li>
          <Link to="/notifications" className={MENU_LINK}>
            Notifications
          </Link>
        </li>
        {user.canSeeStaffPages ? (
          <li>
            <Link to="/admin" className={MENU_LINK}>
              Staff
            </Link>
          </li>
        ) : null}
        {user.canReviewForum ? (
          <li>
            <Link to="/admin/review" className={MENU_LINK}>
              Review
            </Link>
          </li>
        ) : null}
      </ul>
      <div className="mt-2 border-t border-slate-200 px-3 pt-3 dark:border-slate-700">
        <p
          id={`${idPrefix}-theme-label`}
          className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300"
        >
          Theme
        </p>
        <ThemeChoice current={theme} returnTo={returnTo} labelId={`${idPrefix}-theme-label`} compact />
      </div>
      <Form method="post" action="/logout" className="mt-3 border-t border-slate-200 pt-2 dark:border-slate-700">
        <button type="submit" className={`${MENU_LINK} w-full text-left font-medium`}>
          Sign out
        </button>
      </Form>
    </>
  );
}

/** Desktop: the member's name opens a small menu under it. */
function AccountMenu({ user, theme, returnTo }: { user: NonNullable<HeaderUser>; theme: Theme; returnTo: string }) {
  const ref = useDisclosureMenu();
  return (
    <details ref={ref} className="relative" data-testid="account-menu">
      <summary
        className={`${SUMMARY_RESET} flex max-w-48 items-center gap-1 rounded-md px-2 py-1 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800`}
      >
        <span className="truncate" data-testid="signed-in-as">
          {user.name}
        </span>
        <Chevron />
      </summary>
      <div className="absolute right-0 top-full z-30 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <AccountLinks user={user} theme={theme} returnTo={returnTo} idPrefix="account-menu" />
      </div>
    </details>
  );
}

/** Phones and narrow windows: one Menu button opens the sections, the account and the theme. */
function PhoneMenu({
  user,
  theme,
  returnTo,
  signIn,
}: {
  user: HeaderUser;
  theme: Theme;
  returnTo: string;
  signIn: string;
}) {
  const ref = useDisclosureMenu();
  return (
    <details ref={ref} className="lg:hidden" data-testid="phone-menu">
      <summary
        className={`${SUMMARY_RESET} flex items-center gap-1 rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800`}
      >
        Menu
        <Chevron />
      </summary>
      <div className="absolute inset-x-0 top-full z-30 max-h-[calc(100vh-4rem)] overflow-y-auto border-b border-slate-200 bg-white px-4 py-3 shadow-lg dark:border-slate-700 dark:bg-slate-950">
        <nav aria-label="Main">
          <NavLinks layout="column" />
        </nav>
        <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-700">
          {user ? (
            <>
              <p className="px-3 pb-1 text-sm font-semibold">{user.name}</p>
              <AccountLinks user={user} theme={theme} returnTo={returnTo} idPrefix="phone-menu" />
            </>
          ) : (
            <p className="flex gap-3 px-3">
              <Link to={signIn} className="font-medium underline">
                Sign in
              </Link>
              <Link to="/signup" className="font-medium underline">
                Sign up
              </Link>
            </p>
          )}
        </div>
      </div>
    </details>
  );
}

export function SiteHeader({ user, theme }: { user: HeaderUser; theme: Theme }) {
  // The search page has its own large box; a second one in the header would stack two on a phone.
  const { pathname, search } = useLocation();
  const onSearchPage = pathname === "/search";
  // On a phone the home page's own big box is right below; one box is enough there.
  const onHome = pathname === "/";
  const returnTo = pathname + search;
  const signIn = signInPath(pathname, search);
  // One row from 1024 px (at most 80 px tall); below that a compact bar with a Menu button and the search box under it.
  return (
    <header className="relative z-20 border-b border-slate-200 bg-white/95 backdrop-blur lg:sticky lg:top-0 dark:border-slate-800 dark:bg-slate-950/95">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2.5 lg:flex-nowrap">
        <Link to="/" className="order-1 shrink-0 whitespace-nowrap text-lg font-bold tracking-tight">
          TechFlow <span className="text-sky-700 dark:text-sky-400">Help Center</span>
        </Link>
        <nav aria-label="Main" className="order-2 hidden lg:block">
          <NavLinks layout="row" />
        </nav>
        {onSearchPage ? null : (
          <div className={`order-4 w-full lg:order-3 lg:ml-auto lg:block lg:w-60 ${onHome ? "hidden" : ""}`}>
            <InstantSearch id="site-search" label="Site search" />
          </div>
        )}
        <div className={`order-2 ml-auto flex items-center gap-2 text-sm lg:order-4 ${onSearchPage ? "" : "lg:ml-0"}`}>
          {user ? (
            <>
              <NotificationBell />
              <div className="hidden lg:block">
                <AccountMenu user={user} theme={theme} returnTo={returnTo} />
              </div>
            </>
          ) : (
            <>
              <Link to={signIn} className="font-medium hover:underline">
                Sign in
              </Link>
              <Link
                to="/signup"
                className="hidden rounded-md bg-sky-700 px-2 py-1 font-medium text-white hover:bg-sky-800 sm:inline-block"
              >
                Sign up
              </Link>
            </>
          )}
          <PhoneMenu user={user} theme={theme} returnTo={returnTo} signIn={signIn} />
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
