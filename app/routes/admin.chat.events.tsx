import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/auth/guards.server";
import { chatDesk } from "~/chat/desk.server";

/** GET /admin/chat/events: a `queue` event whenever chats or agents change, so open consoles re-read their lists. */
export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireCapability(request, "chat:work");
  return chatDesk.queueStream(request, agent.id);
}
