import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/auth/guards.server";
import { consoleAction } from "~/chat/route-actions.server";

/** POST /admin/chat/queue: availability, take, transfer, end, convert to ticket; answers JSON for the console. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "chat:work");
  return consoleAction(user, await request.formData());
}

export function loader() {
  throw new Response("The chat console posts here; open /admin/chat.", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}
