/**
 * Word matching for "similar ideas" while a title is typed, and the plan weights of the staff
 * view. No imports: pure functions the unit tests call directly.
 */
const STOP_WORDS = new Set(
  "a an and are as at be by can could for from have how i in into is it its let me my of on or our please should so that the their them there this to us we when where which while who will with would you your add allow support feature option ability able make new".split(
    " ",
  ),
);

/** Lower-case content words of a title, lightly stemmed ("exports" and "export" match). */
export function titleWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2 && !STOP_WORDS.has(word))
    .map((word) => (word.length > 4 ? word.replace(/(ing|ed|es|s)$/, "") : word));
  return [...new Set(words)];
}

/** Share of the typed words found in the candidate (a word counts when one is a prefix of the other, for words still being typed). */
export function similarityScore(typed: readonly string[], candidate: readonly string[]): number {
  if (typed.length === 0 || candidate.length === 0) return 0;
  let shared = 0;
  for (const word of typed)
    if (
      candidate.some(
        (other) =>
          other === word ||
          (word.length >= 3 && other.startsWith(word)) ||
          (other.length >= 4 && word.startsWith(other)),
      )
    )
      shared++;
  return shared / Math.max(typed.length, Math.min(candidate.length, 3));
}

/** Staff view only: how much a vote from each plan weighs in "votes weighted by plan". Never changes the public count. */
export const PLAN_WEIGHTS = { none: 1, standard: 1, professional: 2, enterprise: 3 } as const;
