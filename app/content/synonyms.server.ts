import fs from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import type { BuildProblem } from "./build.server";

/**
 * The search synonyms writers keep in `content/search/synonyms.yml`: groups of words and phrases
 * customers use for the same thing. Content reads and checks the file; search applies the groups
 * when it plans a query (app/search/query-plan.ts) and hands them to Meilisearch as its synonyms.
 */

export const SYNONYMS_FILE = "search/synonyms.yml";

/** Entries are compared the way search reads them: lower-cased, split on anything but letters and digits. */
export function synonymWords(entry: string): string[] {
  return entry
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const MAX_ENTRY_WORDS = 4;
const MAX_ENTRY_LENGTH = 40;

const fileSchema = z.object(
  {
    groups: z.array(z.array(z.union([z.string(), z.number()]).transform(String)), {
      invalid_type_error: "groups must be a list of lists",
    }),
  },
  { invalid_type_error: "the file must hold a `groups:` list" },
);

export type SynonymGroups = readonly (readonly string[])[];
export type SynonymsFile = { groups: SynonymGroups; problems: BuildProblem[] };

function lineOf(document: Document, counter: LineCounter, pathInFile: (string | number)[]): number {
  const node = document.getIn(pathInFile, true) as { range?: [number, number, number] } | undefined;
  return node?.range ? counter.linePos(node.range[0]).line : 1;
}

/** Parses and checks the file's text; groups with a problem are left out, so one bad line never disables search. */
export function parseSynonyms(source: string, file = SYNONYMS_FILE): SynonymsFile {
  const counter = new LineCounter();
  const document = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  const problems: BuildProblem[] = document.errors.map((error) => ({
    file,
    line: error.linePos?.[0]?.line ?? 1,
    message: `not valid YAML: ${error.message.split("\n")[0]}`,
  }));
  if (problems.length) return { groups: [], problems };
  const parsed = fileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success)
    return { groups: [], problems: [{ file, line: 1, message: parsed.error.issues[0]?.message ?? "unreadable" }] };

  const groups: string[][] = [];
  const seen = new Map<string, number>();
  parsed.data.groups.forEach((entries, groupIndex) => {
    const groupLine = lineOf(document, counter, ["groups", groupIndex]);
    const before = problems.length;
    if (entries.length < 2)
      problems.push({ file, line: groupLine, message: "a group needs at least two entries that mean the same" });
    entries.forEach((entry, entryIndex) => {
      const line = lineOf(document, counter, ["groups", groupIndex, entryIndex]);
      const words = synonymWords(entry);
      const key = words.join(" ");
      if (entry !== entry.toLowerCase() || entry.trim() !== entry)
        problems.push({ file, line, message: `"${entry}": write entries in lowercase without outer spaces` });
      else if (words.length === 0 || entry.length > MAX_ENTRY_LENGTH || words.length > MAX_ENTRY_WORDS)
        problems.push({
          file,
          line,
          message: `"${entry}": an entry is one to ${MAX_ENTRY_WORDS} words, at most ${MAX_ENTRY_LENGTH} characters`,
        });
      else if (seen.has(key))
        problems.push({
          file,
          line,
          message: `"${entry}" is already in the group on line ${seen.get(key)}: an entry belongs to one group`,
        });
      else seen.set(key, groupLine);
    });
    if (problems.length === before) groups.push(entries);
  });
  return { groups, problems };
}

/** Reads the file from the content folder; a missing file means no synonyms (and no problem). */
export function readSynonyms(contentDir: string): SynonymsFile {
  const file = path.join(contentDir, SYNONYMS_FILE);
  if (!fs.existsSync(file)) return { groups: [], problems: [] };
  return parseSynonyms(fs.readFileSync(file, "utf8"));
}

let cached: { file: string; mtimeMs: number; groups: SynonymGroups } | null = null;

/**
 * The groups search applies, read again when the file changes (a writer's edit shows on the next
 * search without a restart). Problems are for `content:check`, not here.
 */
export function currentSynonyms(contentDir: string): SynonymGroups {
  const file = path.join(contentDir, SYNONYMS_FILE);
  const mtimeMs = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (cached && cached.file === file && cached.mtimeMs === mtimeMs) return cached.groups;
  const { groups } = readSynonyms(contentDir);
  cached = { file, mtimeMs, groups };
  return groups;
}
