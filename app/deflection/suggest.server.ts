import { getOptionalUser } from "../auth/guards.server";
import { readVisitorId } from "../lib/visitor.server";
import { searchFor } from "../search/requests.server";
import type { SearchHit } from "../search/types";
import { normaliseProblem } from "./settlement";
import { deflectionTrail, ownSession, recordOffered, type Who } from "./deflection.server";

/** The contact flow's side of the one search: articles, docs sections and forum threads. */
const SUGGESTION_TYPES = ["article", "doc", "thread"] as const;
const SUGGESTION_LIMIT = 5;
const QUERY_WORDS = 6;

export async function whoIs(request: Request, visitorId?: string | null): Promise<Who> {
  const user = await getOptionalUser(request);
  return { userId: user?.id ?? null, visitorId: visitorId ?? readVisitorId(request) };
}

/** The words to search for: the subject's, else the description's, at most a handful (every word must match). */
function queriesFor(subject: string, description: string): string[] {
  const words = normaliseProblem(subject).split(" ").filter(Boolean);
  const fromDescription = normaliseProblem(description).split(" ").filter(Boolean);
  const base = (words.length ? words : fromDescription).slice(0, QUERY_WORDS);
  const tries = [base.join(" ")];
  if (base.length > 3) tries.push(base.slice(0, 3).join(" "));
  if (base.length > 1) tries.push(base.slice(0, 1).join(" "));
  if (subject.trim()) tries.unshift(subject.trim().slice(0, 200));
  return [...new Set(tries.filter(Boolean))];
}

export type Suggestion = Pick<SearchHit, "id" | "type" | "url" | "title" | "section" | "snippet">;

/** Suggestions for what the customer typed, recorded as offered in their flow. */
export async function suggestFor(
  request: Request,
  who: Who,
  input: { subject: string; description: string; sessionId?: string | null },
): Promise<{ sessionId: string | null; suggestions: Suggestion[] }> {
  const text = `${input.subject} ${input.description}`.trim();
  if (normaliseProblem(text).length === 0) return { sessionId: input.sessionId ?? null, suggestions: [] };
  let hits: SearchHit[] = [];
  for (const query of queriesFor(input.subject, input.description)) {
    const result = await searchFor(
      request,
      { query, filters: { type: [...SUGGESTION_TYPES] }, limit: SUGGESTION_LIMIT },
      "api",
    );
    if (result.hits.length) {
      hits = result.hits;
      break;
    }
  }
  if (!who.userId && !who.visitorId) return { sessionId: null, suggestions: hits.map(toSuggestion) };
  const sessionId = await recordOffered(who, input.sessionId, text, hits);
  return { sessionId, suggestions: hits.map(toSuggestion) };
}

function toSuggestion(hit: SearchHit): Suggestion {
  return { id: hit.id, type: hit.type, url: hit.url, title: hit.title, section: hit.section, snippet: hit.snippet };
}

export async function trailFor(who: Who, sessionId: string | null | undefined) {
  const session = await ownSession(who, sessionId);
  return { session, trail: await deflectionTrail(session) };
}
