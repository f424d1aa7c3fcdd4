import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicOrigin } from "~/lib/env.server";
import { PAGE_CACHE_HEADER, PAGE_TAGS_HEADER } from "~/lib/page-cache-tags";
import { SITEMAP_CACHE_TAGS } from "~/seo/cache-tags";
import { parseSitemapName, sitemapEntries } from "~/seo/sitemap.server";
import { urlsetXml } from "~/seo/sitemap-xml";

/** GET /sitemaps/<section>-<n>.xml: one child sitemap of /sitemap.xml. */
export async function loader({ params }: LoaderFunctionArgs) {
  const name = parseSitemapName(params.name);
  const entries = name ? await sitemapEntries(name.section, name.chunk) : [];
  // An empty threads or ideas file is listed when there is nothing yet; past that, an unknown file is a 404.
  if (!name || (entries.length === 0 && name.chunk > 0)) {
    return new Response("No such sitemap\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(urlsetXml(publicOrigin, entries), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=0, must-revalidate",
      [PAGE_CACHE_HEADER]: "anonymous",
      [PAGE_TAGS_HEADER]: SITEMAP_CACHE_TAGS.join(" "),
    },
  });
}
