import { publicOrigin } from "~/lib/env.server";
import { sitemapIndexEntries } from "~/seo/sitemap.server";
import { SITEMAP_CACHE_TAGS } from "~/seo/cache-tags";
import { sitemapIndexXml } from "~/seo/sitemap-xml";
import { PAGE_CACHE_HEADER, PAGE_TAGS_HEADER } from "~/lib/page-cache-tags";

/** GET /sitemap.xml: the sitemap index (absolute URLs from PUBLIC_URL, never the request's Host). */
export async function loader() {
  const xml = sitemapIndexXml(publicOrigin, await sitemapIndexEntries());
  return new Response(xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=0, must-revalidate",
      [PAGE_CACHE_HEADER]: "anonymous",
      [PAGE_TAGS_HEADER]: SITEMAP_CACHE_TAGS.join(" "),
    },
  });
}
