import { changelogAtom } from "~/ideas/atom";
import { loadChangelog } from "~/ideas/roadmap.server";
import { IDEAS_LIST_TAG } from "~/ideas/rules";
import { publicOrigin } from "~/lib/env.server";
import { PAGE_CACHE_HEADER, PAGE_TAGS_HEADER } from "~/lib/page-cache-tags";

/** GET /ideas/changelog.atom: the changelog as Atom 1.0, with absolute links from PUBLIC_URL (never the request's Host). */
export async function loader() {
  const entries = await loadChangelog(50);
  const xml = changelogAtom(
    publicOrigin,
    entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      url: entry.url,
      releaseNote: entry.releaseNote,
      area: entry.area.name,
      shippedAt: entry.shippedAt,
      summary: entry.excerpt,
    })),
    new Date(),
  );
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=0, must-revalidate",
      [PAGE_CACHE_HEADER]: "anonymous",
      [PAGE_TAGS_HEADER]: IDEAS_LIST_TAG,
    },
  });
}
