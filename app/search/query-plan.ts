import type { SynonymGroups } from "./settings";
import { ftsString, isStopWord, queryWords, stem, tokenize } from "./text";
import type { Vocabulary } from "./vocabulary";

/**
 * Turns what a customer typed into an FTS5 MATCH expression built only from
 * quoted terms, so no input is ever read as FTS5 syntax. Each word becomes a
 * group of alternatives: the word itself, indexed words of the same Porter
 * stem that are its inflections (decision record 009), a prefix while the last
 * word is still being typed, near spellings when the word is not in the index,
 * run-together words split ("livechat"), and synonyms. Stop words ("how do I")
 * are left out when the query has other words.
 */
export type QueryGroup = {
  /** Single words that satisfy this group. */
  terms: Set<string>;
  /** Word sequences that satisfy this group (synonym phrases). */
  phrases: string[][];
  /** A prefix that satisfies it while the word is being typed. */
  prefix: string | null;
};

export type HighlightPlan = {
  /** Words marked wherever they occur. */
  terms: Set<string>;
  prefixes: string[];
  /** Sequences marked only as a whole ("priority 1"), so a lone "1" is never marked. */
  phrases: string[][];
};

export type QueryPlan = {
  /** MATCH expression requiring every group; null when the query has no searchable words. */
  all: string | null;
  /** MATCH expression accepting any group: the fallback when requiring all finds nothing. */
  any: string | null;
  /** The query with typo corrections and splits applied, when any were made. */
  corrected: string | null;
  words: string[];
  groups: QueryGroup[];
  highlight: HighlightPlan;
};

/** Synonym groups as word sequences, tokenized once per set of groups (they change only when the file does). */
const tokenizedGroups = new WeakMap<SynonymGroups, string[][][]>();
function synonymPhrases(groups: SynonymGroups): string[][][] {
  let phrases = tokenizedGroups.get(groups);
  if (!phrases) {
    phrases = groups.map((group) => group.map((entry) => tokenize(entry)));
    tokenizedGroups.set(groups, phrases);
  }
  return phrases;
}

function synonymAlternatives(
  synonyms: string[][][],
  words: string[],
  start: number,
): { length: number; phrases: string[][] } | null {
  let best: { length: number; phrases: string[][] } | null = null;
  for (const group of synonyms) {
    for (const phrase of group) {
      const fits = phrase.length > 0 && phrase.every((part, index) => words[start + index] === part);
      if (fits && (!best || phrase.length > best.length)) best = { length: phrase.length, phrases: group };
    }
  }
  return best;
}

/**
 * Endings that keep a word's meaning: plurals, tenses and the -ation/-ate
 * family ("escalate", "escalation"). Porter also strips endings that change it
 * ("responsible" and "response" share the stem "respons"); those siblings are
 * left out.
 */
const INFLECTIONS = new Set([
  "",
  "s",
  "es",
  "e",
  "ed",
  "d",
  "ing",
  "er",
  "ers",
  "y",
  "ies",
  "ied",
  "ion",
  "ions",
  "ation",
  "ations",
  "ate",
  "ates",
  "ated",
  "ating",
  "ment",
  "ments",
  "al",
  "ally",
  "ly",
  "ity",
  "ities",
]);

function ending(word: string, root: string): string {
  let common = 0;
  while (common < word.length && common < root.length && word[common] === root[common]) common++;
  const rest = word.slice(common);
  // "resetting": the doubled consonant belongs to the ending.
  return rest.length > 1 && rest[0] === word[common - 1] ? rest.slice(1) : rest;
}

export function isInflectionOf(candidate: string, word: string): boolean {
  if (candidate === word) return true;
  const root = stem(word);
  if (stem(candidate) !== root) return false;
  return INFLECTIONS.has(ending(candidate, root)) && INFLECTIONS.has(ending(word, root));
}

function inflections(vocabulary: Vocabulary, word: string, limit = 12): string[] {
  return vocabulary
    .sameStem(word, 30)
    .filter((sibling) => isInflectionOf(sibling, word))
    .slice(0, limit);
}

function known(vocabulary: Vocabulary, word: string) {
  return vocabulary.has(word) || vocabulary.sameStem(word).length > 0;
}

/** "livechat" → ["live", "chat"] when both halves are indexed words; the most common pair wins. */
function splitRunTogether(vocabulary: Vocabulary, word: string, minPart: number): string[] | null {
  let best: { parts: string[]; score: number } | null = null;
  for (let cut = minPart; cut <= word.length - minPart; cut++) {
    const left = word.slice(0, cut);
    const right = word.slice(cut);
    if (!vocabulary.has(left) || !known(vocabulary, right)) continue;
    const score = Math.min(vocabulary.documents(left), Math.max(vocabulary.documents(right), 1));
    if (!best || score > best.score) best = { parts: [left, right], score };
  }
  return best?.parts ?? null;
}

