import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { chatRouteParam } from "~/chat/schemas";
import { chatDesk } from "~/chat/desk.server";

/** GET /chat/<id>/events: Server-Sent Events for one chat, resuming after Last-Event-ID (decision record 020). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return chatDesk.stream(request, user, chatRouteParam(params.id));
}
