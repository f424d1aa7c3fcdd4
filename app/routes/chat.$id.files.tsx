import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { chatFileAction } from "~/chat/route-actions.server";
import { chatRouteParam } from "~/chat/schemas";

/**
 * POST /chat/<id>/files: a file sent in the chat (multipart, streamed to disk under the ticket form's
 * attachment rules; the server's body limit for this path is in server/request-body.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return chatFileAction(request, user, chatRouteParam(params.id));
}