export type PlanOptions = {
  /** The writers' synonym groups (content/search/synonyms.yml); none when not given. */
  synonyms?: SynonymGroups;
  /** Treat the last word as still being typed unless the query ends with a space. */
  prefixLastWord?: boolean;
};

export function planQuery(
  rawQuery: string,
  vocabulary: Vocabulary,
  { synonyms = [], prefixLastWord = true }: PlanOptions = {},
): QueryPlan {
  const synonymGroups = synonymPhrases(synonyms);
  const typed = queryWords(rawQuery);
  const typingLastWord = prefixLastWord && !/\s$/.test(rawQuery);
  let corrected = false;

  // Run-together words first, so "livechat" can then meet the "live chat" synonym.
  const words: string[] = [];
  typed.forEach((word, index) => {
    const isLast = index === typed.length - 1;
    const mayBeTyping = isLast && typingLastWord && vocabulary.hasPrefix(word);
    if (word.length >= 6 && !known(vocabulary, word) && !mayBeTyping) {
      const parts =
        splitRunTogether(vocabulary, word, 3) ??
        (vocabulary.nearSpellings(word).length === 0 ? splitRunTogether(vocabulary, word, 2) : null);
      if (parts) {
        words.push(...parts);
        corrected = true;
        return;
      }
    }
    words.push(word);
  });

  const meaningful = words.some((word) => !isStopWord(word));
  const groups: QueryGroup[] = [];
  const expressions: string[] = [];
  const correctedWords: string[] = [];
  const highlight: HighlightPlan = { terms: new Set<string>(), prefixes: [], phrases: [] };
  // Consecutive query words are also marked as a phrase, so "priority 1" marks "Priority 1" but no lone "1".
  let run: string[] = [];
  const endRun = () => {
    // A run of stop words only ("how do i", typed before the question's real words) is not worth marking.
    if (run.length > 1 && run.some((word) => !isStopWord(word))) highlight.phrases.push(run);
    run = [];
  };
  const markTerm = (term: string) => {
    if (term.length > 1) highlight.terms.add(term);
  };

  for (let index = 0; index < words.length;) {
    const synonyms = synonymAlternatives(synonymGroups, words, index);
    const span = synonyms?.length ?? 1;
    const word = words[index];
    if (span === 1 && meaningful && isStopWord(word)) {
      correctedWords.push(word);
      endRun();
      index += 1;
      continue;
    }
    const isLast = index + span >= words.length;
    const group: QueryGroup = { terms: new Set(), phrases: [], prefix: null };
    const alternatives = new Set<string>();
    const addTerm = (term: string) => {
      alternatives.add(ftsString(term));
      group.terms.add(term);
      markTerm(term);
    };
    if (span === 1) {
      addTerm(word);
      for (const sibling of inflections(vocabulary, word)) addTerm(sibling);
      // A complete indexed word needs no prefix: its inflections already cover its other forms.
      const stillTyping =
        isLast && typingLastWord && word.length >= 2 && !vocabulary.has(word) && vocabulary.hasPrefix(word);
      if (stillTyping) {
        alternatives.add(`${ftsString(word)}*`);
        group.prefix = word;
        highlight.prefixes.push(word);
      }
      const near = known(vocabulary, word) || stillTyping ? [] : vocabulary.nearSpellings(word);
      for (const term of near) {
        addTerm(term);
        for (const sibling of inflections(vocabulary, term, 4)) addTerm(sibling);
      }
      if (near.length > 0) corrected = true;
      correctedWords.push(near[0] ?? word);
      run.push(near[0] ?? word);
    } else {
      const phrase = words.slice(index, index + span);
      correctedWords.push(...phrase);
      endRun();
      highlight.phrases.push(phrase);
    }
    for (const phrase of synonyms?.phrases ?? []) {
      alternatives.add(ftsString(phrase.join(" ")));
      if (phrase.length === 1) {
        group.terms.add(phrase[0]);
        markTerm(phrase[0]);
        for (const sibling of inflections(vocabulary, phrase[0], 4)) addTerm(sibling);
      } else {
        group.phrases.push(phrase);
        highlight.phrases.push(phrase);
      }
    }
    if (span > 1) endRun();
    groups.push(group);
    expressions.push(alternatives.size === 1 ? [...alternatives][0] : `(${[...alternatives].join(" OR ")})`);
    index += span;
  }
  endRun();

  if (expressions.length === 0) return { all: null, any: null, corrected: null, words, groups, highlight };
  return {
    all: expressions.join(" AND "),
    any: expressions.length > 1 ? expressions.join(" OR ") : null,
    corrected: corrected ? correctedWords.join(" ") : null,
    words,
    groups,
    highlight,
  };
}
