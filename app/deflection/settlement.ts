/**
 * Honest deflection, pure rules. A confirmed answer counts as deflected only when the
 * same person did not come back about the same problem (a ticket or a new contact flow with the
 * same words) within the hold period.
 */

const STOP_WORDS = new Set([
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "but",
  "by",
  "can",
  "cannot",
  "do",
  "does",
  "for",
  "from",
  "how",
  "i",
  "in",
  "is",
  "it",
  "its",
  "my",
  "no",
  "not",
  "of",
  "on",
  "or",
  "our",
  "so",
  "that",
  "the",
  "this",
  "to",
  "was",
  "we",
  "what",
  "when",
  "why",
  "with",
  "you",
  "your",
]);

/** The problem's words: lower-cased, without stop words or very short words, sorted and unique. */
export function normaliseProblem(text: string): string {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2 && !STOP_WORDS.has(word))
    .map((word) => (word.length > 4 && word.endsWith("s") ? word.slice(0, -1) : word));
  return [...new Set(words)].sort().join(" ");
}

/** Same problem: at least half of the words of the shorter description are shared. */
export function sameProblem(a: string, b: string): boolean {
  const left = new Set(a.split(" ").filter(Boolean));
  const right = new Set(b.split(" ").filter(Boolean));
  if (left.size === 0 || right.size === 0) return false;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / Math.min(left.size, right.size) >= 0.5;
}

export type LaterContact = { at: Date; query: string; ticketFromSameSearch?: boolean };

/**
 * Whether a confirmed deflection held: no later contact about the same problem within the hold
 * period (a ticket opened from the same search counts whatever its words).
 */
export function deflectionHeld(
  confirmed: { at: Date; query: string },
  later: readonly LaterContact[],
  holdDays: number,
): boolean {
  const end = confirmed.at.getTime() + holdDays * 24 * 60 * 60 * 1000;
  return !later.some(
    (contact) =>
      contact.at.getTime() > confirmed.at.getTime() &&
      contact.at.getTime() <= end &&
      (contact.ticketFromSameSearch || sameProblem(confirmed.query, contact.query)),
  );
}
