import type { HeadersFunction } from "@remix-run/node";

/**
 * For pages whose address carries a token (unsubscribe and confirmation links from email): the
 * token must not leave in a Referer, and no cache keeps the page.
 */
export const PRIVATE_PAGE_HEADERS = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };

export const privatePageHeaders: HeadersFunction = () => PRIVATE_PAGE_HEADERS;
