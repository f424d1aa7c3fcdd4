/**
 * The benchmark's vocabulary: the real words of the support guide (content/**\/*.mdx)
 * topped up with generated pseudo-words to a realistic size, in frequency-rank
 * order so a Zipf sampler can draw from it.
 */
import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { tokenize } from "../../../app/search/text";
import type { Random } from "./random";

export type Lexicon = {
  /** Every distinct term; index = frequency rank (0 = most frequent). */
  terms: string[];
  /** How many distinct real words the content supplied, and how many of them were ranked ahead of the pseudo-words. */
  realWords: number;
  realWordsRankedFirst: number;
  /** Real frontmatter tags, used as the tag pool of generated pages. */
  tags: string[];
  /** Real frontmatter categories. */
  categories: string[];
};

/** The prose of an MDX file: frontmatter title and summary plus the body without imports, JSX tags and code. */
function proseOf(source: string): { text: string; tags: string[]; category: string | null } {
  const { data, content } = matter(source);
  const body = content
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/^(import|export)\s.*$/gm, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\]\([^)]*\)/g, "] ");
  const title = typeof data.title === "string" ? data.title : "";
  const summary = typeof data.summary === "string" ? data.summary : "";
  const tags = Array.isArray(data.tags) ? data.tags.filter((tag): tag is string => typeof tag === "string") : [];
  const category = typeof data.category === "string" ? data.category : null;
  return { text: `${title}\n${summary}\n${body}`, tags, category };
}

async function mdxFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".mdx"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

// Pseudo-words are built from English-like syllables so their lengths and letter
// patterns (and therefore edit-distance neighbourhoods) resemble real words.
const ONSETS = [
  "b",
  "br",
  "c",
  "ch",
  "cl",
  "cr",
  "d",
  "dr",
  "f",
  "fl",
  "fr",
  "g",
  "gl",
  "gr",
  "h",
  "j",
  "k",
  "l",
  "m",
  "n",
  "p",
  "pl",
  "pr",
  "qu",
  "r",
  "s",
  "sc",
  "sh",
  "sk",
  "sl",
  "sm",
  "sn",
  "sp",
  "st",
  "str",
  "t",
  "th",
  "tr",
  "v",
  "w",
  "wh",
  "z",
];
const VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ee", "io", "oo", "ou", "y"];
const CODAS = ["", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "nt", "st", "ck", "rk", "x", "ll", "ng"];
/** Suffixes the Porter stemmer folds, so some pseudo-words come in families like real ones (sameStem has work to do). */
const SUFFIXES = ["s", "ed", "ing", "er", "ers", "ation", "ations", "able", "ment", "ments", "ly", "ness"];

function pseudoRoot(random: Random): string {
  // Tuned so the whole vocabulary averages ~8 letters, like the 30,000 most common English words.
  const syllables = random.weighted([
    [1, 6],
    [2, 5],
    [3, 1],
  ]);
  let word = "";
  for (let i = 0; i < syllables; i++)
    word += (i === 0 || random.next() < 0.8 ? random.pick(ONSETS) : "") + random.pick(VOWELS) + random.pick(CODAS);
  return word;
}

/**
 * Real words that occur at least twice keep their real order (most frequent first) at
 * the head of the ranking, where Zipf puts the bulk of the text; words seen once and
 * the pseudo-words are shuffled together into the long tail.
 */
export async function buildLexicon(contentDir: string, targetSize: number, random: Random): Promise<Lexicon> {
  const counts = new Map<string, number>();
  const tags = new Set<string>();
  const categories = new Set<string>();
  for (const file of (await mdxFiles(contentDir)).sort()) {
    const prose = proseOf(await fs.readFile(file, "utf8"));
    for (const tag of prose.tags) tags.add(tag);
    if (prose.category) categories.add(prose.category);
    for (const token of tokenize(prose.text)) {
      // Letters only: numbers and codes ("p1", "2026") are not vocabulary.
      if (/^\p{L}+$/u.test(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
  }
  const real = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const head = real.filter(([, count]) => count >= 2).map(([term]) => term);
  const tail = real.filter(([, count]) => count < 2).map(([term]) => term);

  const seen = new Set(real.map(([term]) => term));
  const pseudo: string[] = [];
  const add = (term: string) => {
    if (term.length < 3 || term.length > 16 || seen.has(term) || seen.size >= targetSize) return;
    seen.add(term);
    pseudo.push(term);
  };
  while (seen.size < targetSize) {
    const root = pseudoRoot(random);
    add(root);
    // About a third of roots get inflected siblings.
    if (random.next() < 0.35) for (let i = random.int(1, 3); i > 0; i--) add(root + random.pick(SUFFIXES));
  }

  const terms = [...head, ...random.shuffle([...tail, ...pseudo])];
  // Sanity: every term must survive the engine's tokenizer unchanged, or the index would hold other words.
  for (const term of terms)
    if (tokenize(term).join(" ") !== term) throw new Error(`lexicon term "${term}" does not tokenize to itself`);
  return {
    terms,
    realWords: real.length,
    realWordsRankedFirst: head.length,
    tags: [...tags].sort(),
    categories: [...categories].sort(),
  };
}
