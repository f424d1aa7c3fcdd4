import { checkHealth } from "~/lib/health.server";

export async function loader() {
  const health = await checkHealth();
  return Response.json(health, { status: 200, headers: { "Cache-Control": "no-store" } });
}
