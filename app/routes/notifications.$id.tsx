import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser, safeRedirect } from "~/auth/guards.server";
import { openNotification } from "~/notifications/notify.server";

/** GET /notifications/<id>: opening a notification marks it read and goes where it points. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = await openNotification(user.id, params.id ?? "");
  if (url === null)
    throw new Response("No such notification of yours.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return redirect(safeRedirect(url, "/notifications"));
}
