import type { MouseEvent } from "react";
import { Highlighted } from "./highlighted";
import type { InstantSearchHit } from "./instant-search-client";
import type { SearchOption } from "./instant-search-options";

const TYPE_NAMES: Record<InstantSearchHit["type"], string> = {
  article: "Article",
  doc: "Doc",
  webinar: "Webinar",
  course: "Training",
  thread: "Community thread",
  idea: "Idea",
  page: "Account page",
  ticket: "Ticket",
};

/**
 * One option of the listbox: a real link (so it opens in a new tab too), never focused itself;
 * the box keeps focus and names the highlighted option with aria-activedescendant.
 */
export function InstantSearchOption({
  option,
  id,
  active,
  onClick,
}: {
  option: SearchOption;
  id: string;
  active: boolean;
  onClick: (event: MouseEvent<HTMLAnchorElement>, option: SearchOption) => void;
}) {
  const base =
    "flex min-h-11 flex-col justify-center gap-0.5 rounded-md px-3 py-2 text-left outline-none scroll-my-1 " +
    (active
      ? "bg-sky-100 text-slate-900 ring-2 ring-inset ring-sky-600 dark:bg-sky-900/60 dark:text-slate-50 dark:ring-sky-400"
      : "text-slate-900 hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800");
  return (
    <a
      id={id}
      href={option.url}
      role="option"
      aria-selected={active}
      tabIndex={-1}
      className={option.hit ? base : `${base} font-medium text-sky-800 dark:text-sky-300`}
      onMouseDown={(event) => event.preventDefault()}
      onClick={(event) => onClick(event, option)}
    >
      {option.hit ? <HitText hit={option.hit.hit} id={id} /> : <span>{option.label}</span>}
    </a>
  );
}

/** The accessible name is the whole option (type, title, section, snippet), the same text a sighted user reads. */
function HitText({ hit, id }: { hit: InstantSearchHit; id: string }) {
  return (
    <>
      <span id={`${id}-title`} className="font-medium text-sky-800 dark:text-sky-300">
        <span className="sr-only">{TYPE_NAMES[hit.type] ?? hit.type}: </span>
        <Highlighted html={hit.titleHighlighted || hit.title} />
        {hit.section ? <span className="font-normal text-slate-600 dark:text-slate-300"> › {hit.section}</span> : null}
      </span>
      {hit.snippet ? (
        <span id={`${id}-snippet`} className="line-clamp-2 text-sm text-slate-600 dark:text-slate-300">
          <span className="sr-only">. </span>
          <Highlighted html={hit.snippet} />
        </span>
      ) : null}
    </>
  );
}
