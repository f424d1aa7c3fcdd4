import type { ReactNode } from "react";
import { COMMUNITY_URL, CONTACT_SUPPORT_URL, searchPageUrl, type InstantSearchHit } from "./instant-search-client";
import type { SuggestionsView } from "./use-instant-suggestions";

/** One entry of the listbox: a search hit, or a link (all results, ask the community, contact support). */
export type SearchOption = {
  key: string;
  url: string;
  hit?: { hit: InstantSearchHit; position: number };
  label?: ReactNode;
};

/** The element id of the option at `index`, which aria-activedescendant names. */
export function optionElementId(baseId: string, index: number) {
  return `${baseId}-option-${index}`;
}

const NO_RESULTS_HELP: SearchOption[] = [
  { key: "community", url: COMMUNITY_URL, label: "Ask the community" },
  { key: "support", url: CONTACT_SUPPORT_URL, label: "Contact support" },
];

/** Every option in the order the arrow keys walk them: the grouped hits, then the links below them. */
export function listOptions(query: string, view: SuggestionsView): SearchOption[] {
  const options: SearchOption[] = [];
  for (const group of view.groups)
    for (const entry of group.hits) options.push({ key: entry.hit.id, url: entry.hit.url, hit: entry });
  if (view.noResults) {
    options.push({ key: "all", url: searchPageUrl(query), label: <>Search all pages for “{query}”</> });
    for (const help of NO_RESULTS_HELP) options.push(help);
  } else if (view.shown || view.currentError) {
    options.push({ key: "all", url: searchPageUrl(query), label: <>See all results for “{query}”</> });
  }
  return options;
}

/** What the polite live region says about the open popup (nothing while it is closed). */
export function liveMessageFor(expanded: boolean, query: string, { current, currentError }: SuggestionsView): string {
  if (!expanded) return "";
  if (!current) return currentError ?? "";
  const count = current.hits.length;
  if (count === 0) return `No results for “${query}”.`;
  return `${count} ${count === 1 ? "result" : "results"} available${current.totalHits > count ? ` of ${current.totalHits}${current.exhaustiveCounts === false ? " or more" : ""}` : ""}. Use the up and down arrow keys to review.`;
}
