import type { KeyboardEvent } from "react";
import type { SearchOption } from "./instant-search-options";

/** Where an arrow key moves the highlight: past the last option back to the first, and the other way round. */
export function steppedIndex(activeIndex: number, count: number, step: 1 | -1) {
  if (step === 1) return activeIndex < 0 || activeIndex >= count - 1 ? 0 : activeIndex + 1;
  return activeIndex <= 0 || activeIndex >= count ? count - 1 : activeIndex - 1;
}

/** What the search box's keys can do to the combobox. */
export type ComboboxKeyActions = {
  activeOption: SearchOption | undefined;
  /** Opens the popup, or moves the highlight when it is open. */
  move(step: 1 | -1): void;
  choose(option: SearchOption): void;
  close(): void;
  /** Closes the popup, or else empties the box; false when there was nothing to do. */
  escape(): boolean;
};

/** The WAI-ARIA combobox keys: arrows, Enter, Escape, and Tab (which leaves and closes). */
export function onComboboxKeyDown(event: KeyboardEvent<HTMLInputElement>, actions: ComboboxKeyActions) {
  if (event.nativeEvent.isComposing) return;
  switch (event.key) {
    case "ArrowDown":
    case "ArrowUp":
      event.preventDefault();
      actions.move(event.key === "ArrowDown" ? 1 : -1);
      return;
    case "Enter":
      if (actions.activeOption) {
        event.preventDefault();
        actions.choose(actions.activeOption);
      } else {
        actions.close(); // The form submits to /search.
      }
      return;
    case "Escape":
      if (actions.escape()) event.preventDefault();
      return;
    case "Tab":
      actions.close();
      return;
  }
}
