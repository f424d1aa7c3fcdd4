import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkContent } from "~/content/check.server";
import { makeContentTree } from "../factories/content";

let tree: ReturnType<typeof makeContentTree>;
afterEach(() => tree?.cleanup());

type Option = { text: string; correct?: boolean };
type Question = { question: string; answers?: "single" | "multiple"; options: Option[]; explanation?: string };

const GOOD_QUESTION: Question = {
  question: "Which priority is a complete outage?",
  options: [{ text: "Priority 1", correct: true }, { text: "Priority 4" }],
  explanation: "A complete outage is Priority 1.",
};

function yamlOf(questions: Question[]) {
  return questions
    .map((question) => {
      const lines = [`  - question: "${question.question}"`];
      if (question.answers) lines.push(`    answers: ${question.answers}`);
      lines.push("    options:");
      for (const option of question.options) {
        lines.push(`      - text: "${option.text}"`);
        if (option.correct) lines.push("        correct: true");
      }
      if (question.explanation) lines.push(`    explanation: "${question.explanation}"`);
      return lines.join("\n");
    })
    .join("\n");
}

function courseFile(questions: Question[] = [GOOD_QUESTION, GOOD_QUESTION, GOOD_QUESTION].map((q, i) => ({ ...q, question: `${q.question} (${i + 1})` }))) {
  return `---\ntitle: "A course"\nsummary: "A summary that is long enough."\nlevel: beginner\ndurationMinutes: 20\naudience: "Everyone who contacts support."\npassMarkPercent: 75\ncertificateValidityMonths: 12\nquiz:\n${yamlOf(questions)}\n---\n\nAbout the course.\n`;
}

function lesson(title: string, extra = "") {
  return `---\ntitle: "${title}"\nsummary: "A summary that is long enough."\n${extra}---\n\nLesson text.\n`;
}

async function problemsFor(files: Record<string, string>) {
  tree = makeContentTree();
  for (const [file, text] of Object.entries(files)) tree.write(file, text);
  const routesDir = path.join(tree.root, "routes");
  fs.mkdirSync(routesDir);
  const problems = await checkContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir, publicDir: tree.publicDir, routesDir });
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);
}

describe("content:check on training courses", () => {
  it("accepts a course with numbered lessons and a well-formed quiz, at stable lesson addresses", async () => {
    expect(
      await problemsFor({
        "training/basics/course.mdx": courseFile(),
        "training/basics/01-first.mdx": lesson("First lesson"),
        "training/basics/02-second.mdx": lesson("Second lesson", "related: [training/basics/first]\n"),
      }),
    ).toEqual([]);
  });

  it("refuses a single-answer question with no correct option or two, and a multiple-answer one with a single correct option", async () => {
    const problems = await problemsFor({
      "training/basics/course.mdx": courseFile([
        { ...GOOD_QUESTION, question: "None marked correct here?", options: [{ text: "A" }, { text: "B" }] },
        { ...GOOD_QUESTION, question: "Two marked correct here?", options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }] },
        { ...GOOD_QUESTION, question: "Choose all that apply here?", answers: "multiple", options: [{ text: "A", correct: true }, { text: "B" }, { text: "C" }] },
      ]),
      "training/basics/01-first.mdx": lesson("First lesson"),
    });
    expect(problems).toEqual([
      "training/basics/course.mdx:10: quiz question 1 is a single-answer question but marks 0 options correct; mark exactly one",
      "training/basics/course.mdx:15: quiz question 2 is a single-answer question but marks 2 options correct; mark exactly one",
      expect.stringMatching(/^training\/basics\/course\.mdx:23: quiz question 3 is a multiple-answer question but marks 1 of 3 options correct/),
    ]);
  });

  it("refuses a question without an explanation", async () => {
    const { explanation: _dropped, ...withoutExplanation } = GOOD_QUESTION;
    const problems = await problemsFor({
      "training/basics/course.mdx": courseFile([GOOD_QUESTION, { ...withoutExplanation, question: "Where is the explanation?" }, { ...GOOD_QUESTION, question: "A third question here?" }]),
      "training/basics/01-first.mdx": lesson("First lesson"),
    });
    expect(problems).toEqual([expect.stringMatching(/^training\/basics\/course\.mdx:\d+: quiz question 2: "explanation" is required/)]);
  });

  it("refuses a gap in the lesson numbers, a number used twice and a course without its course file", async () => {
    const problems = await problemsFor({
      "training/gappy/course.mdx": courseFile(),
      "training/gappy/01-first.mdx": lesson("First lesson"),
      "training/gappy/03-third.mdx": lesson("Third lesson"),
      "training/twice/course.mdx": courseFile(),
      "training/twice/01-first.mdx": lesson("First lesson"),
      "training/twice/01-again.mdx": lesson("Again lesson"),
      "training/orphan/01-first.mdx": lesson("First lesson"),
    });
    expect(problems).toEqual([
      "training/gappy/03-third.mdx:1: lesson out of order: expected lesson 02, found 03 (number the lessons 01, 02, 03… without gaps)",
      expect.stringMatching(/^training\/orphan\/01-first\.mdx:1: course "orphan" has no course\.mdx/),
      expect.stringMatching(/^training\/twice\/01-first\.mdx:1: lesson number 01 is used twice/),
    ]);
  });

  it("refuses a lesson video that is not a captioned recording, and a figure restated in a quiz", async () => {
    const problems = await problemsFor({
      "training/basics/course.mdx": courseFile([
        GOOD_QUESTION,
        { ...GOOD_QUESTION, question: "Is the Enterprise target 15 minutes?" },
        { ...GOOD_QUESTION, question: "A third question here?" },
      ]),
      "training/basics/01-first.mdx": lesson("First lesson", "video: no-such-recording\n"),
    });
    expect(problems).toEqual([
      'training/basics/01-first.mdx:4: video "no-such-recording" is not a webinar recording (no content/webinars/no-such-recording.mdx)',
      expect.stringMatching(/^training\/basics\/course\.mdx:\d+: "15 minutes" restates a duration/),
    ]);
  });

  it("refuses a training file that is neither the course file nor a numbered lesson", async () => {
    const problems = await problemsFor({
      "training/basics/course.mdx": courseFile(),
      "training/basics/01-first.mdx": lesson("First lesson"),
      "training/basics/intro.mdx": lesson("Unnumbered"),
    });
    expect(problems).toEqual([expect.stringMatching(/^training\/basics\/intro\.mdx:1: a training file must be/)]);
  });
});
