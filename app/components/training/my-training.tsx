import { Link } from "@remix-run/react";
import type { CertificateView } from "~/training/types";

export type MyCourse = {
  slug: string;
  title: string;
  url: string;
  lessonsRead: number;
  lessonCount: number;
  passed: boolean;
  resumeUrl: string;
};

const STATUS_TEXT: Record<CertificateView["status"], string> = {
  valid: "Valid",
  expired: "Expired",
  revoked: "Revoked",
};

function formatDay(iso: string) {
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export function CertificateDates({ certificate }: { certificate: CertificateView }) {
  return (
    <>
      issued <time dateTime={certificate.issuedAt}>{formatDay(certificate.issuedAt)}</time>, valid until{" "}
      <time dateTime={certificate.validUntil}>{formatDay(certificate.validUntil)}</time>
    </>
  );
}

export function certificateStatusText(status: CertificateView["status"]) {
  return STATUS_TEXT[status];
}

/** A member's courses (with where to resume) and certificates: on /training and in the account's settings. */
export function MyTraining({
  courses,
  certificates,
  headingLevel = 2,
}: {
  courses: MyCourse[];
  certificates: CertificateView[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="grid gap-6 md:grid-cols-2" data-testid="my-training">
      <section aria-labelledby="my-courses-heading">
        <Heading id="my-courses-heading" className="text-xl font-semibold">
          Your courses
        </Heading>
        {courses.length === 0 ? (
          <p className="mt-2 text-slate-600 dark:text-slate-300">
            You have not started a course yet. Open any lesson to start.
          </p>
        ) : (
          <ul className="mt-2 space-y-3">
            {courses.map((course) => (
              <li key={course.slug} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
                <Link to={course.url} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {course.title}
                </Link>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  {course.lessonsRead} of {course.lessonCount} lessons read{course.passed ? " · quiz passed" : ""}
                </p>
                <Link to={course.resumeUrl} className="mt-1 inline-block text-sm underline">
                  {course.passed ? "Review the course" : "Resume where you left off"}
                  <span className="sr-only"> in “{course.title}”</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-certificates-heading">
        <Heading id="my-certificates-heading" className="text-xl font-semibold">
          Your certificates
        </Heading>
        {certificates.length === 0 ? (
          <p className="mt-2 text-slate-600 dark:text-slate-300">Pass a course's quiz to earn a certificate.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {certificates.map((certificate) => (
              <li key={certificate.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
                <Link
                  to={`/certificates/${certificate.id}`}
                  className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                >
                  {certificate.courseTitle}
                </Link>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  {certificateStatusText(certificate.status)}: <CertificateDates certificate={certificate} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
