import { Form, useLocation, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { Highlighted } from "./highlighted";
import {
  COMMUNITY_URL,
  CONTACT_SUPPORT_URL,
  INSTANT_SEARCH_DEBOUNCE_MS,
  InstantSearchError,
  fetchSuggestions,
  groupHits,
  isSafeExternalUrl,
  sameSitePath,
  searchPageUrl,
  sendClickBeacon,
  type InstantSearchHit,
  type InstantSearchResponse,
} from "./instant-search-client";

/**
 * The header's instant search: a WAI-ARIA 1.2 combobox over GET /api/search.
 *
 * It is a real GET form to /search first, so it works before hydration and
 * without JavaScript; once hydrated it suggests results as you type.
 */

type Option = { key: string; url: string; hit?: { hit: InstantSearchHit; position: number }; label?: ReactNode };

const CACHE_SIZE = 30;
const NO_RESULTS_HELP = [
  { key: "community", url: COMMUNITY_URL, label: "Ask the community" },
  { key: "support", url: CONTACT_SUPPORT_URL, label: "Contact support" },
];

/** Where "/" must keep typing a slash rather than jump to the search box. */
function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null;
}


const TYPE_NAMES: Record<InstantSearchHit["type"], string> = { article: "Article", doc: "Doc", webinar: "Webinar", thread: "Community thread", idea: "Idea", page: "Account page", ticket: "Ticket" };

