import type { HeadersFunction } from "@remix-run/node";

/**
 * Remix only sends a document's loader/action headers (such as Retry-After on a
 * 429) when the route exports `headers`; routes that set any use this.
 */
export const forwardHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers();
  for (const source of [loaderHeaders, actionHeaders, errorHeaders])
    source?.forEach((value, name) => headers.set(name, value));
  headers.delete("set-cookie"); // Remix sends cookies itself; copying them here would duplicate them.
  return headers;
};
