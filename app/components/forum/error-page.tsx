import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { NotFound } from "~/components/not-found";

/** A forum page that could not be shown: 404s get the site's not-found page, other refusals their message. */
export function ForumErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const message =
    isRouteErrorResponse(error) && typeof (error.data as { message?: unknown } | null)?.message === "string"
      ? (error.data as { message: string }).message
      : "Something went wrong on our side. Please try again in a moment.";
  return (
    <div className="mx-auto max-w-2xl py-8">
      <p className="text-sm font-semibold uppercase tracking-wide text-sky-700 dark:text-sky-400">
        {isRouteErrorResponse(error) ? `Error ${error.status}` : "Error"}
      </p>
      <h1 className="mt-2 text-3xl font-bold">We couldn’t do that</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">{message}</p>
      <p className="mt-6">
        <Link to="/community" className="text-sky-700 underline dark:text-sky-400">
          Back to the community
        </Link>
      </p>
    </div>
  );
}
