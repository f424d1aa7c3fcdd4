import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { startChatAction } from "~/chat/route-actions.server";

/** POST /chat/start: a customer's first message starts a chat (or joins their open one); answers come back with it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return startChatAction(request, user, await request.formData());
}

export function loader() {
  throw new Response("Start a chat with the Chat with us button.", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}
