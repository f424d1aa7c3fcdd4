import type { MouseEvent } from "react";
import { InstantSearchOption } from "./instant-search-option";
import { optionElementId, type SearchOption } from "./instant-search-options";
import type { SuggestionsView } from "./use-instant-suggestions";

type PopupProps = {
  baseId: string;
  listboxId: string;
  query: string;
  expanded: boolean;
  large: boolean;
  suggestions: SuggestionsView;
  options: SearchOption[];
  activeOption: SearchOption | undefined;
  onOptionClick: (event: MouseEvent<HTMLAnchorElement>, option: SearchOption) => void;
};

/** The popup under the box: what happened (a correction, no results, an error, loading), then the listbox. */
export function InstantSearchPopup({
  baseId,
  listboxId,
  query,
  expanded,
  large,
  suggestions,
  options,
  activeOption,
  onOptionClick,
}: PopupProps) {
  const { shown, noResults, currentError, loading, groups } = suggestions;
  const option = (entry: SearchOption) => (
    <InstantSearchOption
      key={entry.key}
      option={entry}
      id={optionElementId(baseId, options.indexOf(entry))}
      active={activeOption === entry}
      onClick={onOptionClick}
    />
  );
  const links = options.filter((entry) => !entry.hit);
  return (
    <div
      hidden={!expanded}
      data-testid="instant-search-popup"
      className={`absolute left-0 right-0 top-full z-30 mt-1 max-h-[min(70vh,34rem)] overflow-y-auto overscroll-contain rounded-lg border border-slate-200 bg-white p-1 text-left text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900 ${large ? "" : "sm:left-auto sm:w-[32rem] sm:max-w-[calc(100vw-2rem)]"}`}
    >
      {shown?.correctedQuery && !noResults ? (
        <p className="px-3 pb-1 pt-2 text-slate-700 dark:text-slate-300">
          Showing results for <strong className="font-semibold">“{shown.correctedQuery}”</strong>
        </p>
      ) : null}
      {noResults ? (
        <p className="px-3 pb-1 pt-2 text-slate-700 dark:text-slate-300">
          No results for “{query}”. Try different words, or:
        </p>
      ) : null}
      {currentError ? <p className="px-3 pb-1 pt-2 text-red-700 dark:text-red-400">{currentError}</p> : null}
      {loading && !shown ? <p className="px-3 py-2 text-slate-600 dark:text-slate-300">Searching…</p> : null}
      <div id={listboxId} role="listbox" aria-label="Search suggestions" aria-busy={loading}>
        {groups.map((group) => (
          <div key={group.type} role="group" aria-labelledby={`${baseId}-group-${group.type}`}>
            <div
              role="presentation"
              id={`${baseId}-group-${group.type}`}
              className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
            >
              {group.label}
            </div>
            {group.hits.map((entry) => option(options.find((candidate) => candidate.hit === entry)!))}
          </div>
        ))}
        {links.length > 0 ? (
          <div
            role="none"
            className={groups.length > 0 ? "mt-1 border-t border-slate-200 pt-1 dark:border-slate-700" : ""}
          >
            {links.map(option)}
          </div>
        ) : null}
      </div>
    </div>
  );
}
