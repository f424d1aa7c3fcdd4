import type { LoaderFunctionArgs } from "@remix-run/node";
import { filtersOf, firstIssue, parseSearchRequest } from "~/search/url-params.server";
import { limitSearches, searchFor } from "~/search/requests.server";

/** GET /api/search?q=…&type=…&limit=…: the JSON contract in DESIGN.md (plus correctedQuery). */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchRequest(new URL(request.url));
  if (!parsed.success) return Response.json({ error: firstIssue(parsed.error) }, { status: 400 });
  const limit = await limitSearches(request);
  if (!limit.allowed) {
    return Response.json(
      { error: "Too many searches; please slow down." },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const { q, offset } = parsed.data;
  const result = await searchFor(
    request,
    { query: q, filters: filtersOf(parsed.data), limit: parsed.data.limit, offset },
    "api",
  );
  return Response.json(
    {
      query: q,
      engine: result.engine,
      totalHits: result.totalHits,
      exhaustiveCounts: result.exhaustiveCounts,
      processingTimeMs: Math.round(result.processingTimeMs * 10) / 10,
      correctedQuery: result.correctedQuery,
      hits: result.hits.map((hit) => ({
        id: hit.id,
        type: hit.type,
        title: hit.title,
        section: hit.section,
        url: hit.url,
        snippet: hit.snippet,
        titleHighlighted: hit.titleHighlighted,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
