import type { ContentKind, WebinarFrontmatter } from "./schema";

/** What page loaders hand to components (shared by server and browser code). */

export type PageLink = { url: string; title: string; summary?: string };
export type Crumb = { label: string; url: string };
export type NavSection = { title: string; pages: PageLink[] };

export type PageView = {
  id: string;
  kind: ContentKind;
  url: string;
  title: string;
  summary: string;
  categoryTitle: string;
  tags: string[];
  readingMinutes: number;
  updatedAt: string | null;
  headings: { depth: 2 | 3; id: string; text: string }[];
  /** Body HTML rendered at build time from our own MDX (trusted; never user text). */
  html: string;
  editUrl: string;
  breadcrumbs: Crumb[];
  related: PageLink[];
  webinar: Pick<WebinarFrontmatter, "recordedOn" | "durationMinutes" | "presenter" | "recordingStatus"> | null;
};

