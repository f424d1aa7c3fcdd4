import { z } from "zod";
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH } from "./settings";
import { SITE_DOCUMENT_TYPES, type SearchFilters } from "./types";

/** The search parameters of a URL (q, type, category, tag, limit, offset), shared by /api/search and /search; anything oversize is cut, not refused. */
const listParam = (item: z.ZodTypeAny) =>
  z
    .array(z.string())
    .transform((values) =>
      values
        .flatMap((value) => value.split(","))
        .map((value) => value.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(20, "too many filter values"));

export const searchRequestSchema = z.object({
  q: z.string().transform((query) =>
    query
      .slice(0, MAX_QUERY_LENGTH * 50)
      .replace(/\s+/g, " ")
      .slice(0, MAX_QUERY_LENGTH),
  ),
  type: listParam(
    z.enum(SITE_DOCUMENT_TYPES, {
      errorMap: () => ({ message: `type must be one of ${SITE_DOCUMENT_TYPES.join(", ")}` }),
    }),
  ),
  category: listParam(z.string().regex(/^[a-z0-9-]{1,60}$/, "category must be a slug")),
  tag: listParam(z.string().regex(/^[a-z0-9-]{1,60}$/, "tag must be a slug")),
  limit: z.coerce
    .number({ invalid_type_error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`),
  offset: z.coerce
    .number({ invalid_type_error: "offset must be a number" })
    .int()
    .min(0, "offset must not be negative")
    .max(1000, "offset must be at most 1000"),
});

export type SearchRequest = z.infer<typeof searchRequestSchema>;

export function parseSearchRequest(url: URL, defaults: { limit?: number } = {}) {
  const params = url.searchParams;
  return searchRequestSchema.safeParse({
    q: params.get("q") ?? "",
    type: params.getAll("type"),
    category: params.getAll("category"),
    tag: params.getAll("tag"),
    limit: params.get("limit") ?? defaults.limit ?? DEFAULT_LIMIT,
    offset: params.get("offset") ?? 0,
  });
}

export function filtersOf(request: SearchRequest): SearchFilters {
  return {
    ...(request.type.length ? { type: request.type } : {}),
    ...(request.category.length ? { category: request.category } : {}),
    ...(request.tag.length ? { tags: request.tag } : {}),
  };
}

export function firstIssue(error: z.ZodError) {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "query"}: ${issue.message}` : "invalid search";
}
