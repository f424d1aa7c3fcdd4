import { SYNONYM_GROUPS } from "./settings";
import { ftsString, queryWords, tokenize } from "./text";
import type { Vocabulary } from "./vocabulary";

/**
 * Turns what a customer typed into an FTS5 MATCH expression built only from
 * quoted terms, so no input is ever read as FTS5 syntax. Each word becomes a
 * group of alternatives: the word itself, indexed words with the same stem,
 * a prefix while the last word is still being typed, near spellings when the
 * word is not in the index, and synonyms.
 */
export type QueryPlan = {
  /** MATCH expression requiring every group; null when the query has no searchable words. */
  all: string | null;
  /** MATCH expression accepting any group: the fallback when requiring all finds nothing. */
  any: string | null;
  /** The query with typo corrections applied, when any were made. */
  corrected: string | null;
  words: string[];
  /** What a hit may contain, for highlighting: whole terms and prefixes (phrases as their words). */
  highlight: { terms: Set<string>; prefixes: string[] };
};

const SYNONYM_PHRASES = SYNONYM_GROUPS.map((group) => group.map((entry) => tokenize(entry)));

function synonymAlternatives(words: string[], start: number): { length: number; phrases: string[][] } | null {
  let best: { length: number; phrases: string[][] } | null = null;
  for (const group of SYNONYM_PHRASES) {
    for (const phrase of group) {
      const fits = phrase.length > 0 && phrase.every((part, index) => words[start + index] === part);
      if (fits && (!best || phrase.length > best.length)) best = { length: phrase.length, phrases: group };
    }
  }
  return best;
}

export function planQuery(rawQuery: string, vocabulary: Vocabulary, { prefixLastWord = true } = {}): QueryPlan {
  const words = queryWords(rawQuery);
  const typingLastWord = prefixLastWord && !/\s$/.test(rawQuery);
  const groups: string[] = [];
  const correctedWords: string[] = [];
  const highlight = { terms: new Set<string>(), prefixes: [] as string[] };
  let corrected = false;

  for (let index = 0; index < words.length; ) {
    const synonyms = synonymAlternatives(words, index);
    const span = synonyms?.length ?? 1;
    const word = words[index];
    const isLast = index + span >= words.length;
    const alternatives = new Set<string>();
    const addTerm = (term: string) => {
      alternatives.add(ftsString(term));
      highlight.terms.add(term);
    };
    if (span === 1) {
      addTerm(word);
      for (const sibling of vocabulary.sameStem(word)) addTerm(sibling);
      // A complete indexed word needs no prefix: its stem siblings already cover its other forms.
      const stillTyping = isLast && typingLastWord && word.length >= 2 && !vocabulary.has(word) && vocabulary.hasPrefix(word);
      if (stillTyping) {
        alternatives.add(`${ftsString(word)}*`);
        highlight.prefixes.push(word);
      }
      const known = vocabulary.has(word) || vocabulary.sameStem(word).length > 0 || stillTyping;
      const near = known ? [] : vocabulary.nearSpellings(word);
      for (const term of near) {
        addTerm(term);
        for (const sibling of vocabulary.sameStem(term, 4)) addTerm(sibling);
      }
      if (near.length > 0) corrected = true;
      correctedWords.push(near[0] ?? word);
    } else {
      correctedWords.push(...words.slice(index, index + span));
    }
    for (const phrase of synonyms?.phrases ?? []) {
      alternatives.add(ftsString(phrase.join(" ")));
      for (const part of phrase) highlight.terms.add(part);
      if (phrase.length === 1) for (const sibling of vocabulary.sameStem(phrase[0], 4)) addTerm(sibling);
    }
    groups.push(alternatives.size === 1 ? [...alternatives][0] : `(${[...alternatives].join(" OR ")})`);
    index += span;
  }

  if (groups.length === 0) return { all: null, any: null, corrected: null, words, highlight };
  return {
    all: groups.join(" AND "),
    any: groups.length > 1 ? groups.join(" OR ") : null,
    corrected: corrected ? correctedWords.join(" ") : null,
    words,
    highlight,
  };
}
