import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { conversationAction } from "~/chat/route-actions.server";
import { chatRouteParam } from "~/chat/schemas";
import { chatDesk } from "~/chat/desk.server";

/**
 * GET /chat/<id>: the chat's state and transcript as JSON (the panel after a reload).
 * POST /chat/<id>: a message, typing, receipts, end, rating, screen-sharing answers… (intent field).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return chatDesk.transcriptJson(user, chatRouteParam(params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return conversationAction(request, user, chatRouteParam(params.id), await request.formData());
}
