import { Form } from "@remix-run/react";

/** A plain GET form to /search, so searching works before (and without) JavaScript. */
export function SearchForm({
  defaultValue = "",
  size = "small",
  id = "site-search",
  label = "Search",
}: {
  defaultValue?: string;
  size?: "small" | "large";
  id?: string;
  /** Names the search landmark, so it differs from the header's "Site search". */
  label?: string;
}) {
  const large = size === "large";
  return (
    <Form method="get" action="/search" role="search" aria-label={label} className="flex w-full gap-2">
      <label htmlFor={id} className="sr-only">
        Search the help center
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={200}
        placeholder={large ? "Ask a question, e.g. “escalate a ticket”" : "Search help…"}
        className={`w-full rounded-md border border-slate-300 bg-white px-3 text-slate-900 placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 ${large ? "py-3 text-lg" : "py-1.5 text-sm"}`}
      />
      <button
        type="submit"
        className={`rounded-md bg-sky-700 font-medium text-white hover:bg-sky-800 ${large ? "px-5 text-lg" : "px-3 text-sm"}`}
      >
        Search
      </button>
    </Form>
  );
}
