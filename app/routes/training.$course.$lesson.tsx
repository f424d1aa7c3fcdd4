import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ArticleView } from "~/components/article/article-view";
import { NotFound } from "~/components/not-found";
import { RecordingPlayer } from "~/components/recording-player";
import { LessonList } from "~/components/training/lesson-list";
import { getOptionalUser } from "~/auth/guards.server";
import { handleFeedback } from "~/content/feedback-action.server";
import { articleShouldRevalidate, cacheableHeaders, pageMeta } from "~/content/http";
import { pageNotFound } from "~/content/pages.server";
import { pageIdFromPath } from "~/content/paths";
import { lessonPage } from "~/training/pages.server";
import { withSeo } from "~/seo/meta";
import { contentPageSeo } from "~/seo/page-seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await lessonPage(params.course, params.lesson, await getOptionalUser(request));
  if (!found) return pageNotFound();
  return found;
}

/** "Was this helpful?" on a lesson, as on every article. */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = pageIdFromPath("training", `${params.course}/${params.lesson}`);
  if (!id) return pageNotFound();
  return handleFeedback(request, id);
}

export const headers = cacheableHeaders;
export const shouldRevalidate = articleShouldRevalidate;
export const meta: MetaFunction<typeof loader> = withSeo(({ data }) => pageMeta(data?.page), contentPageSeo);

export default function LessonPage() {
  const { page, course, lessonNumber, previous, next, completedLessons, video } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const quizUrl = `${course.url}/quiz`;
  const lead = (
    <>
      <p className="mt-4 text-sm font-medium text-slate-600 dark:text-slate-300" data-testid="lesson-position">
        Lesson {lessonNumber} of {course.lessons.length} in{" "}
        <Link to={course.url} className="underline">
          {course.title}
        </Link>
      </p>
      {video?.media ? <RecordingPlayer title={page.title} comingSoon={false} {...video.media} /> : null}
      {video?.comingSoon ? (
        <p className="mt-4 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
          Video for this lesson: recording coming soon. Meanwhile, read the{" "}
          <Link to={video.url} className="underline">
            webinar&apos;s transcript
          </Link>
          .
        </p>
      ) : null}
    </>
  );
  const footer = (
    <nav
      aria-label="Lessons"
      className="mt-10 flex flex-wrap justify-between gap-4 border-t border-slate-200 pt-6 dark:border-slate-800"
    >
      {previous ? (
        <Link to={previous.url} className="text-sky-700 underline dark:text-sky-400">
          ← Previous: {previous.title}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link to={next.url} className="font-medium text-sky-700 underline dark:text-sky-400">
          Next: {next.title} →
        </Link>
      ) : (
        <Link to={quizUrl} className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800">
          Take the quiz
        </Link>
      )}
    </nav>
  );
  const sidebar = (
    <nav aria-label="Course lessons" className="lg:sticky lg:top-24 lg:self-start">
      <p className="mb-2 font-semibold">{course.title}</p>
      <LessonList
        lessons={course.lessons}
        completed={completedLessons}
        current={page.id.split("/").pop()}
        quizUrl={quizUrl}
      />
    </nav>
  );
  return <ArticleView page={page} actionData={actionData} lead={lead} footer={footer} sidebar={sidebar} />;
}

export function ErrorBoundary() {
  return <NotFound />;
}
