import { useEffect, type RefObject } from "react";

/** Where "/" must keep typing a slash rather than jump to the search box. */
function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null;
}

/** "/" (outside text fields) and Ctrl-K / ⌘-K (anywhere) focus the box; only one box on a page listens. */
export function useSearchShortcuts(inputRef: RefObject<HTMLInputElement>, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: globalThis.KeyboardEvent) {
      if (event.isComposing) return;
      const input = inputRef.current;
      if (!input) return;
      const commandK =
        (event.key === "k" || event.key === "K") &&
        (event.ctrlKey || event.metaKey) &&
        !event.altKey &&
        !event.shiftKey;
      const slash =
        event.key === "/" &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !event.defaultPrevented &&
        !isEditableTarget(event.target);
      if (!commandK && !slash) return;
      event.preventDefault();
      input.focus();
      input.select();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled, inputRef]);
}
