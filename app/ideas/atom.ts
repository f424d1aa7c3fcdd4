/**
 * The changelog as an Atom 1.0 feed (RFC 4287): absolute links, an `updated` time for the feed and
 * each entry, ids that never change (a tag: URI per idea), and every text escaped for XML. No
 * imports: the route passes the origin and the entries.
 */
export type FeedEntry = {
  id: number;
  title: string;
  url: string;
  releaseNote: string;
  area: string;
  shippedAt: string;
  summary: string;
};

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Escapes markup characters and drops characters XML 1.0 forbids (a stray control character would make the whole feed invalid). */
export function escapeXml(text: string): string {
  let kept = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff)
      continue;
    kept += char;
  }
  return kept.replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

export function changelogAtom(origin: string, entries: readonly FeedEntry[], now: Date): string {
  const host = new URL(origin).hostname;
  const updated = entries[0]?.shippedAt ?? now.toISOString();
  const items = entries.map((entry) => {
    const link = `${origin}${entry.url}`;
    const content = [entry.releaseNote, entry.summary].filter(Boolean).join("\n\n");
    return [
      "  <entry>",
      `    <id>tag:${escapeXml(host)},2026:idea-${entry.id}</id>`,
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <updated>${entry.shippedAt}</updated>`,
      `    <published>${entry.shippedAt}</published>`,
      `    <category term="${escapeXml(entry.area)}"/>`,
      `    <summary type="text">${escapeXml(content || entry.title)}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(`${origin}/ideas/changelog`)}</id>`,
    '  <title type="text">TechFlow changelog: shipped ideas</title>',
    '  <subtitle type="text">Feature requests from TechFlow customers that have shipped.</subtitle>',
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(`${origin}/ideas/changelog.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/ideas/changelog`)}"/>`,
    `  <updated>${updated}</updated>`,
    "  <author><name>TechFlow Solutions</name></author>",
    ...items,
    "</feed>",
    "",
  ].join("\n");
}
