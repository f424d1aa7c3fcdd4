import type { SessionUser } from "../auth/session.server";
import { loadPageView } from "../content/pages.server";
import { findPage } from "../content/store.server";
import { recordingMedia } from "../webinars/recordings.server";
import { courseSummary, findCourse } from "./courses.server";
import { progressOf, recordLessonVisit, resumeTarget } from "./progress.server";

/** The course page: its introduction, lessons, and for a member what they have read and where to resume. */
export async function coursePage(slug: string | undefined, user: SessionUser | null) {
  const course = await findCourse(slug);
  const page = course ? await loadPageView(course.page.id) : null;
  if (!course || !page) return null;
  const summary = courseSummary(course);
  const progress = user ? (await progressOf(user)).get(course.slug) : undefined;
  return {
    course: summary,
    html: page.html,
    updatedAt: page.updatedAt,
    progress: progress ?? null,
    resumeUrl: progress ? resumeTarget(summary.lessons, progress, `${summary.url}/quiz`) : null,
  };
}

/** A lesson: its page, its place in the course, its video (or the honest note that the picture is coming). A member's visit is their progress. */
export async function lessonPage(
  courseSlug: string | undefined,
  lessonSlug: string | undefined,
  user: SessionUser | null,
) {
  const course = await findCourse(courseSlug);
  const index = course?.lessons.findIndex((lesson) => lesson.slug === lessonSlug) ?? -1;
  if (!course || index < 0) return null;
  const lesson = course.lessons[index];
  const page = await loadPageView(`training/${course.slug}/${lesson.slug}`);
  if (!page) return null;
  if (user) await recordLessonVisit(user, course.slug, lesson.slug);
  const progress = user ? (await progressOf(user)).get(course.slug) : undefined;
  const video = lesson.video ? await lessonVideo(lesson.video) : null;
  return {
    page: {
      ...page,
      breadcrumbs: [
        { label: "Help Center", url: "/" },
        { label: "Training", url: "/training" },
        { label: course.frontmatter.title, url: `/training/${course.slug}` },
      ],
      // A lesson's neighbours are the previous and next lessons, not other courses' lessons of the same category.
      related: [],
    },
    course: courseSummary(course),
    lessonNumber: index + 1,
    previous: course.lessons[index - 1] ?? null,
    next: course.lessons[index + 1] ?? null,
    completedLessons: progress?.completedLessons ?? [],
    video,
  };
}

/** A lesson's recording: played with its captions when the real video is there; "coming soon" while the file is a placeholder. */
async function lessonVideo(slug: string) {
  const recording = await findPage(`webinars/${slug}`);
  const comingSoon = Boolean(
    recording && "recordingStatus" in recording.frontmatter && recording.frontmatter.recordingStatus === "coming-soon",
  );
  return { slug, url: `/webinars/${slug}`, comingSoon, media: comingSoon ? null : await recordingMedia(slug) };
}
