import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { chatDesk } from "~/chat/desk.server";
import { chatRouteParam } from "~/chat/schemas";

/** GET /chat/files/<id>: a chat's file for its customer and staff who may read the chat (404 for anyone else). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return chatDesk.file(user, chatRouteParam(params.id));
}
