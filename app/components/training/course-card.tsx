import { Link } from "@remix-run/react";
import type { CourseSummary } from "~/training/types";

const LEVEL_NAMES: Record<CourseSummary["level"], string> = {
  beginner: "Beginner",
  intermediate: "Intermediate",
  advanced: "Advanced",
};

export function levelName(level: CourseSummary["level"]) {
  return LEVEL_NAMES[level];
}

/** What a course asks of a learner and gives them: level, time, lessons, pass mark and certificate. */
export function CourseFacts({ course }: { course: CourseSummary }) {
  return (
    <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Level</dt>
        <dd className="font-medium">{levelName(course.level)}</dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Time</dt>
        <dd className="font-medium">About {course.durationMinutes} min</dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Lessons</dt>
        <dd className="font-medium">{course.lessons.length}</dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Quiz</dt>
        <dd className="font-medium">
          {course.questionCount} questions, pass mark {course.passMarkPercent}%
        </dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Certificate</dt>
        <dd className="font-medium">Valid {course.certificateValidityMonths} months</dd>
      </div>
    </dl>
  );
}

export function CourseCard({ course }: { course: CourseSummary }) {
  return (
    <li className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <h3 className="text-lg font-semibold">
        <Link to={course.url} className="text-sky-700 hover:underline dark:text-sky-400">
          {course.title}
        </Link>
      </h3>
      <p className="mt-1 text-slate-700 dark:text-slate-300">{course.summary}</p>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">For: {course.audience}</p>
      <CourseFacts course={course} />
    </li>
  );
}
