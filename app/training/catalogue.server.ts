import type { SessionUser } from "../auth/session.server";
import { linkTo } from "../content/pages.server";
import { listPages } from "../content/store.server";
import { LIVE_TRAINING_PLANS } from "../support/policy";
import { liveSessionTopic } from "../webinars/live-sessions";
import { upcomingWebinarSessions } from "../webinars/schedule";
import { certificatesOf } from "./certificates.server";
import { courseSummary, listCourses } from "./courses.server";
import { progressOf, resumeTarget } from "./progress.server";

/** Everything /training lists: courses, on-demand recordings, the next weekly webinar and live training; a member's own courses and certificates. */
export async function trainingCatalogue(user: SessionUser | null, now = new Date()) {
  const [courses, recordings] = await Promise.all([listCourses(), listPages("webinars")]);
  const [nextWebinar] = upcomingWebinarSessions(now, 1);
  const summaries = courses.map(courseSummary);
  const member = user ? await memberTraining(user, summaries, now) : null;
  return {
    courses: summaries,
    recordings: recordings.map((page) => {
      return {
        ...linkTo(page),
        durationMinutes: "durationMinutes" in page.frontmatter ? page.frontmatter.durationMinutes : null,
        // The captions and transcript are real; the picture of a placeholder is not, so the catalogue says so.
        videoComingSoon: "recordingStatus" in page.frontmatter && page.frontmatter.recordingStatus === "coming-soon",
      };
    }),
    nextWebinar: nextWebinar
      ? { start: nextWebinar.start.toISOString(), ...liveSessionTopic(nextWebinar.localDate) }
      : null,
    liveTrainingPlans: LIVE_TRAINING_PLANS,
    member,
  };
}

/** A member's courses, progress and certificates (the account settings page). */
export async function myTraining(user: SessionUser, now = new Date()) {
  return memberTraining(user, (await listCourses()).map(courseSummary), now);
}

async function memberTraining(user: SessionUser, courses: ReturnType<typeof courseSummary>[], now: Date) {
  const [progress, certificates] = await Promise.all([progressOf(user), certificatesOf(user, undefined, now)]);
  const started = courses.flatMap((course) => {
    const mine = progress.get(course.slug);
    if (!mine) return [];
    const read = course.lessons.filter((lesson) => mine.completedLessons.includes(lesson.slug)).length;
    return [
      {
        slug: course.slug,
        title: course.title,
        url: course.url,
        lessonsRead: read,
        lessonCount: course.lessons.length,
        passed: mine.passed,
        resumeUrl: resumeTarget(course.lessons, mine, `${course.url}/quiz`),
      },
    ];
  });
  return { courses: started, certificates };
}
