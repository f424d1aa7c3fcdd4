import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { CANNED_REPLIES } from "~/chat/console.server";
import { chatDesk } from "~/chat/desk.server";
import { chatRouteParam } from "~/chat/schemas";
import { AgentConsole } from "~/components/chat/agent-console";
import { withSeo } from "~/seo/meta";

/**
 * /admin/chat: the agents' live chat console. Availability and capacity, the queue, the chats in
 * progress, and the chosen chat (?chat=<id>) with the customer beside it. Queue actions POST to /admin/chat/queue;
 * inside a chat the console posts to /chat/<id> like the customer's panel.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "chat:work");
  const chosen = new URL(request.url).searchParams.get("chat");
  const board = await chatDesk.console(user, chosen ? chatRouteParam(chosen) : null);
  return data({ board, canned: CANNED_REPLIES, me: user.id }, { headers: { "Cache-Control": "no-store" } });
}

export const meta: MetaFunction = withSeo(() => [{ title: "Live chat · TechFlow staff" }]);

export default function AdminChat() {
  const { board, canned, me } = useLoaderData<typeof loader>();
  return <AgentConsole board={board} canned={canned} me={me} />;
}
