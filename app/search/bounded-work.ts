import type { QueryPlan } from "./query-plan";
import type { Vocabulary } from "./vocabulary";

/**
 * When a search ranks every match and when a bounded candidate set (decision record 023), alike for the
 * embedded and PostgreSQL engines: both rank by reading every document of every alternative of the query,
 * which the vocabulary's document counts measure before the search runs.
 */

/** Documents summed over a query's alternatives above which FTS5's exact ranking is replaced by the bounded one. */
export const EXACT_WORK = 2000;
/** Matching sections a bounded search reads (per query group for the "some of the words" fallback). */
export const CANDIDATE_CAP = 1000;
/** What an engine reads to rank every match of a plan: the documents of every alternative of every group, from the vocabulary. */
export function rankingWork(plan: Pick<QueryPlan, "groups">, vocabulary: Vocabulary): number {
  let work = 0;
  for (const group of plan.groups) {
    for (const term of group.terms) work += vocabulary.documents(term);
    for (const phrase of group.phrases) work += Math.min(...phrase.map((word) => vocabulary.documents(word)));
    if (group.prefix) work += vocabulary.prefixCompletions(group.prefix, 0).documents;
  }
  return work;
}
