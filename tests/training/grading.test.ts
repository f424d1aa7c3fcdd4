import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { gradeQuiz, publicQuestions, quizAnswersSchema, unansweredMessage } from "~/training/grading";
import { ALL_RIGHT, THREE_RIGHT, TWO_RIGHT, makeCourse } from "./course-fixture";

const course = makeCourse();
const quiz = course.frontmatter.quiz;

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("quiz grading", () => {
  it("sends the browser the questions and options but not which options are correct", () => {
    const shown = publicQuestions(quiz);
    expect(shown[2]).toEqual({
      name: "q3",
      number: 3,
      question: "Question three, several answers?",
      multiple: true,
      options: [
        { value: "a", text: "Yes A" },
        { value: "b", text: "No B" },
        { value: "c", text: "Yes C" },
      ],
    });
    expect(JSON.stringify(shown)).not.toMatch(/correct|explanation/);
  });

  it("scores against the pass mark: 75% passes a 75% mark, 50% does not", () => {
    expect(gradeQuiz(quiz, ALL_RIGHT, 75)).toMatchObject({ correctCount: 4, scorePercent: 100, passed: true });
    expect(gradeQuiz(quiz, THREE_RIGHT, 75)).toMatchObject({ correctCount: 3, scorePercent: 75, passed: true });
    expect(gradeQuiz(quiz, TWO_RIGHT, 75)).toMatchObject({ correctCount: 2, scorePercent: 50, passed: false });
  });

  it("counts a several-answer question right only with exactly the correct options, and explains every question", () => {
    const partly = gradeQuiz(quiz, { ...ALL_RIGHT, q3: ["a"] }, 75).questions[2];
    const tooMany = gradeQuiz(quiz, { ...ALL_RIGHT, q3: ["a", "b", "c"] }, 75).questions[2];
    expect(partly).toMatchObject({
      isCorrect: false,
      chosen: ["a"],
      correctOptions: ["a", "c"],
      explanation: "A and C are right.",
    });
    expect(tooMany.isCorrect).toBe(false);
  });

  it("refuses an empty or partial submission with a message per missing question, before anything is graded", () => {
    const schema = quizAnswersSchema(publicQuestions(quiz));
    const empty = parseWithZod(form([]), { schema });
    expect(empty.status).toBe("error");
    const emptyErrors = empty.status === "error" ? (empty.error ?? {}) : {};
    expect(emptyErrors.q1).toEqual(["Answer question 1."]);
    expect(emptyErrors.q3).toEqual(["Answer question 3."]);
    expect(unansweredMessage(publicQuestions(quiz), emptyErrors)).toMatch(/not answered any of the 4 questions/);

    const partial = parseWithZod(
      form([
        ["q1", "a"],
        ["q3", "a"],
        ["q3", "c"],
      ]),
      { schema },
    );
    const partialErrors = partial.status === "error" ? (partial.error ?? {}) : {};
    expect(Object.keys(partialErrors).sort()).toEqual(["q2", "q4"]);
    expect(unansweredMessage(publicQuestions(quiz), partialErrors)).toMatch(/You answered 2 of 4 questions/);

    const forged = parseWithZod(
      form([
        ["q1", "z"],
        ["q2", "b"],
        ["q3", "a"],
        ["q4", "a"],
      ]),
      { schema },
    );
    expect(forged.status === "error" ? forged.error?.q1 : null).toEqual(["Choose one of the options shown."]);
  });
});
