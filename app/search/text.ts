import { stemmer } from "stemmer";
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, TYPO_TOLERANCE } from "./settings";

/**
 * Text handling shared by the embedded engine and its tests. Tokens follow
 * FTS5's `unicode61 remove_diacritics 2` tokenizer: letters and digits,
 * lower-cased, accents removed.
 */

export function normaliseText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

export function tokenize(text: string): string[] {
  return normaliseText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The query as we store and log it: cut to a sane length, spacing collapsed, lower-cased. */
export function normaliseQuery(query: string): string {
  return query
    .slice(0, MAX_QUERY_LENGTH * 2)
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_QUERY_LENGTH)
    .toLowerCase();
}

export function queryWords(query: string): string[] {
  return tokenize(query.slice(0, MAX_QUERY_LENGTH)).slice(0, MAX_QUERY_WORDS);
}

export function stem(word: string): string {
  return /^\p{N}+$/u.test(word) ? word : stemmer(word);
}

export function allowedTypos(word: string): number {
  if (/\p{N}/u.test(word)) return 0;
  if (word.length >= TYPO_TOLERANCE.twoTyposMinLength) return 2;
  if (word.length >= TYPO_TOLERANCE.oneTypoMinLength) return 1;
  return 0;
}

/** Damerau–Levenshtein (optimal string alignment) distance, giving up once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, previousPrevious[j - 2] + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Marker characters that cannot occur in indexed text; replaced by <mark> after escaping. */
export const MARK_OPEN = "\u0002";
export const MARK_CLOSE = "\u0003";

export function markedToHtml(marked: string): string {
  return escapeHtml(marked).replaceAll(MARK_OPEN, "<mark>").replaceAll(MARK_CLOSE, "</mark>");
}

/** Quotes a term or phrase for an FTS5 MATCH expression, so no user text is ever read as syntax. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Words that carry no topic in a customer's question ("how do I reset my
 * password"). They are dropped from a query that has other words, so a section
 * is not chosen for containing "how", "do" and "my".
 */
const STOP_WORDS = new Set(
  "a an the and or of to in on at by for from with about into is are was were be been am do does did can could will would should shall may might must i me my mine we us our you your yours it its this that these those there here what which who whom whose when where why how if then so than not no yes please".split(
    " ",
  ),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
