import { Link } from "@remix-run/react";
import type { LessonLink } from "~/training/types";

/** The course's lessons in order; read ones are marked for a signed-in member. */
export function LessonList({
  lessons,
  completed,
  current,
  quizUrl,
}: {
  lessons: LessonLink[];
  completed: readonly string[];
  current?: string;
  quizUrl: string;
}) {
  return (
    <ol className="space-y-1" data-testid="lesson-list">
      {lessons.map((lesson) => {
        const read = completed.includes(lesson.slug);
        return (
          <li key={lesson.slug} className="flex items-start gap-2">
            <span aria-hidden="true" className="w-5 shrink-0 text-emerald-700 dark:text-emerald-400">
              {read ? "✓" : `${lesson.number}.`}
            </span>
            <Link
              to={lesson.url}
              aria-current={lesson.slug === current ? "page" : undefined}
              className={`hover:underline ${lesson.slug === current ? "font-semibold" : "text-sky-700 dark:text-sky-400"}`}
            >
              {lesson.title}
              {read ? <span className="sr-only"> (read)</span> : null}
            </Link>
          </li>
        );
      })}
      <li className="flex items-start gap-2">
        <span aria-hidden="true" className="w-5 shrink-0">
          ★
        </span>
        <Link to={quizUrl} className="text-sky-700 hover:underline dark:text-sky-400">
          Quiz and certificate
        </Link>
      </li>
    </ol>
  );
}
