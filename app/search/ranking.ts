import { snippet } from "./highlight-text";
import type { QueryGroup, QueryPlan } from "./query-plan";
import { normaliseText } from "./text";

/**
 * The embedded engine's ranking on top of BM25 (decision record 009): BM25
 * cannot tell a page's own words from the title and tags every one of its
 * sections inherits, nor a webinar's passing mention from an article about
 * the question. These factors multiply BM25 (a negative number: bigger is
 * better), so each one is a plain ratio.
 */
const POPULARITY_BOOST = 0.2;
/** An article's or doc's own page (title, summary, introduction) over its sections. */
const PAGE_BOOST = 1.3;
/** Webinar sections mention support topics in passing ("who it's for"); articles answer them. */
const WEBINAR_SECTION_FACTOR = 0.6;
/** A section whose own text holds only one of several query words matched on the page's title or tags, not on its content. */
const ONE_WEAK_MATCH_FACTOR = 0.6;
/** Per query group found in a section's support fact (the response-time table answers "P1 response time"). */
const FACT_BOOST_PER_GROUP = 0.6;

export type RankedText = { title: string; section: string; context: string; tags: string; body: string };
export type RankedCandidate = { type: string; section: string; popularity: number; fact: string | null };

const WORD_CHAR = "[\\p{L}\\p{N}]";
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One regular expression per query group, matching any of its words, phrases or
 * its prefix as whole words. Testing the stored text with these costs far less
 * than tokenizing every candidate's text.
 */
const matchersByPlan = new WeakMap<QueryGroup[], RegExp[]>();

function matchersOf(groups: QueryGroup[]): RegExp[] {
  let matchers = matchersByPlan.get(groups);
  if (!matchers) {
    matchers = groups.map((group) => {
      const alternatives = [
        ...[...group.terms].map(escapeRegExp),
        ...group.phrases.map((phrase) => phrase.map(escapeRegExp).join(`(?:(?!${WORD_CHAR}).)+`)),
        ...(group.prefix ? [`${escapeRegExp(group.prefix)}${WORD_CHAR}*`] : []),
      ];
      return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join("|")})(?!${WORD_CHAR})`, "u");
    });
    matchersByPlan.set(groups, matchers);
  }
  return matchers;
}

function countMatched(matchers: RegExp[], text: string) {
  return matchers.filter((matcher) => matcher.test(text)).length;
}

export function rankBoost(
  candidate: RankedCandidate,
  stored: RankedText | undefined,
  plan: Pick<QueryPlan, "groups">,
): number {
  let boost = 1 + POPULARITY_BOOST * Math.min(1, Math.max(0, candidate.popularity));
  const groups = plan.groups;
  if (groups.length === 0 || !stored) return boost;
  const isPage = candidate.section === "";
  const matchers = matchersOf(groups);
  const own = normaliseText(`${stored.title}\n${stored.section}\n${stored.body}`);
  const ownMatched = countMatched(matchers, own);
  const coverage =
    (ownMatched === groups.length
      ? ownMatched
      : countMatched(matchers, `${own}\n${normaliseText(`${stored.context}\n${stored.tags}`)}`)) / groups.length;
  // Matching only some of the words (the "any" fallback) counts quadratically less; words found only on the page's title or tags count less than the section's own.
  boost *= coverage * coverage * (0.4 + 0.6 * (ownMatched / groups.length));
  if (isPage && candidate.type !== "webinar") boost *= PAGE_BOOST;
  if (!isPage && candidate.type === "webinar") boost *= WEBINAR_SECTION_FACTOR;
  if (!isPage && groups.length > 1 && ownMatched <= 1) boost *= ONE_WEAK_MATCH_FACTOR;
  if (candidate.fact) boost *= 1 + FACT_BOOST_PER_GROUP * countMatched(matchers, normaliseText(candidate.fact));
  return boost;
}

/** Words in a snippet; a fact gets more room, so a table row is not cut mid-way. */
const SNIPPET_WORDS = 24;
const FACT_SNIPPET_WORDS = 32;

/** Answer first: a section that shows a support fact leads its snippet with that fact. */
export function answerSnippet(body: string, fact: string | null, plan: Pick<QueryPlan, "highlight">): string {
  if (fact) return snippet(fact, plan.highlight, FACT_SNIPPET_WORDS);
  return snippet(body, plan.highlight, SNIPPET_WORDS);
}
