import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";
import { isSafeExternalUrl, sameSitePath, sendClickBeacon, type InstantSearchResponse } from "./instant-search-client";
import type { SearchOption } from "./instant-search-options";

/**
 * Following an option: the click is recorded for search analytics, the popup closes, and the
 * page changes in place (same-site) or the browser leaves for an http(s) address (anything else
 * is refused).
 */
export function useOptionChoice(query: string, shown: InstantSearchResponse | null, close: () => void) {
  const navigate = useNavigate();

  function recordClick(option: SearchOption) {
    if (option.hit) sendClickBeacon(shown?.query || query, option.hit.hit.id, option.hit.position);
  }

  function choose(option: SearchOption) {
    recordClick(option);
    close();
    const path = sameSitePath(option.url, window.location.origin);
    if (path) navigate(path);
    else if (isSafeExternalUrl(option.url)) window.location.assign(option.url);
  }

  function onOptionClick(event: MouseEvent<HTMLAnchorElement>, option: SearchOption) {
    // Let the browser open new tabs and windows; still record the click.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      recordClick(option);
      return;
    }
    event.preventDefault();
    choose(option);
  }

  return { choose, onOptionClick };
}
