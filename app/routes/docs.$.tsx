import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArticleView } from "~/components/article/article-view";
import { DocsSidebar, PrevNext } from "~/components/docs-navigation";
import { NotFound } from "~/components/not-found";
import { handleFeedback } from "~/content/feedback-action.server";
import { cacheTagHeaders, pageTag } from "~/lib/page-cache-tags";
import { articleShouldRevalidate, cacheableHeaders, pageMeta } from "~/content/http";
import { docsNavigation, loadPageView, pageNotFound } from "~/content/pages.server";
import { pageIdFromPath } from "~/content/paths";
import { withSeo } from "~/seo/meta";
import { contentPageSeo } from "~/seo/page-seo";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = pageIdFromPath("docs", params["*"]);
  const page = id ? await loadPageView(id) : null;
  if (!page) return pageNotFound();
  const sections = await docsNavigation();
  const order = sections.flatMap((section) => section.pages);
  const index = order.findIndex((link) => link.url === page.url);
  return data(
    { page, sections, previous: order[index - 1] ?? null, next: order[index + 1] ?? null },
    { headers: cacheTagHeaders([pageTag(page.id)]) },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = pageIdFromPath("docs", params["*"]);
  if (!id) return pageNotFound();
  return handleFeedback(request, id);
}

export const headers = cacheableHeaders;
export const shouldRevalidate = articleShouldRevalidate;
export const meta: MetaFunction<typeof loader> = withSeo(({ data }) => pageMeta(data?.page), contentPageSeo);

export default function DocPage() {
  const { page, sections, previous, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ArticleView
      page={page}
      actionData={actionData}
      sidebar={<DocsSidebar sections={sections} currentUrl={page.url} />}
      footer={<PrevNext previous={previous} next={next} />}
    />
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
