/**
 * Synthetic section documents shaped like the ones contentDocuments() produces:
 * each page is an introduction document (section "") followed by its `##`
 * sections, all sharing the page's title, type, category and tags.
 */
import { CATEGORIES } from "../../../app/content/categories";
import type { DocumentType, SearchDocument, SourceName } from "../../../app/search/types";
import type { Lexicon } from "./lexicon";
import { ZipfSampler, type Random } from "./random";

export type CorpusOptions = {
  /** Zipf exponent of body words; natural text is close to 1. */
  zipfExponent: number;
  bodyWords: { min: number; max: number };
  titleWords: { min: number; max: number };
  sectionWords: { min: number; max: number };
  /** Documents per page, the introduction included. */
  documentsPerPage: { min: number; max: number };
  /** Headings skip the most frequent ranks ("the", "to", "your", …) so they read like headings, not glue words. */
  headingSkipsTopRanks: number;
};

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = {
  zipfExponent: 1.07,
  bodyWords: { min: 80, max: 200 },
  titleWords: { min: 3, max: 8 },
  sectionWords: { min: 2, max: 6 },
  documentsPerPage: { min: 3, max: 9 },
  headingSkipsTopRanks: 50,
};

/** Document types with the share of pages each gets, and the URL prefix of its pages. */
const TYPES: readonly (readonly [DocumentType, number])[] = [
  ["article", 45],
  ["doc", 25],
  ["thread", 20],
  ["webinar", 5],
  ["idea", 5],
];
const PREFIX: Record<DocumentType, string> = {
  article: "kb",
  doc: "docs",
  webinar: "webinars",
  course: "training",
  thread: "community",
  idea: "ideas",
  page: "pages",
  ticket: "tickets",
};
const SOURCE: Record<DocumentType, SourceName> = {
  article: "content",
  doc: "content",
  webinar: "content",
  course: "content",
  thread: "forum",
  idea: "ideas",
  page: "pages",
  ticket: "tickets",
};

const START_OF_2024 = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;

/** Generates `count` documents; deterministic for a given lexicon and Random state. */
export function generateCorpus(
  lexicon: Lexicon,
  count: number,
  random: Random,
  options: CorpusOptions = DEFAULT_CORPUS_OPTIONS,
): SearchDocument[] {
  const words = new ZipfSampler(lexicon.terms.length, options.zipfExponent);
  // Tags and categories are skewed too: a few are everywhere, most are occasional.
  const tagPool = lexicon.tags.length > 0 ? lexicon.tags : ["general"];
  const tags = new ZipfSampler(tagPool.length, 1);
  const categoryPool = [
    ...new Set([
      ...lexicon.categories,
      ...Object.values(CATEGORIES).flatMap((list) => list.map((category) => category.slug)),
    ]),
  ].sort();

  const word = () => lexicon.terms[words.sample(random)];
  const headingWord = () => {
    let rank = words.sample(random);
    while (rank < options.headingSkipsTopRanks) rank = words.sample(random);
    return lexicon.terms[rank];
  };
  const heading = (range: { min: number; max: number }) => {
    const parts = Array.from({ length: random.int(range.min, range.max) }, headingWord);
    parts[0] = parts[0][0].toUpperCase() + parts[0].slice(1);
    return parts.join(" ");
  };
  /** Sentences of 6–20 words, capitalised and full-stopped: FTS5 ignores it, snippets look like text. */
  const body = () => {
    const total = random.int(options.bodyWords.min, options.bodyWords.max);
    const sentences: string[] = [];
    for (let written = 0; written < total;) {
      const length = Math.min(total - written, random.int(6, 20));
      const first = word();
      let sentence = first[0].toUpperCase() + first.slice(1);
      for (let i = 1; i < length; i++) sentence += ` ${word()}`;
      sentences.push(`${sentence}.`);
      written += length;
    }
    return sentences.join(" ");
  };

  const documents: SearchDocument[] = [];
  for (let page = 1; documents.length < count; page++) {
    const type = random.weighted(TYPES);
    const pageId = `${PREFIX[type]}/page-${page}`;
    const pageTags = [...new Set(Array.from({ length: random.int(1, 4) }, () => tagPool[tags.sample(random)]))];
    const common = {
      type,
      source: SOURCE[type],
      // All public: the common case, and the engine's unfiltered plan (restricted documents are measured by nothing here yet).
      visibility: "public" as const,
      pageId,
      title: heading(options.titleWords),
      category: random.pick(categoryPool),
      tags: pageTags,
      updatedAt: new Date(START_OF_2024 + random.int(0, 3 * 365) * DAY_MS).toISOString().slice(0, 10),
      // Most pages are rated middling, a few very helpful.
      popularity: Math.round(random.next() ** 2 * 1000) / 1000,
    };
    const sections = random.int(options.documentsPerPage.min, options.documentsPerPage.max);
    for (let index = 0; index < sections && documents.length < count; index++) {
      if (index === 0) documents.push({ ...common, id: pageId, url: `/${pageId}`, section: "", body: body() });
      else
        documents.push({
          ...common,
          id: `${pageId}#section-${index}`,
          url: `/${pageId}#section-${index}`,
          section: heading(options.sectionWords),
          body: body(),
        });
    }
  }
  return documents;
}
