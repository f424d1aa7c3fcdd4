import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";
import { chatDesk } from "~/chat/desk.server";

/** GET /chat/state: what the chat launcher shows (hours, the open chat); private, never cached. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return Response.json(await chatDesk.panel(user), { headers: { "Cache-Control": "private, no-store" } });
}
