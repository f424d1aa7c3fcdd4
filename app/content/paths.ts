import { CONTENT_KINDS, type ContentKind } from "./schema";

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

/** The page id of a content file, from its path relative to the content folder. */
export function pageIdFromFile(relativeFile: string): { kind: ContentKind; id: string; slug: string } | null {
  const normalised = relativeFile.split("\\").join("/");
  const match = /^([a-z]+)\/(.+)\.mdx?$/.exec(normalised);
  if (!match) return null;
  const kind = match[1] as ContentKind;
  if (!CONTENT_KINDS.includes(kind)) return null;
  const slug = match[2];
  if (!slug.split("/").every((segment) => SEGMENT.test(segment))) return null;
  return { kind, id: `${kind}/${slug}`, slug };
}

export function urlForPage(id: string): string {
  return `/${id}`;
}
