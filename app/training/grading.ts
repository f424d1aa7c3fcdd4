import { z } from "zod";
import type { QuizQuestion } from "../content/schema";
import type { GradedQuiz, PublicQuestion } from "./types";

/**
 * Quiz questions as the form shows them and as grading reads them back: question n is the field
 * `q<n>`, its options the values a, b, c…; which options are correct never leaves the server before
 * the answers are in.
 */

const OPTION_VALUES = "abcdefghij";

export function publicQuestions(quiz: readonly QuizQuestion[]): PublicQuestion[] {
  return quiz.map((question, index) => ({
    name: `q${index + 1}`,
    number: index + 1,
    question: question.question,
    multiple: question.answers === "multiple",
    options: question.options.map((option, at) => ({ value: OPTION_VALUES[at], text: option.text })),
  }));
}

/**
 * The submitted form: every question answered with options it has. A question left blank gets
 * "Answer question n" beside it, so an empty or partial submission says what is missing.
 */
export function quizAnswersSchema(questions: readonly PublicQuestion[]) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const question of questions) {
    const values = question.options.map((option) => option.value) as [string, ...string[]];
    const missing = `Answer question ${question.number}.`;
    shape[question.name] = question.multiple
      ? z
          .array(z.enum(values, { errorMap: () => ({ message: "Choose from the options shown." }) }), {
            required_error: missing,
          })
          .min(1, missing)
          .max(values.length)
      : z.enum(values, {
          errorMap: (issue) => ({
            message: issue.code === "invalid_type" ? missing : "Choose one of the options shown.",
          }),
        });
  }
  return z.object(shape);
}

/** "You answered 3 of 8 questions": the message above the form when some are blank. */
export function unansweredMessage(questions: readonly PublicQuestion[], fieldErrors: Record<string, unknown>) {
  const missing = questions.filter((question) => question.name in fieldErrors).length;
  const answered = questions.length - missing;
  return answered === 0
    ? `You have not answered any of the ${questions.length} questions yet. Choose an answer for each, then submit.`
    : `You answered ${answered} of ${questions.length} questions. Answer the rest (marked below), then submit: nothing was graded and no attempt was used.`;
}

export type QuizAnswers = Record<string, string | string[]>;

export function gradeQuiz(quiz: readonly QuizQuestion[], answers: QuizAnswers, passMarkPercent: number): GradedQuiz {
  const questions = publicQuestions(quiz).map((shown, index) => {
    const given = answers[shown.name];
    const chosen = [...new Set(Array.isArray(given) ? given : given ? [given] : [])].sort();
    const correctOptions = quiz[index].options.flatMap((option, at) => (option.correct ? [OPTION_VALUES[at]] : []));
    const isCorrect =
      chosen.length === correctOptions.length && chosen.every((value, at) => value === correctOptions[at]);
    return { ...shown, chosen, correctOptions, isCorrect, explanation: quiz[index].explanation };
  });
  const correctCount = questions.filter((question) => question.isCorrect).length;
  const scorePercent = quiz.length === 0 ? 0 : Math.floor((correctCount * 100) / quiz.length);
  return {
    correctCount,
    questionCount: quiz.length,
    scorePercent,
    passed: scorePercent >= passMarkPercent,
    passMarkPercent,
    questions,
  };
}
