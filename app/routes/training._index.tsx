import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LocalTime } from "~/components/local-time";
import { CourseCard } from "~/components/training/course-card";
import { MyTraining } from "~/components/training/my-training";
import { getOptionalUser } from "~/auth/guards.server";
import { cacheableHeaders } from "~/content/http";
import { PLAN_NAMES, SUPPORT_TIME_ZONE_NAME } from "~/support/policy";
import { trainingCatalogue } from "~/training/catalogue.server";
import { withSeo } from "~/seo/meta";

/** /training: courses, on-demand recordings, the weekly webinar and live training; a member's own courses and certificates. */
export async function loader({ request }: LoaderFunctionArgs) {
  return trainingCatalogue(await getOptionalUser(request));
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Training · TechFlow Help Center" },
  {
    name: "description",
    content:
      "Self-paced courses with certificates, on-demand recordings, the weekly webinar and live training sessions.",
  },
]);

export default function TrainingCatalogue() {
  const { courses, recordings, nextWebinar, liveTrainingPlans, member } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-12">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Training</h1>
        <p className="mt-3 max-w-3xl text-lg text-slate-700 dark:text-slate-300">
          Learn at your own pace with short courses and earn a certificate, watch a recording, join the weekly webinar,
          or book a live session for your team.
        </p>
      </header>

      {member ? <MyTraining courses={member.courses} certificates={member.certificates} /> : null}

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading" className="text-2xl font-semibold">
          Courses with a certificate
        </h2>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Read the lessons, then pass the quiz to get a certificate anyone can verify.
          {member ? null : " Sign in to keep your place and take the quiz."}
        </p>
        <ul className="mt-4 grid gap-4 md:grid-cols-2" data-testid="course-list">
          {courses.map((course) => (
            <CourseCard key={course.slug} course={course} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="videos-heading">
        <h2 id="videos-heading" className="text-2xl font-semibold">
          On-demand videos
        </h2>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {recordings.every((recording) => recording.videoComingSoon)
            ? "Past webinars: each one's transcript is here to read now, and its recording will follow."
            : "Past webinars: recordings with captions and a full transcript."}
        </p>
        <ul className="mt-4 grid gap-4 md:grid-cols-3" data-testid="recording-list">
          {recordings.map((recording) => (
            <li key={recording.url} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
              <Link to={recording.url} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                {recording.title}
              </Link>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{recording.summary}</p>
              <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
                {recording.videoComingSoon
                  ? "Recording coming soon: the transcript and captions are ready to read now."
                  : `${recording.durationMinutes} min video with captions and transcript`}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section
        aria-labelledby="webinar-heading"
        className="rounded-lg border border-slate-200 p-5 dark:border-slate-700"
      >
        <h2 id="webinar-heading" className="text-xl font-semibold">
          Weekly webinar
        </h2>
        {nextWebinar ? (
          <p className="mt-2">
            Next: <strong>{nextWebinar.title}</strong>, <LocalTime iso={nextWebinar.start} /> (shown in your time zone
            once the page has loaded, {SUPPORT_TIME_ZONE_NAME} otherwise).
          </p>
        ) : null}
        <p className="mt-2">
          <Link to="/webinars" className="text-sky-700 underline dark:text-sky-400">
            See the schedule and add it to your calendar
          </Link>
        </p>
      </section>

      <section aria-labelledby="live-heading" className="rounded-lg bg-sky-50 p-5 dark:bg-sky-950/40">
        <h2 id="live-heading" className="text-xl font-semibold">
          Live training sessions
        </h2>
        <p className="mt-2">
          A TechFlow trainer runs a session for your team on your own setup. Included with the{" "}
          {liveTrainingPlans.map((plan) => PLAN_NAMES[plan]).join(" and ")} plans.
        </p>
        <p className="mt-2">
          <Link to="/training/live" className="text-sky-700 underline dark:text-sky-400">
            Request a live session
          </Link>
        </p>
      </section>
    </div>
  );
}
