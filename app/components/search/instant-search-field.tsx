import { Form } from "@remix-run/react";
import type { KeyboardEvent, RefObject } from "react";

type FieldProps = {
  id: string;
  label: string;
  large: boolean;
  placeholder?: string;
  shortcuts: boolean;
  inputRef: RefObject<HTMLInputElement>;
  value: string;
  listboxId: string;
  expanded: boolean;
  activeDescendant: string | undefined;
  loading: boolean;
  onType: (text: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  onReopen: () => void;
  onSubmit: () => void;
};

/** A real GET form to /search, so the box works before hydration and without JavaScript. */
export function InstantSearchField({
  id,
  label,
  large,
  placeholder,
  shortcuts,
  inputRef,
  value,
  listboxId,
  expanded,
  activeDescendant,
  loading,
  onType,
  onKeyDown,
  onReopen,
  onSubmit,
}: FieldProps) {
  return (
    <Form
      method="get"
      action="/search"
      role="search"
      aria-label={label}
      className="flex w-full gap-2"
      onSubmit={onSubmit}
    >
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
          onChange={(event) => onType(event.target.value)}
          onKeyDown={onKeyDown}
          onClick={onReopen}
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
          aria-activedescendant={activeDescendant}
          aria-keyshortcuts={shortcuts ? "/ Control+K Meta+K" : undefined}
          className={`peer w-full rounded-md border border-slate-300 bg-white pl-3 pr-9 text-slate-900 placeholder:text-slate-500 focus:border-sky-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 dark:focus:border-sky-400 ${large ? "py-3 text-lg" : "py-2 text-base sm:py-1.5 sm:text-sm"}`}
        />
        <FieldAdornment loading={loading && expanded} shortcutHint={!value && shortcuts} />
      </div>
      <button
        type="submit"
        className={`rounded-md bg-sky-700 font-medium text-white hover:bg-sky-800 ${large ? "px-4 text-base sm:px-5 sm:text-lg" : "min-h-10 px-3 text-sm sm:min-h-0"}`}
      >
        Search
      </button>
    </Form>
  );
}

/** Inside the box's right edge: a spinner while suggestions load, and the "/" hint while it is empty. */
function FieldAdornment({ loading, shortcutHint }: { loading: boolean; shortcutHint: boolean }) {
  return (
    <>
      {loading ? (
        <span
          aria-hidden="true"
          data-testid="instant-search-spinner"
          className="pointer-events-none absolute right-2.5 top-1/2 size-4 -translate-y-1/2 animate-spin rounded-full border-2 border-slate-300 border-t-sky-700 dark:border-slate-600 dark:border-t-sky-400"
        />
      ) : null}
      {shortcutHint ? (
        <kbd
          aria-hidden="true"
          title="Press / or Ctrl-K to search"
          className="pointer-events-none absolute right-2 top-1/2 hidden -translate-y-1/2 rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs leading-5 text-slate-500 peer-focus:hidden sm:inline-block dark:border-slate-600 dark:bg-slate-800 dark:text-slate-400"
        >
          /
        </kbd>
      ) : null}
    </>
  );
}
