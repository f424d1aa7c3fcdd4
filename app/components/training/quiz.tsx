import type { FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { GradedQuiz, PublicQuestion } from "~/training/types";

type QuestionField = FieldMetadata<unknown> | undefined;

/** One question as a fieldset of radio buttons (one answer) or checkboxes (several); works without JavaScript. */
export function QuizQuestionField({ question, field }: { question: PublicQuestion; field: QuestionField }) {
  const errorId = `${question.name}-error`;
  const errors = field?.errors;
  const initial = field?.initialValue;
  const chosen = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === "string" ? [initial] : []);
  return (
    <fieldset
      id={`field-${question.name}`}
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      aria-describedby={errors ? errorId : undefined}
      aria-invalid={errors ? true : undefined}
      data-testid="quiz-question"
    >
      <legend className="px-1 font-semibold">
        {question.number}. {question.question}
      </legend>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {question.multiple ? "Choose all that apply." : "Choose one."}
      </p>
      <div className="mt-2 space-y-2">
        {question.options.map((option) => {
          const id = `${question.name}-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-2">
              <input
                id={id}
                type={question.multiple ? "checkbox" : "radio"}
                name={question.name}
                value={option.value}
                defaultChecked={chosen.has(option.value)}
                className="mt-1 h-4 w-4"
              />
              <label htmlFor={id}>{option.text}</label>
            </div>
          );
        })}
      </div>
      {errors ? (
        <p id={errorId} className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
          {errors[0]}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The graded quiz: the score, the certificate on a pass, and each question's right answer and explanation. */
export function QuizResults({
  graded,
  certificateId,
  courseUrl,
}: {
  graded: GradedQuiz;
  certificateId: string | null;
  courseUrl: string;
}) {
  return (
    <div className="space-y-6" data-testid="quiz-results">
      <div
        role="status"
        className={`rounded-lg border p-4 ${graded.passed ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950" : "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950"}`}
      >
        <h2 className="text-xl font-semibold">{graded.passed ? "You passed" : "Not passed this time"}</h2>
        <p className="mt-1">
          You answered {graded.correctCount} of {graded.questionCount} questions correctly ({graded.scorePercent}%). The
          pass mark is {graded.passMarkPercent}%.
        </p>
        {certificateId ? (
          <p className="mt-2">
            <Link to={`/certificates/${certificateId}`} className="font-medium underline">
              View your certificate
            </Link>{" "}
            (anyone with the link can verify it).
          </p>
        ) : (
          <p className="mt-2">
            Read the explanations below, review the{" "}
            <Link to={courseUrl} className="underline">
              lessons
            </Link>
            , then try again.
          </p>
        )}
      </div>
      <ol className="space-y-4">
        {graded.questions.map((question) => (
          <li key={question.name} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
            <p className="font-semibold">
              {question.number}. {question.question}
            </p>
            <p
              className={`mt-1 text-sm font-medium ${question.isCorrect ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}
            >
              {question.isCorrect ? "Correct" : "Not correct"}
            </p>
            <ul className="mt-2 space-y-1 text-sm">
              {question.options.map((option) => {
                const right = question.correctOptions.includes(option.value);
                const picked = question.chosen.includes(option.value);
                return (
                  <li key={option.value}>
                    {option.text}
                    {right ? <strong> (correct answer)</strong> : null}
                    {picked ? " (your answer)" : null}
                  </li>
                );
              })}
            </ul>
            <p className="mt-2 text-sm">{question.explanation}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
