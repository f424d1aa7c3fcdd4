import { useId, useRef } from "react";
import { useCloseOnOutsidePointer } from "./combobox-popup-effects";
import { InstantSearchField } from "./instant-search-field";
import { optionElementId } from "./instant-search-options";
import { InstantSearchPopup } from "./instant-search-popup";
import { useInstantSearchCombobox } from "./use-instant-search-combobox";
import { useSearchShortcuts } from "./use-search-shortcuts";

/**
 * The header's instant search: a WAI-ARIA 1.2 combobox over GET /api/search.
 *
 * It is a real GET form to /search first, so it works before hydration and
 * without JavaScript; once hydrated it suggests results as you type.
 *
 * `label` names the search landmark, so a page with two search boxes (the header's and the
 * home page's) tells them apart; `size="large"` is the home page's hero box.
 */
export function InstantSearch({
  id = "site-search",
  label = "Site search",
  size = "small",
  placeholder,
  shortcuts = true,
}: {
  id?: string;
  label?: string;
  size?: "small" | "large";
  placeholder?: string;
  /** Only one box on a page answers "/" and Ctrl-K. */
  shortcuts?: boolean;
}) {
  const large = size === "large";
  const baseId = `${id}-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const listboxId = `${baseId}-listbox`;
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const box = useInstantSearchCombobox(baseId);
  useSearchShortcuts(inputRef, shortcuts);
  useCloseOnOutsidePointer(rootRef, box.expanded, box.close);

  return (
    <div ref={rootRef} className="relative w-full">
      <InstantSearchField
        id={id}
        label={label}
        large={large}
        placeholder={placeholder}
        shortcuts={shortcuts}
        inputRef={inputRef}
        value={box.value}
        listboxId={listboxId}
        expanded={box.expanded}
        activeDescendant={box.activeOption ? optionElementId(baseId, box.options.indexOf(box.activeOption)) : undefined}
        loading={box.suggestions.loading}
        onType={box.onType}
        onKeyDown={box.onKeyDown}
        onReopen={box.reopen}
        onSubmit={box.close}
      />
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only">
        {box.liveMessage}
      </div>
      <InstantSearchPopup
        baseId={baseId}
        listboxId={listboxId}
        query={box.query}
        expanded={box.expanded}
        large={large}
        suggestions={box.suggestions}
        options={box.options}
        activeOption={box.activeOption}
        onOptionClick={box.onOptionClick}
      />
    </div>
  );
}
