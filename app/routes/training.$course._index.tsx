import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/article/breadcrumbs";
import { NotFound } from "~/components/not-found";
import { CourseFacts } from "~/components/training/course-card";
import { LessonList } from "~/components/training/lesson-list";
import { getOptionalUser } from "~/auth/guards.server";
import { cacheableHeaders } from "~/content/http";
import { pageNotFound } from "~/content/pages.server";
import { coursePage } from "~/training/pages.server";
import { withSeo } from "~/seo/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await coursePage(params.course, await getOptionalUser(request));
  if (!found) return pageNotFound();
  return found;
}

export const headers = cacheableHeaders;
export const meta: MetaFunction<typeof loader> = withSeo(({ data }) =>
  data
    ? [
        { title: `${data.course.title} · Training · TechFlow Help Center` },
        { name: "description", content: data.course.summary },
      ]
    : [{ title: "Page not found · TechFlow Help Center" }],
);

const BUTTON = "inline-block rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800";

export default function CoursePage() {
  const { course, html, progress, resumeUrl } = useLoaderData<typeof loader>();
  const firstLesson = course.lessons[0];
  return (
    <article className="mx-auto max-w-3xl">
      <Breadcrumbs
        crumbs={[
          { label: "Help Center", url: "/" },
          { label: "Training", url: "/training" },
        ]}
        current={course.title}
      />
      <header className="mt-4 border-b border-slate-200 pb-6 dark:border-slate-800">
        <p className="text-sm font-medium uppercase tracking-wide text-sky-800 dark:text-sky-300">Course</p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight sm:text-4xl">{course.title}</h1>
        <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">{course.summary}</p>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">For: {course.audience}</p>
        <CourseFacts course={course} />
        <p className="mt-5 flex flex-wrap gap-3">
          {resumeUrl && progress ? (
            <Link to={resumeUrl} className={BUTTON}>
              {progress.passed ? "Review the course" : "Resume where you left off"}
            </Link>
          ) : firstLesson ? (
            <Link to={firstLesson.url} className={BUTTON}>
              Start the course
            </Link>
          ) : null}
          <Link
            to={`${course.url}/quiz`}
            className="inline-block rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Take the quiz
          </Link>
        </p>
        {progress ? (
          <p className="mt-3 text-sm" data-testid="course-progress">
            You have read {course.lessons.filter((lesson) => progress.completedLessons.includes(lesson.slug)).length} of{" "}
            {course.lessons.length} lessons{progress.passed ? " and passed the quiz" : ""}.
          </p>
        ) : null}
      </header>
      <div
        className="prose prose-slate mt-6 max-w-none dark:prose-invert prose-a:text-sky-700 dark:prose-a:text-sky-400"
        // Rendered at build time from MDX in this repository (app/content/compile.server.ts); user text never reaches here.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <section aria-labelledby="lessons-heading" className="mt-8">
        <h2 id="lessons-heading" className="text-xl font-semibold">
          Lessons
        </h2>
        <div className="mt-3">
          <LessonList
            lessons={course.lessons}
            completed={progress?.completedLessons ?? []}
            quizUrl={`${course.url}/quiz`}
          />
        </div>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
