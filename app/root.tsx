import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { getOptionalUser } from "./auth/guards.server";
import { can } from "./auth/permissions";
import { useEffect, useRef, type ReactNode } from "react";
import { useNonce } from "./components/nonce";
import { ChatLauncher } from "./components/chat/chat-launcher";
import { NotFound } from "./components/not-found";
import { SiteFooter } from "./components/site-footer";
import { SiteHeader } from "./components/site-header";
import { IncidentBanner } from "./components/status/incident-banner";
import { openIncidentsForSupport } from "./status/status-page.server";
import { colorSchemeOf, resolveTheme } from "./lib/theme";
import { publicOrigin } from "./lib/env.server";
import { SITE_DESCRIPTION, SITE_NAME, withSeo } from "./seo/meta";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** Pages whose route declares no meta of its own still get a canonical URL, a description and a link card. */
export const meta: MetaFunction = withSeo(() => [
  { title: SITE_NAME },
  { name: "description", content: SITE_DESCRIPTION },
]);

/** Anonymous visitors get the same root data, so their pages stay cacheable. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, incidents] = await Promise.all([getOptionalUser(request), openIncidentsForSupport()]);
  return {
    user: user
      ? {
          name: user.name,
          role: user.role,
          plan: user.account?.plan ?? null,
          canSeeStaffPages: can(user, "users:view"),
          canReviewForum: can(user, "forum:review"),
        }
      : null,
    // From the device's cookie or the account (app/lib/theme.ts); anonymous pages without the cookie all get "system".
    theme: resolveTheme(request.headers.get("cookie"), user?.theme),
    // PUBLIC_URL's origin, for absolute canonical and link-card URLs (never the request's Host).
    origin: publicOrigin,
    // The banner is the same for everyone; cached pages carry the `status` tag and go when an incident changes.
    incidents: incidents.map(({ id, title, statusLabel, url }) => ({ id, title, statusLabel, url })),
  };
}

type RootUser = Awaited<ReturnType<typeof loader>>["user"];

/**
 * The signed-in user for the header. When a data request fails (a client navigation whose
 * loaders error), root data is gone for that render; the user who was signed in a moment ago
 * still is, so the header keeps their name rather than offering "Sign in".
 */
// Browser only (one visitor per tab): the server never keeps a user between requests.
let lastKnownUser: RootUser = null;

function useHeaderUser(): RootUser {
  const data = useRouteLoaderData<typeof loader>("root");
  if (typeof document === "undefined") return data?.user ?? null;
  if (data) lastKnownUser = data.user;
  return data ? data.user : lastKnownUser;
}

/**
 * After a client-side navigation to another page, focus moves to the new page's h1, so a
 * screen reader announces where the customer landed (a full page load starts at the top anyway).
 */
function useFocusHeadingOnNavigation() {
  const location = useLocation();
  const previousPath = useRef(location.pathname);
  useEffect(() => {
    if (previousPath.current === location.pathname) return;
    previousPath.current = location.pathname;
    if (location.hash) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }, [location.pathname, location.hash]);
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const user = useHeaderUser();
  const rootData = useRouteLoaderData<typeof loader>("root");
  const incidents = rootData?.incidents ?? [];
  const theme = rootData?.theme ?? "system";
  useFocusHeadingOnNavigation();
  return (
    // The theme is in the server's HTML, so the first paint already has it (tailwind.css reads data-theme).
    <html lang="en" data-theme={theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content={colorSchemeOf(theme)} />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-sky-800 px-4 py-2 font-semibold text-white shadow-lg ring-2 ring-white focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:outline-2 focus:outline-offset-2 focus:outline-sky-800 dark:ring-slate-950 dark:focus:outline-sky-300"
        >
          Skip to content
        </a>
        <SiteHeader user={user} theme={theme} />
        <IncidentBanner incidents={incidents} />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
        {/* Live chat for signed-in customers; staff answer chats at /admin/chat. */}
        {user && !user.canSeeStaffPages ? <ChatLauncher signedIn /> : null}
        <ScrollRestoration nonce={nonce || undefined} />
        <Scripts nonce={nonce || undefined} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const location = useLocation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error) ? (error.data as { message?: unknown } | null)?.message : undefined;
  const title =
    status === 403 ? "You can’t open this page" : status === 500 ? "Something went wrong" : `Error ${status}`;
  return (
    <div className="mx-auto max-w-2xl py-12">
      <p className="text-sm font-semibold uppercase tracking-wide text-sky-700 dark:text-sky-400">Error {status}</p>
      <h1 className="mt-2 text-3xl font-bold">{title}</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        {typeof message === "string"
          ? message
          : status === 500
            ? "We could not show this page. Please try again in a moment; if it keeps happening, contact support."
            : "This request could not be completed."}
      </p>
      <p className="mt-6 flex flex-wrap items-center gap-4">
        {status >= 500 ? (
          // A full document load, so a failed data request is retried from scratch.
          <Link
            reloadDocument
            to={`${location.pathname}${location.search}`}
            className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800"
          >
            Try again
          </Link>
        ) : null}
        <a className="text-sky-700 underline dark:text-sky-400" href="/">
          Go to the help center home
        </a>
        {status === 403 ? (
          <a className="text-sky-700 underline dark:text-sky-400" href="/login">
            Sign in with another account
          </a>
        ) : null}
      </p>
    </div>
  );
}
