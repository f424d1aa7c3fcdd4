import { statusJson } from "~/status/status-page.server";

/** GET /status.json: the current state of each component (contract in DESIGN.md), plus open incidents. */
export async function loader() {
  return Response.json(await statusJson(), {
    headers: { "Cache-Control": "public, max-age=30", "Access-Control-Allow-Origin": "*" },
  });
}
