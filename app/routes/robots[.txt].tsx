import { publicOrigin } from "~/lib/env.server";
import { PAGE_CACHE_HEADER } from "~/lib/page-cache-tags";
import { robotsTxt } from "~/seo/robots";

/** GET /robots.txt: the sitemap's address and the paths crawlers stay out of. */
export function loader() {
  return new Response(robotsTxt(publicOrigin), {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      [PAGE_CACHE_HEADER]: "anonymous",
    },
  });
}
