import { checkHealth, healthHttpStatus } from "~/health.server";

export async function loader() {
  const health = await checkHealth();
  return Response.json(health, { status: healthHttpStatus(health), headers: { "Cache-Control": "no-store" } });
}
