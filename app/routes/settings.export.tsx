import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { exportUserData } from "~/privacy/export.server";

/** GET /settings/export: the signed-in user's own data (profile, tickets they filed, posts, votes, chats) as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const exported = await exportUserData(user);
  if (!exported) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="techflow-help-center-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
