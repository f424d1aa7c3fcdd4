/** The insights page's training numbers, per course (shared by the server module and the section component). */
export type CourseInsight = {
  slug: string;
  title: string;
  enrolments: number;
  completions: number;
  attempts: number;
  passedAttempts: number;
  /** Passed attempts over all attempts, 0–100; null with no attempts. */
  passRatePercent: number | null;
  certificatesIssued: number;
};

export type TrainingInsights = { courses: CourseInsight[]; certificatesIssued: number; certificatesRevoked: number };
