import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { TextPiece } from "./prose-rules.server";

/**
 * The prose a customer reads that is not MDX: the strings of the seed modules (forum threads, ideas,
 * tickets, status incidents) and the webinar captions. content:check reads both with the MDX rules.
 */

/** The seed modules whose strings are shown to customers as posts, ideas, ticket replies and incidents. */
export const SEEDED_CONTENT_FILES = [
  "prisma/seed-forum-content.ts",
  "prisma/seed-forum.ts",
  "prisma/seed-ideas.ts",
  "prisma/seed-tickets.ts",
  "prisma/seed-status.ts",
];

/**
 * Every string literal of a seed module, with the line it starts on. A template's `${…}` parts are
 * values read from the policy module, not text typed in, so they read as "…" here.
 */
export function seededStrings(file: string, label = file): TextPiece[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const pieces: TextPiece[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      pieces.push({ file: label, line: lineOf(node), text: node.text });
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((span) => `…${span.literal.text}`)].join("");
      pieces.push({ file: label, line: lineOf(node), text });
      // The expressions may hold string literals of their own (a nested template, a ternary's words).
      for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return pieces;
}

/** Every cue text of every `*.vtt` track in `dir` (chapter titles too: players show them), with the line it starts on. */
export function captionTexts(dir: string, label: (file: string) => string): TextPiece[] {
  if (!fs.existsSync(dir)) return [];
  const pieces: TextPiece[] = [];
  for (const name of fs.readdirSync(dir).filter((entry) => entry.endsWith(".vtt")).sort()) {
    const lines = fs.readFileSync(path.join(dir, name), "utf8").replace(/\r\n?/g, "\n").split("\n");
    lines.forEach((line, index) => {
      if (!line.includes("-->")) return;
      // A cue's text is the lines after its timing line, up to the blank line that ends the cue.
      const text: string[] = [];
      for (let at = index + 1; at < lines.length && lines[at]!.trim() !== ""; at++) text.push(lines[at]!);
      if (text.length) pieces.push({ file: label(name), line: index + 2, text: text.join("\n") });
    });
  }
  return pieces;
}
