/**
 * The fixed query set: words taken from documents of the corpus (so multi-word
 * queries have answers), in three kinds — spelt correctly, with one typo, and
 * cut short as while typing — each with the raw FTS5 MATCH expression the
 * baseline runs for it.
 */
import { allowedTypos, ftsString, tokenize } from "../../../app/search/text";
import type { SearchDocument } from "../../../app/search/types";
import { Vocabulary } from "../../../app/search/vocabulary";
import type { Lexicon } from "./lexicon";
import type { Random } from "./random";

export const QUERY_KINDS = ["correct", "typo", "prefix"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/**
 * Frequency classes by lexicon rank. Ranks below COMMON_FROM (the, to, your, …)
 * are left out: each is in a third or more of all documents and nobody searches
 * for them; so are fragments shorter than 3 letters ("ll", "s" from "you'll", "it's").
 */
const COMMON_FROM = 30;
const MID_FROM = 500;
const RARE_FROM = 5000;
type WordClass = "common" | "mid" | "rare";

export type BenchQuery = {
  kind: QueryKind;
  /** What the customer typed, given to engine.search(). */
  text: string;
  /** The intended words (before the typo / before cutting). */
  words: string[];
  classes: WordClass[];
  /** The baseline's MATCH expression. */
  rawMatch: string;
  /** For typo queries: the mistyped word and the word it should be. */
  typo?: { typed: string; intended: string; edit: "substitution" | "deletion" | "transposition" };
};

export type QueryMix = { perKind: number; seed: number };

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

function quotedAnd(words: string[]): string {
  return words.map(ftsString).join(" AND ");
}

/**
 * `source` should be the smallest corpus (a prefix of the larger ones), so every query
 * finds its words at every size and the same set can be timed against each index.
 */
export function generateQueries(
  source: readonly SearchDocument[],
  lexicon: Lexicon,
  random: Random,
  perKind: number,
): BenchQuery[] {
  const rank = new Map(lexicon.terms.map((term, index) => [term, index]));
  const classOf = (word: string): WordClass | null => {
    const r = rank.get(word);
    if (r === undefined || r < COMMON_FROM || word.length < 3) return null;
    return r < MID_FROM ? "common" : r < RARE_FROM ? "mid" : "rare";
  };
  // Everything the index can contain, so a typo is never another real word, a stem sibling or a prefix of one.
  const indexWords = new Set([...lexicon.terms, ...lexicon.tags.flatMap((tag) => tokenize(tag))]);
  const known = new Vocabulary([...indexWords].map((term) => ({ term, documents: 1 })));

  /** 1–3 distinct words from one document, each of a frequency class picked at random. */
  function pickWords(
    document: SearchDocument,
    accept: (words: string[]) => boolean,
  ): { words: string[]; classes: WordClass[] } | null {
    const byClass: Record<WordClass, string[]> = { common: [], mid: [], rare: [] };
    for (const token of new Set(tokenize(`${document.section} ${document.body}`))) {
      const wordClass = classOf(token);
      if (wordClass) byClass[wordClass].push(token);
    }
    const count = random.weighted([
      [1, 30],
      [2, 45],
      [3, 25],
    ]);
    const words: string[] = [];
    const classes: WordClass[] = [];
    for (let attempt = 0; words.length < count && attempt < 20; attempt++) {
      let wordClass = random.weighted<WordClass>([
        ["common", 45],
        ["mid", 30],
        ["rare", 25],
      ]);
      if (byClass[wordClass].length === 0)
        wordClass = byClass.common.length ? "common" : byClass.mid.length ? "mid" : "rare";
      if (byClass[wordClass].length === 0) return null;
      const word = random.pick(byClass[wordClass]);
      if (words.includes(word)) continue;
      words.push(word);
      classes.push(wordClass);
    }
    return words.length > 0 && accept(words) ? { words, classes } : null;
  }

  /** One edit that leaves a word the engine can only reach through its typo tolerance. */
  function mistype(word: string): { typed: string; edit: "substitution" | "deletion" | "transposition" } | null {
    for (let attempt = 0; attempt < 20; attempt++) {
      const edit = random.pick(["substitution", "deletion", "transposition"] as const);
      const at = random.int(0, word.length - 1);
      let typed = word;
      if (edit === "substitution")
        typed = word.slice(0, at) + random.pick([...LETTERS.replace(word[at], "")]) + word.slice(at + 1);
      else if (edit === "deletion") typed = word.slice(0, at) + word.slice(at + 1);
      else if (at < word.length - 1 && word[at] !== word[at + 1])
        typed = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      if (typed === word || allowedTypos(typed) === 0) continue;
      if (known.has(typed) || known.sameStem(typed).length > 0 || known.hasPrefix(typed)) continue;
      return { typed, edit };
    }
    return null;
  }

  const queries: BenchQuery[] = [];
  const seen = new Set<string>();
  const add = (query: BenchQuery) => {
    if (seen.has(query.text)) return false;
    seen.add(query.text);
    queries.push(query);
    return true;
  };

  for (const kind of QUERY_KINDS) {
    let made = 0;
    for (let attempt = 0; made < perKind && attempt < perKind * 200; attempt++) {
      const document = random.pick(source);
      if (kind === "correct") {
        const picked = pickWords(document, () => true);
        if (picked && add({ kind, text: picked.words.join(" "), ...picked, rawMatch: quotedAnd(picked.words) })) made++;
      } else if (kind === "typo") {
        // The typo goes in one word long enough to be tolerated (≥ 5 letters, ≥ 6 for a deletion to stay ≥ 5).
        const picked = pickWords(document, (words) => words.some((word) => word.length >= 5));
        if (!picked) continue;
        const candidates = picked.words.map((word, index) => ({ word, index })).filter(({ word }) => word.length >= 5);
        const target = random.pick(candidates);
        const typo = mistype(target.word);
        if (!typo) continue;
        const typed = picked.words.map((word, index) => (index === target.index ? typo.typed : word));
        // The baseline searches the corrected words: what a perfect speller would have typed.
        const query = {
          kind,
          text: typed.join(" "),
          ...picked,
          rawMatch: quotedAnd(picked.words),
          typo: { typed: typo.typed, intended: target.word, edit: typo.edit },
        };
        if (add(query)) made++;
      } else {
        // The last word cut to 3–5 letters, as while typing.
        const picked = pickWords(document, (words) => words[words.length - 1].length >= 4);
        if (!picked) continue;
        const last = picked.words[picked.words.length - 1];
        const prefix = last.slice(0, Math.min(random.int(3, 5), last.length - 1));
        const before = picked.words.slice(0, -1);
        const rawMatch = [...before.map(ftsString), `${ftsString(prefix)}*`].join(" AND ");
        if (add({ kind, text: [...before, prefix].join(" "), ...picked, rawMatch })) made++;
      }
    }
    if (made < perKind) throw new Error(`only ${made} of ${perKind} ${kind} queries could be generated`);
  }
  return queries;
}
