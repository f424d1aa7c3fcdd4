import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ArticleView } from "~/components/article/article-view";
import { NotFound } from "~/components/not-found";
import { RecordingPlayer } from "~/components/recording-player";
import { handleFeedback } from "~/content/feedback-action.server";
import { cacheableHeaders, pageMeta } from "~/content/http";
import { loadPageView, pageNotFound } from "~/content/pages.server";
import { pageIdFromPath } from "~/content/paths";
import { recordingMedia } from "~/webinars/recordings.server";
import { withSeo } from "~/seo/meta";
import { contentPageSeo } from "~/seo/page-seo";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = pageIdFromPath("webinars", params.slug);
  const page = id ? await loadPageView(id) : null;
  if (!page || !params.slug) return pageNotFound();
  return { page, media: await recordingMedia(params.slug) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = pageIdFromPath("webinars", params.slug);
  if (!id) return pageNotFound();
  return handleFeedback(request, id);
}

export const headers = cacheableHeaders;
export const meta: MetaFunction<typeof loader> = withSeo(({ data }) => pageMeta(data?.page), contentPageSeo);

export default function WebinarRecording() {
  const { page, media } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <ArticleView
      page={page}
      actionData={actionData}
      lead={
        media ? (
          <RecordingPlayer title={page.title} comingSoon={page.webinar?.recordingStatus === "coming-soon"} {...media} />
        ) : null
      }
    />
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
