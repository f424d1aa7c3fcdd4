import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/permissions";
import { getOptionalUser } from "~/auth/guards.server";
import { checkHealth, healthHttpStatus, staffHealth } from "~/health.server";

/** Status words for load balancers and operators; staff (who may see the jobs page) also get the event loop and the task queue. */
export async function loader({ request }: LoaderFunctionArgs) {
  const health = await checkHealth();
  const user = await getOptionalUser(request);
  const body = user && can(user, "jobs:view") ? { ...health, ...(await staffHealth()) } : health;
  return Response.json(body, { status: healthHttpStatus(health), headers: { "Cache-Control": "no-store" } });
}
