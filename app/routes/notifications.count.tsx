import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";
import { countUnread } from "~/notifications/notify.server";

/**
 * GET /notifications/count: the bell's number, fetched by the browser after the page loads, so the
 * pages themselves stay the same for every anonymous visitor (and cacheable).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const body = user ? { signedIn: true, unread: await countUnread(user.id) } : { signedIn: false, unread: 0 };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
}
