import { isStopWord, MARK_CLOSE, MARK_OPEN, normaliseText } from "./text";

export type HighlightTerms = { terms: Set<string>; prefixes: string[]; phrases?: string[][] };

type Token = { start: number; end: number; word: string; matched: boolean };

const WORD = /[\p{L}\p{N}]+/gu;

function tokens(text: string, highlight: HighlightTerms): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normaliseText(match[0]);
    // A single letter or digit, or a stop word ("how", "do", "my"), is only ever marked inside a phrase: alone it
    // says nothing, and suggestions for a question typed as "How do I…" lit up every "how" and "do".
    const matched =
      word.length > 1 &&
      !isStopWord(word) &&
      (highlight.terms.has(word) || highlight.prefixes.some((prefix) => word.startsWith(prefix)));
    found.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, word, matched });
  }
  for (const phrase of highlight.phrases ?? []) {
    if (phrase.length === 0) continue;
    for (let index = 0; index + phrase.length <= found.length; index++) {
      if (phrase.every((part, offset) => found[index + offset].word === part)) {
        for (let offset = 0; offset < phrase.length; offset++) found[index + offset].matched = true;
      }
    }
  }
  return found;
}

function mark(text: string, list: Token[], from: number, to: number): string {
  let out = "";
  let cursor = from;
  for (const token of list) {
    if (!token.matched || token.start < from || token.end > to) continue;
    out += text.slice(cursor, token.start) + MARK_OPEN + text.slice(token.start, token.end) + MARK_CLOSE;
    cursor = token.end;
  }
  return out + text.slice(cursor, to);
}

/**
 * Marks the query's terms in stored text, in JavaScript: reading ten documents
 * by rowid and marking them costs far less than asking FTS5 to run the whole
 * MATCH again for highlight() and snippet().
 */
export function highlightAll(text: string, highlight: HighlightTerms): string {
  return mark(text, tokens(text, highlight), 0, text.length);
}

/** The window of about `words` words with the most matches, marked, with … where it was cut. */
export function snippet(text: string, highlight: HighlightTerms, words = 24): string {
  const list = tokens(text, highlight);
  if (list.length === 0) return "";
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let index = 0; index < list.length; index++) {
    if (list[index].matched) count++;
    if (index >= words && list[index - words].matched) count--;
    const start = Math.max(0, index - words + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const last = Math.min(list.length, best + words) - 1;
  const from = best === 0 ? 0 : list[best].start;
  const to = last === list.length - 1 ? text.length : list[last].end;
  return `${best > 0 ? "…" : ""}${mark(text, list, from, to).trim()}${to < text.length ? "…" : ""}`;
}
