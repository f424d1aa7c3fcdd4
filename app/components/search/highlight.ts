/**
 * Turns the search API's highlighted strings (HTML-escaped text in which
 * matches are wrapped in <mark>…</mark>) into plain segments that React can
 * render as text and <mark> elements, so no HTML is ever injected.
 *
 * Only the exact tags `<mark>` and `</mark>` are markup. Everything else that
 * looks like HTML (`<script>`, `<b>`, a `<mark class=x>`) stays literal text,
 * and only the five entities the server's escaper produces are decoded.
 */

export type HighlightSegment = { text: string; marked: boolean };

const MARK_TAG = /<(\/?)mark>/gi;
const ENTITY = /&(amp|lt|gt|quot|#39);/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/** Decodes &amp; &lt; &gt; &quot; &#39; in one pass (so "&amp;lt;" becomes "&lt;", not "<"). */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_match, name: string) => ENTITIES[name] ?? _match);
}

/**
 * Splits a highlighted string into segments. Unbalanced markup is tolerated:
 * a stray `</mark>` is dropped, a nested `<mark>` is ignored, and an unclosed
 * `<mark>` marks the rest of the string (as a browser would render it).
 * Adjacent segments with the same state are merged; empty ones are dropped.
 */
export function highlightSegments(highlighted: string | null | undefined): HighlightSegment[] {
  if (!highlighted) return [];
  const segments: HighlightSegment[] = [];
  const push = (raw: string, marked: boolean) => {
    if (!raw) return;
    const text = decodeEntities(raw);
    const last = segments[segments.length - 1];
    if (last && last.marked === marked) last.text += text;
    else segments.push({ text, marked });
  };

  let marked = false;
  let cursor = 0;
  for (const match of highlighted.matchAll(MARK_TAG)) {
    push(highlighted.slice(cursor, match.index), marked);
    marked = match[1] !== "/";
    cursor = match.index + match[0].length;
  }
  push(highlighted.slice(cursor), marked);
  return segments;
}

/** The highlighted string as plain text (marks removed, entities decoded). */
export function plainText(highlighted: string | null | undefined): string {
  return highlightSegments(highlighted)
    .map((segment) => segment.text)
    .join("");
}