/**
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
  const optionId = (index: number) => `${baseId}-option-${index}`;

  const navigate = useNavigate();
  const location = useLocation();
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const cacheRef = useRef(new Map<string, InstantSearchResponse>());

  const [value, setValue] = useState("");
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ text: string; data: InstantSearchResponse } | null>(null);
  const [error, setError] = useState<{ text: string; message: string } | null>(null);
  const [activeIndex, setActiveIndex] = useState(-1);

  const query = value.trim();

  // Debounced fetch; the cleanup aborts the request for text that is no longer current.
  useEffect(() => {
    if (!query) return;
    const cached = cacheRef.current.get(query);
    if (cached) {
      setResult({ text: query, data: cached });
      setError(null);
      setActiveIndex(-1);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      fetchSuggestions(query, controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          const cache = cacheRef.current;
          cache.set(query, data);
          if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
          setResult({ text: query, data });
          setError(null);
          setActiveIndex(-1);
        },
        (reason: unknown) => {
          if (controller.signal.aborted) return;
          const message = reason instanceof InstantSearchError ? reason.message : "Search is unavailable right now. Check your connection and try again.";
          setError({ text: query, message });
          setActiveIndex(-1);
        },
      );
    }, INSTANT_SEARCH_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  // A navigation (a chosen result, the back button) closes the popup.
  useEffect(() => {
    setOpen(false);
    setActiveIndex(-1);
  }, [location.key]);

  // "/" (outside text fields) and Ctrl-K / ⌘-K (anywhere) focus the box.
  useEffect(() => {
    if (!shortcuts) return;
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.isComposing) return;
      const input = inputRef.current;
      if (!input) return;
      const commandK = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !event.defaultPrevented && !isEditableTarget(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      input.focus();
      input.select();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [shortcuts]);

  const expanded = open && query !== "";

  // Outside clicks and taps close the popup.
  useEffect(() => {
    if (!expanded) return;
    function onPointerDown(event: PointerEvent) {
      if (rootRef.current && event.target instanceof Node && !rootRef.current.contains(event.target)) {
        setOpen(false);
        setActiveIndex(-1);
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [expanded]);

  const current = query && result?.text === query ? result.data : null;
  const currentError = query && !current && error?.text === query ? error.message : null;
  const loading = query !== "" && !current && !currentError;
  // While the next answer loads, the previous one stays on screen rather than flickering away.
  const shown = current ?? (loading && result ? result.data : null);
  const groups = shown ? groupHits(shown.hits) : [];
  const noResults = current !== null && current.hits.length === 0;

  const options: Option[] = [];
  for (const group of groups) for (const entry of group.hits) options.push({ key: entry.hit.id, url: entry.hit.url, hit: entry });
  if (noResults) {
    options.push({ key: "all", url: searchPageUrl(query), label: <>Search all pages for “{query}”</> });
    for (const help of NO_RESULTS_HELP) options.push(help);
  } else if (shown || currentError) {
    options.push({ key: "all", url: searchPageUrl(query), label: <>See all results for “{query}”</> });
  }
  const activeOption = expanded && activeIndex >= 0 && activeIndex < options.length ? options[activeIndex] : undefined;

  // Keep the active option in view when arrowing through a scrolled popup.
  useEffect(() => {
    if (!expanded || activeIndex < 0) return;
    document.getElementById(`${baseId}-option-${activeIndex}`)?.scrollIntoView({ block: "nearest" });
  }, [expanded, activeIndex, baseId]);

  const close = useCallback(() => {
    setOpen(false);
    setActiveIndex(-1);
  }, []);

  function go(url: string) {
    const path = sameSitePath(url, window.location.origin);
    if (path) navigate(path);
    else if (isSafeExternalUrl(url)) window.location.assign(url);
  }

  function choose(option: Option) {
    if (option.hit) sendClickBeacon(shown?.query || query, option.hit.hit.id, option.hit.position);
    close();
    go(option.url);
  }

  function onInputKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    const count = options.length;
    switch (event.key) {
      case "ArrowDown": {
        event.preventDefault();
        if (!expanded) {
          if (!query) return;
          setOpen(true);
          setActiveIndex(count > 0 ? 0 : -1);
          return;
        }
        if (count > 0) setActiveIndex(activeIndex < 0 || activeIndex >= count - 1 ? 0 : activeIndex + 1);
        return;
      }
      case "ArrowUp": {
        event.preventDefault();
        if (!expanded) {
          if (!query) return;
          setOpen(true);
          setActiveIndex(count > 0 ? count - 1 : -1);
          return;
        }
        if (count > 0) setActiveIndex(activeIndex <= 0 || activeIndex >= count ? count - 1 : activeIndex - 1);
        return;
      }
      case "Enter": {
        if (activeOption) {
          event.preventDefault();
          choose(activeOption);
        } else {
          close(); // The form submits to /search.
        }
        return;
      }
      case "Escape": {
        if (expanded) {
          event.preventDefault();
          close();
        } else if (value) {
          event.preventDefault();
          setValue("");
          setActiveIndex(-1);
        }
        return;
      }
      case "Tab":
        close();
        return;
    }
  }

  function onOptionClick(event: MouseEvent<HTMLAnchorElement>, option: Option) {
    // Let the browser open new tabs and windows; still record the click.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      if (option.hit) sendClickBeacon(shown?.query || query, option.hit.hit.id, option.hit.position);
      return;
    }
    event.preventDefault();
    choose(option);
  }

  const liveMessage = !expanded
    ? ""
    : current
      ? current.hits.length === 0
        ? `No results for “${query}”.`
        : `${current.hits.length} ${current.hits.length === 1 ? "result" : "results"} available${current.totalHits > current.hits.length ? ` of ${current.totalHits}` : ""}. Use the up and down arrow keys to review.`
      : currentError ?? "";

  function renderOption(option: Option) {
    const index = options.indexOf(option);
    const active = activeOption === option;
    const optId = optionId(index);
    const base =
      "flex min-h-11 flex-col justify-center gap-0.5 rounded-md px-3 py-2 text-left outline-none scroll-my-1 " +
      (active
        ? "bg-sky-100 text-slate-900 ring-2 ring-inset ring-sky-600 dark:bg-sky-900/60 dark:text-slate-50 dark:ring-sky-400"
        : "text-slate-900 hover:bg-slate-100 dark:text-slate-100 dark:hover:bg-slate-800");
    if (option.hit) {
      const { hit } = option.hit;
      return (
        <a
          key={option.key}
          id={optId}
          href={option.url}
          role="option"
          aria-selected={active}
          tabIndex={-1}
          className={base}
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => onOptionClick(event, option)}
        >
          {/* The accessible name is the whole option (type, title, section, snippet), the same text a sighted user reads. */}
          <span id={`${optId}-title`} className="font-medium text-sky-800 dark:text-sky-300">
            <span className="sr-only">{TYPE_NAMES[hit.type] ?? hit.type}: </span>
            <Highlighted html={hit.titleHighlighted || hit.title} />
            {hit.section ? <span className="font-normal text-slate-600 dark:text-slate-300"> › {hit.section}</span> : null}
          </span>
          {hit.snippet ? (
            <span id={`${optId}-snippet`} className="line-clamp-2 text-sm text-slate-600 dark:text-slate-300">
              <span className="sr-only">. </span>
              <Highlighted html={hit.snippet} />
            </span>
          ) : null}
        </a>
      );
    }
    return (
      <a
        key={option.key}
        id={optId}
        href={option.url}
        role="option"
        aria-selected={active}
        tabIndex={-1}
        className={`${base} font-medium text-sky-800 dark:text-sky-300`}
        onMouseDown={(event) => event.preventDefault()}
        onClick={(event) => onOptionClick(event, option)}
      >
        <span>{option.label}</span>
      </a>
    );
  }

  return (
    <div ref={rootRef} className="relative w-full">
      <Form method="get" action="/search" role="search" aria-label={label} className="flex w-full gap-2" onSubmit={close}>
        <label htmlFor={id} className="sr-only">
          Search the help center
        </label>
        <div className="relative flex-1">
          <input
            ref={inputRef}
            id={id}
            name="q"
            type="search"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setOpen(true);
              setActiveIndex(-1);
            }}
            onKeyDown={onInputKeyDown}
            onClick={() => {
              if (query) setOpen(true);
            }}
            maxLength={200}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="search"
            placeholder={placeholder ?? (large ? "Ask a question…" : "Search help…")}
            role="combobox"
            aria-expanded={expanded}
            aria-controls={listboxId}
            aria-autocomplete="list"
            aria-haspopup="listbox"
            aria-activedescendant={activeOption ? optionId(options.indexOf(activeOption)) : undefined}
            aria-keyshortcuts={shortcuts ? "/ Control+K Meta+K" : undefined}
            className={`peer w-full rounded-md border border-slate-300 bg-white pl-3 pr-9 text-slate-900 placeholder:text-slate-500 focus:border-sky-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 dark:focus:border-sky-400 ${large ? "py-3 text-lg" : "py-2 text-base sm:py-1.5 sm:text-sm"}`}
          />
          {loading && expanded ? (
            <span
              aria-hidden="true"
              data-testid="instant-search-spinner"
              className="pointer-events-none absolute right-2.5 top-1/2 size-4 -translate-y-1/2 animate-spin rounded-full border-2 border-slate-300 border-t-sky-700 dark:border-slate-600 dark:border-t-sky-400"
            />
          ) : null}
          {value || !shortcuts ? null : (
            <kbd
              aria-hidden="true"
              title="Press / or Ctrl-K to search"
              className="pointer-events-none absolute right-2 top-1/2 hidden -translate-y-1/2 rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs leading-5 text-slate-500 peer-focus:hidden sm:inline-block dark:border-slate-600 dark:bg-slate-800 dark:text-slate-400"
            >
              /
            </kbd>
          )}
        </div>
        <button
          type="submit"
          className={`rounded-md bg-sky-700 font-medium text-white hover:bg-sky-800 ${large ? "px-4 text-base sm:px-5 sm:text-lg" : "min-h-10 px-3 text-sm sm:min-h-0"}`}
        >
          Search
        </button>
      </Form>

      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only">
        {liveMessage}
      </div>

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
              {group.hits.map((entry) => renderOption(options.find((option) => option.hit === entry)!))}
            </div>
          ))}
          {options.filter((option) => !option.hit).length > 0 ? (
            <div role="none" className={groups.length > 0 ? "mt-1 border-t border-slate-200 pt-1 dark:border-slate-700" : ""}>
              {options.filter((option) => !option.hit).map((option) => renderOption(option))}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
