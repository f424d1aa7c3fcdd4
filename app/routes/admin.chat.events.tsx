import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/auth/guards.server";
import { agentQueueStream } from "~/chat/stream.server";

/** GET /admin/chat/events: a `queue` event whenever chats or agents change, so open consoles re-read their lists. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "chat:work");
  return agentQueueStream(request);
}
