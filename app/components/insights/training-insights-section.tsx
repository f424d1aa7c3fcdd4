import type { TrainingInsights } from "~/insights/training-insights";

/** The insights page's training section: per course, enrolments, completions, the quiz pass rate and certificates issued. */
export function TrainingInsightsSection({ training, label }: { training: TrainingInsights; label: string }) {
  return (
    <section aria-labelledby="training-insights" className="border-t border-slate-200 pt-6 dark:border-slate-700">
      <h2 id="training-insights" className="text-2xl font-semibold">
        Training
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        {training.certificatesIssued} certificate{training.certificatesIssued === 1 ? "" : "s"} issued and{" "}
        {training.certificatesRevoked} revoked, {label}. A completion is a member&apos;s first pass of the course&apos;s
        quiz.
      </p>
      <div className="mt-3 overflow-x-auto" role="region" aria-label="Training by course" tabIndex={0}>
        <table className="w-full text-left text-sm" data-testid="training-insights">
          <caption className="sr-only">Training by course, {label}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-2 pr-4">
                Course
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                Enrolments
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                Completions
              </th>
              <th scope="col" className="py-2 pr-4 text-right">
                Quiz pass rate
              </th>
              <th scope="col" className="py-2 text-right">
                Certificates issued
              </th>
            </tr>
          </thead>
          <tbody>
            {training.courses.map((course) => (
              <tr key={course.slug} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-2 pr-4 font-medium">
                  {course.title}
                </th>
                <td className="py-2 pr-4 text-right tabular-nums">{course.enrolments}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{course.completions}</td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {course.passRatePercent === null
                    ? "–"
                    : `${course.passRatePercent}% (${course.passedAttempts} of ${course.attempts})`}
                </td>
                <td className="py-2 text-right tabular-nums">{course.certificatesIssued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
