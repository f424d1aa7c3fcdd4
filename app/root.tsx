import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { getOptionalUser } from "./auth/guards.server";
import type { ReactNode } from "react";
import { useNonce } from "./components/nonce";
import { NotFound } from "./components/not-found";
import { SiteFooter } from "./components/site-footer";
import { SiteHeader } from "./components/site-header";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "TechFlow Help Center" },
  { name: "description", content: "Answers, docs and webinars for TechFlow Solutions customers." },
];

/** Anonymous visitors get the same root data, so their pages stay cacheable. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return { user: user ? { name: user.name, role: user.role, plan: user.account?.plan ?? null } : null };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only z-50 rounded bg-sky-700 px-4 py-2 text-white focus:not-sr-only focus:fixed focus:left-4 focus:top-4"
        >
          Skip to content
        </a>
        <SiteHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
          {children}
        </main>
        <SiteFooter />
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
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error) ? (error.data as { message?: unknown } | null)?.message : undefined;
  const title = status === 403 ? "You can’t open this page" : status === 500 ? "Something went wrong" : `Error ${status}`;
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
      <p className="mt-6 flex gap-4">
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
