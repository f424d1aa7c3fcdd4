import { CONTENT_KINDS, type ContentKind, type FrontmatterShape } from "./schema";

const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_PAGE_PATH_LENGTH = 200;

/**
 * Turns a URL's page path into a content page id ("kb/some-slug"), or null when it
 * cannot name a page. Lookups happen in the build manifest, never on the file
 * system, so a path like "../../etc/passwd" can only ever be a miss.
 */
export function pageIdFromPath(kind: ContentKind, splat: string | undefined): string | null {
  if (!splat || splat.length > MAX_PAGE_PATH_LENGTH) return null;
  const segments = splat.replace(/\/+$/, "").split("/");
  if (segments.length > 4 || !segments.every((segment) => SEGMENT.test(segment))) return null;
  return `${kind}/${segments.join("/")}`;
}

export type PageIdentity = { kind: ContentKind; id: string; slug: string; shape: FrontmatterShape };

/**
 * A training file: `training/<course>/course.mdx` is the course (page id `training/<course>`),
 * `training/<course>/NN-<lesson>.mdx` a lesson (`training/<course>/<lesson>`): the number orders the
 * lessons and stays out of the address, so inserting a lesson moves no bookmark.
 */
const TRAINING_FILE = /^training\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:(course)|(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*))\.mdx$/;

/** The lesson number of a training lesson file (`training/<course>/03-slug.mdx` → 3), or null. */
export function lessonNumberOfFile(relativeFile: string): number | null {
  const match = TRAINING_FILE.exec(relativeFile.split("\\").join("/"));
  return match?.[3] ? Number(match[3]) : null;
}

/** The page id of a content file, from its path relative to the content folder. */
export function pageIdFromFile(relativeFile: string): PageIdentity | null {
  const normalised = relativeFile.split("\\").join("/");
  if (normalised.startsWith("training/")) {
    const training = TRAINING_FILE.exec(normalised);
    if (!training) return null;
    const [, course, isCourse, , lesson] = training;
    return isCourse
      ? { kind: "training", id: `training/${course}`, slug: course, shape: "course" }
      : { kind: "training", id: `training/${course}/${lesson}`, slug: `${course}/${lesson}`, shape: "lesson" };
  }
  const match = /^([a-z]+)\/(.+)\.mdx?$/.exec(normalised);
  if (!match) return null;
  const kind = match[1] as ContentKind;
  if (!CONTENT_KINDS.includes(kind) || kind === "training") return null;
  const slug = match[2];
  if (!slug.split("/").every((segment) => SEGMENT.test(segment))) return null;
  return { kind, id: `${kind}/${slug}`, slug, shape: kind };
}

export function urlForPage(id: string): string {
  return `/${id}`;
}

/** A content page's link-preview card, drawn by the content build (app/content/cards.server.ts): "/kb/x" → "/cards/kb/x.png". */
export function cardPathFor(pagePath: string): string {
  return `/cards${pagePath}.png`;
}
