import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { requireInsightsViewer } from "~/insights/access.server";
import { draftArticle, findGap } from "~/insights/content-gaps.server";

/** GET /admin/content-gaps/draft?key=…: an MDX draft (frontmatter, the customers' question, the evidence) to save under content/kb/. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireInsightsViewer(request);
  const key = new URL(request.url).searchParams.get("key") ?? "";
  const gap = key ? await findGap(key) : null;
  if (!gap) throw data({ message: "That content gap is no longer in the queue." }, { status: 404 });
  const draft = draftArticle(gap);
  return new Response(draft.text, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${draft.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
