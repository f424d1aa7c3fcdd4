import { publicOrigin } from "~/lib/env.server";
import { statusAtomFeed } from "~/status/atom";
import { feedEntries } from "~/status/incident-views.server";

/** GET /status/feed.atom: incidents and maintenance, newest change first. */
export async function loader() {
  const body = statusAtomFeed(publicOrigin, await feedEntries(), new Date());
  return new Response(body, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
