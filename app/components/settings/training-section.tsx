import { Link } from "@remix-run/react";
import { MyTraining, type MyCourse } from "~/components/training/my-training";
import type { CertificateView } from "~/training/types";

/** Settings: the member's courses (with where to resume) and certificates. */
export function TrainingSection({ courses, certificates }: { courses: MyCourse[]; certificates: CertificateView[] }) {
  return (
    <section aria-labelledby="training-heading" className="space-y-3">
      <h2 id="training-heading" className="text-xl font-semibold">
        Training
      </h2>
      <MyTraining courses={courses} certificates={certificates} headingLevel={3} />
      <p className="text-sm">
        <Link to="/training" className="text-sky-700 underline dark:text-sky-400">
          Browse all courses
        </Link>
      </p>
    </section>
  );
}
