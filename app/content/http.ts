import type { HeadersFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { forwardHeaders } from "../lib/headers";
import { PAGE_CACHE_HEADER } from "../lib/page-cache-tags";
import type { PageView } from "./page-types";

/** Pages whose HTML is the same for every anonymous visitor opt in to the page cache. */
export const cacheableHeaders: HeadersFunction = (args) => {
  const headers = forwardHeaders(args) as Headers;
  // Only GET responses are ever stored (the server checks), so an action's reply never lands in the cache.
  if (args.errorHeaders) return headers;
  headers.set(PAGE_CACHE_HEADER, "anonymous");
  headers.set("Cache-Control", "public, max-age=0, must-revalidate");
  return headers;
};

export function pageMeta(page: Pick<PageView, "title" | "summary"> | undefined) {
  if (!page) return [{ title: "Page not found · TechFlow Help Center" }];
  return [{ title: `${page.title} · TechFlow Help Center` }, { name: "description", content: page.summary }];
}

/**
 * An article does not change when a reader votes on it, so its own feedback form does not reload its
 * data: the server counts each load of an article's data as a view (server/article-views.ts), and a
 * vote is not a second visit. Every other submission revalidates as usual.
 */
export const articleShouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formAction, currentUrl, defaultShouldRevalidate }) => {
  if (formMethod && formAction && new URL(formAction, currentUrl).pathname === currentUrl.pathname) return false;
  return defaultShouldRevalidate;
};
