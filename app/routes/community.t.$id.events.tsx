import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseThreadParam } from "~/forum/paths";
import { liveThreadState, threadEventStream } from "~/forum/live-stream.server";

/**
 * GET /community/t/<id>/events: Server-Sent Events for readers of a thread ("2 new replies, show").
 * Public like the thread itself; text/event-stream is never stored by the page cache (it keeps
 * text/html only) and is sent with Cache-Control: no-store.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseThreadParam(params.id);
  const state = parsed ? await liveThreadState(parsed.id) : null;
  if (!parsed || !state)
    return new Response("No such thread.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  return threadEventStream(request, parsed.id, state.lastPostNumber);
}
