import type { LoaderFunctionArgs } from "@remix-run/node";
import { similarIdeas } from "~/ideas/similar-titles.server";

/** GET /ideas/similar?q=<typed title>: existing ideas like it, with their votes (for the submit form). */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const ideas = q.trim().length >= 4 ? await similarIdeas(q, 5) : [];
  return Response.json({ ideas }, { headers: { "Cache-Control": "no-store" } });
}
