import { useCallback, useState, type KeyboardEvent } from "react";
import { onComboboxKeyDown, steppedIndex } from "./combobox-keys";
import { useActiveOptionInView, useCloseOnNavigation } from "./combobox-popup-effects";
import { listOptions, liveMessageFor } from "./instant-search-options";
import { useInstantSuggestions } from "./use-instant-suggestions";
import { useOptionChoice } from "./use-option-choice";

/**
 * The state of one instant search box: the typed text, whether the popup is open, which option
 * is highlighted, and the suggestions for the text. `baseId` prefixes the options' element ids.
 */
export function useInstantSearchCombobox(baseId: string) {
  const [value, setValue] = useState("");
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const query = value.trim();
  const close = useCallback(() => {
    setOpen(false);
    setActiveIndex(-1);
  }, []);
  const forgetActive = useCallback(() => setActiveIndex(-1), []);

  const suggestions = useInstantSuggestions(query, forgetActive);
  useCloseOnNavigation(close);
  const expanded = open && query !== "";
  const options = listOptions(query, suggestions);
  const activeOption = expanded && activeIndex >= 0 && activeIndex < options.length ? options[activeIndex] : undefined;
  useActiveOptionInView(baseId, expanded, activeIndex);
  const { choose, onOptionClick } = useOptionChoice(query, suggestions.shown, close);

  function move(step: 1 | -1) {
    const count = options.length;
    if (expanded) {
      if (count > 0) setActiveIndex(steppedIndex(activeIndex, count, step));
    } else if (query) {
      setOpen(true);
      setActiveIndex(count > 0 ? steppedIndex(-1, count, step) : -1);
    }
  }

  function escape() {
    if (expanded) {
      close();
      return true;
    }
    if (!value) return false;
    setValue("");
    setActiveIndex(-1);
    return true;
  }

  return {
    value,
    query,
    expanded,
    suggestions,
    options,
    activeOption,
    liveMessage: liveMessageFor(expanded, query, suggestions),
    close,
    onOptionClick,
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) =>
      onComboboxKeyDown(event, { activeOption, move, choose, close, escape }),
    onType(text: string) {
      setValue(text);
      setOpen(true);
      setActiveIndex(-1);
    },
    reopen() {
      if (query) setOpen(true);
    },
  };
}
