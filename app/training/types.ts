/** What training loaders hand to components (shared by server and browser code; no quiz answers). */

export type LessonLink = {
  slug: string;
  number: number;
  title: string;
  summary: string;
  url: string;
  readingMinutes: number;
  /** A webinar recording the lesson plays (its slug), if any. */
  video: string | null;
};

export type CourseSummary = {
  slug: string;
  url: string;
  title: string;
  summary: string;
  level: "beginner" | "intermediate" | "advanced";
  durationMinutes: number;
  audience: string;
  passMarkPercent: number;
  certificateValidityMonths: number;
  attemptsPerDay: number;
  questionCount: number;
  lessons: LessonLink[];
};

/** A member's place in one course. */
export type CourseProgress = {
  courseSlug: string;
  completedLessons: string[];
  lastLessonSlug: string | null;
  passed: boolean;
};

/** A question as the quiz form shows it: the options without which are correct. */
export type PublicQuestion = {
  name: string;
  number: number;
  question: string;
  multiple: boolean;
  options: { value: string; text: string }[];
};

export type QuestionResult = PublicQuestion & {
  chosen: string[];
  correctOptions: string[];
  isCorrect: boolean;
  explanation: string;
};

export type GradedQuiz = {
  correctCount: number;
  questionCount: number;
  scorePercent: number;
  passed: boolean;
  passMarkPercent: number;
  questions: QuestionResult[];
};

export type CertificateView = {
  id: string;
  holderName: string;
  courseTitle: string;
  courseUrl: string;
  issuedAt: string;
  validUntil: string;
  revokedAt: string | null;
  status: "valid" | "expired" | "revoked";
};
