import { lessonNumberOfFile } from "./paths";

type StructureProblem = { file: string; line: number; message: string };

/**
 * The shape of each course folder: a `course.mdx` and lessons numbered 01, 02, … with no gap and no
 * number used twice, so "lesson 3 of 5" and "resume at the next lesson" always mean what they say.
 * Takes the content files (relative paths) the build found.
 */
export function trainingStructureProblems(files: readonly string[]): StructureProblem[] {
  const courses = new Map<string, { hasCourseFile: boolean; lessons: { file: string; number: number }[] }>();
  for (const file of files) {
    const match = /^training\/([^/]+)\/([^/]+)$/.exec(file);
    if (!match) continue;
    const course = courses.get(match[1]) ?? { hasCourseFile: false, lessons: [] };
    courses.set(match[1], course);
    if (match[2] === "course.mdx") course.hasCourseFile = true;
    const number = lessonNumberOfFile(file);
    if (number !== null) course.lessons.push({ file, number });
  }
  const problems: StructureProblem[] = [];
  for (const [slug, course] of courses) {
    const lessons = [...course.lessons].sort((a, b) => a.number - b.number || a.file.localeCompare(b.file));
    if (!course.hasCourseFile)
      problems.push({
        file: lessons[0]?.file ?? `training/${slug}`,
        line: 1,
        message: `course "${slug}" has no course.mdx (title, summary, level, pass mark, certificate validity and the quiz)`,
      });
    if (lessons.length === 0) {
      problems.push({ file: `training/${slug}/course.mdx`, line: 1, message: `course "${slug}" has no lessons (add 01-<lesson>.mdx)` });
      continue;
    }
    const numbers: number[] = [];
    for (const [index, lesson] of lessons.entries()) {
      const previous = lessons[index - 1];
      if (previous?.number === lesson.number)
        problems.push({
          file: lesson.file,
          line: 1,
          message: `lesson number ${twoDigits(lesson.number)} is used twice (also ${previous.file}); number the lessons 01, 02, 03…`,
        });
      else numbers.push(lesson.number);
    }
    // One report per course is enough: after the first gap every number is off by the same amount.
    const gapAt = numbers.findIndex((number, index) => number !== index + 1);
    if (gapAt >= 0)
      problems.push({
        file: lessons.find((lesson) => lesson.number === numbers[gapAt])?.file ?? `training/${slug}`,
        line: 1,
        message: `lesson out of order: expected lesson ${twoDigits(gapAt + 1)}, found ${twoDigits(numbers[gapAt])} (number the lessons 01, 02, 03… without gaps)`,
      });
  }
  return problems;
}

function twoDigits(number: number) {
  return String(number).padStart(2, "0");
}
