import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/permissions";
import { getOptionalUser } from "~/auth/guards.server";
import { checkHealth, healthHttpStatus, staffHealth } from "~/health.server";

/** Status words for load balancers and operators; staff (who may see the jobs page) also get the event loop and the task queue. */
export async function loader({ request }: LoaderFunctionArgs) {
  const health = await checkHealth();
  const user = await getOptionalUser(request);
  // Staff may narrow the write costs to the samples after a moment (epoch ms), as the write bench does.
  const writesSince = Number(new URL(request.url).searchParams.get("writesSince") ?? 0);
  const staff = user && can(user, "jobs:view");
  const body = staff ? { ...health, ...(await staffHealth(Number.isFinite(writesSince) ? writesSince : 0)) } : health;
  return Response.json(body, { status: healthHttpStatus(health), headers: { "Cache-Control": "no-store" } });
}
