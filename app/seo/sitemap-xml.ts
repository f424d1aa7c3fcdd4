/** One address in a sitemap: a site path (absolute URLs are made from PUBLIC_URL when written) and its last visible change. */
export type SitemapEntry = { path: string; lastmod: string | null };

/** A sitemap file may list at most 50,000 addresses (sitemaps.org); ours are split well before that. */
export const MAX_URLS_PER_SITEMAP = 10_000;

function escapeXml(text: string) {
  return text.replace(
    /[<>&'"]/g,
    (char) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[char]};`,
  );
}

/** W3C date-time as sitemaps expect it; a date the crawler cannot read is left out, not guessed. */
function lastmodElement(lastmod: string | null) {
  if (!lastmod) return "";
  const date = new Date(lastmod);
  return Number.isNaN(date.getTime()) ? "" : `<lastmod>${date.toISOString()}</lastmod>`;
}

export function urlsetXml(origin: string, entries: readonly SitemapEntry[]) {
  const urls = entries.map(
    (entry) => `<url><loc>${escapeXml(origin + entry.path)}</loc>${lastmodElement(entry.lastmod)}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

export function sitemapIndexXml(origin: string, sitemaps: readonly SitemapEntry[]) {
  const items = sitemaps.map(
    (entry) => `<sitemap><loc>${escapeXml(origin + entry.path)}</loc>${lastmodElement(entry.lastmod)}</sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
}

/** The newest of some dates (ISO strings), or null. */
export function newest(dates: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const date of dates) if (date && (!best || new Date(date) > new Date(best))) best = date;
  return best;
}
