import { listPages } from "../content/store.server";
import { categoryPath, threadPath } from "../forum/paths";
import { ideaPath } from "../ideas/rules";
import { prisma } from "../lib/db.server";
import { urlForPage } from "../content/paths";
import { CATEGORIES } from "../content/categories";
import { MAX_URLS_PER_SITEMAP, newest, type SitemapEntry } from "./sitemap-xml";

/**
 * What the sitemap lists: every page an anonymous visitor can open and a search engine should know.
 * Drafts never (even where SHOW_DRAFTS shows them), nor hidden, deleted, merged or duplicate threads,
 * nor hidden or merged ideas: those pages either 404, redirect, or point readers elsewhere.
 * The forum has no restricted categories (every category is readable by everyone); a category that
 * ever becomes restricted must be left out here.
 */

export type SitemapSection = "pages" | "threads" | "ideas";
export const SITEMAP_SECTIONS: readonly SitemapSection[] = ["pages", "threads", "ideas"];

const publicThreads = { deletedAt: null, hiddenAt: null, mergedIntoId: null, duplicateOfId: null } as const;
const publicIdeas = { hiddenAt: null, mergedIntoId: null } as const;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

async function publishedPages() {
  return (await listPages()).filter((page) => !page.frontmatter.draft);
}

/** The status page changes when a component's state or an incident does. */
async function statusLastChange(): Promise<string | null> {
  const [component, incident] = await Promise.all([
    prisma.statusComponent.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    prisma.incident.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
  ]);
  return newest([iso(component?.updatedAt), iso(incident?.updatedAt)]);
}

/** Home, section indexes, categories, status and every content page (articles, docs, webinars, training). */
async function pageEntries(): Promise<SitemapEntry[]> {
  const [published, latestThread, latestIdea, categories, status] = await Promise.all([
    publishedPages(),
    prisma.forumThread.findFirst({
      where: publicThreads,
      orderBy: { lastPostAt: "desc" },
      select: { lastPostAt: true },
    }),
    prisma.idea.findFirst({ where: publicIdeas, orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    prisma.forumCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { slug: true } }),
    statusLastChange(),
  ]);
  const content = published.map((page) => ({ path: urlForPage(page.id), lastmod: page.updatedAt }));
  const newestIn = (prefix: string) =>
    newest(content.filter((entry) => entry.path.startsWith(prefix)).map((entry) => entry.lastmod));
  // A knowledge-base category page with no published article is a 404.
  const kbCategories = CATEGORIES.kb.filter((category) =>
    published.some((page) => page.kind === "kb" && page.frontmatter.category === category.slug),
  );
  const forumChange = iso(latestThread?.lastPostAt);
  return [
    { path: "/", lastmod: newestIn("/") },
    { path: "/kb", lastmod: newestIn("/kb/") },
    ...kbCategories.map((category) => ({ path: `/kb/category/${category.slug}`, lastmod: null })),
    { path: "/docs", lastmod: newestIn("/docs/") },
    { path: "/webinars", lastmod: newestIn("/webinars/") },
    { path: "/training", lastmod: newestIn("/training/") },
    { path: "/community", lastmod: forumChange },
    ...categories.map((category) => ({ path: categoryPath(category.slug), lastmod: null })),
    { path: "/ideas", lastmod: iso(latestIdea?.updatedAt) },
    { path: "/ideas/roadmap", lastmod: iso(latestIdea?.updatedAt) },
    { path: "/ideas/changelog", lastmod: null },
    { path: "/status", lastmod: status },
    ...content,
  ];
}

async function threadEntries(chunk: number): Promise<SitemapEntry[]> {
  const threads = await prisma.forumThread.findMany({
    where: publicThreads,
    orderBy: { id: "asc" },
    skip: chunk * MAX_URLS_PER_SITEMAP,
    take: MAX_URLS_PER_SITEMAP,
    select: { id: true, slug: true, lastPostAt: true },
  });
  return threads.map((thread) => ({ path: threadPath(thread), lastmod: iso(thread.lastPostAt) }));
}

async function ideaEntries(chunk: number): Promise<SitemapEntry[]> {
  const ideas = await prisma.idea.findMany({
    where: publicIdeas,
    orderBy: { id: "asc" },
    skip: chunk * MAX_URLS_PER_SITEMAP,
    take: MAX_URLS_PER_SITEMAP,
    select: { id: true, slug: true, updatedAt: true },
  });
  return ideas.map((idea) => ({ path: ideaPath(idea), lastmod: iso(idea.updatedAt) }));
}

export function sitemapPath(section: SitemapSection, chunk: number) {
  return `/sitemaps/${section}-${chunk + 1}.xml`;
}

/** The child sitemaps the index lists: one for the pages, and the threads and ideas in files of MAX_URLS_PER_SITEMAP. */
export async function sitemapIndexEntries(): Promise<SitemapEntry[]> {
  const [threadCount, ideaCount, latestThread, latestIdea, pages] = await Promise.all([
    prisma.forumThread.count({ where: publicThreads }),
    prisma.idea.count({ where: publicIdeas }),
    prisma.forumThread.findFirst({
      where: publicThreads,
      orderBy: { lastPostAt: "desc" },
      select: { lastPostAt: true },
    }),
    prisma.idea.findFirst({ where: publicIdeas, orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
    pageEntries(),
  ]);
  const chunks = (count: number) => Math.max(1, Math.ceil(count / MAX_URLS_PER_SITEMAP));
  return [
    { path: sitemapPath("pages", 0), lastmod: newest(pages.map((entry) => entry.lastmod)) },
    ...Array.from({ length: chunks(threadCount) }, (_, chunk) => ({
      path: sitemapPath("threads", chunk),
      lastmod: iso(latestThread?.lastPostAt),
    })),
    ...Array.from({ length: chunks(ideaCount) }, (_, chunk) => ({
      path: sitemapPath("ideas", chunk),
      lastmod: iso(latestIdea?.updatedAt),
    })),
  ];
}

/** `pages-1.xml` → its section and chunk, or null for any other name. */
export function parseSitemapName(name: string | undefined): { section: SitemapSection; chunk: number } | null {
  const match = /^(pages|threads|ideas)-([1-9]\d{0,4})\.xml$/.exec(name ?? "");
  if (!match) return null;
  const section = match[1] as SitemapSection;
  const chunk = Number(match[2]) - 1;
  if (section === "pages" && chunk > 0) return null;
  return { section, chunk };
}

/** The addresses of one child sitemap; an empty list past the last chunk (the route answers 404). */
export async function sitemapEntries(section: SitemapSection, chunk: number): Promise<SitemapEntry[]> {
  if (section === "pages") return pageEntries();
  return section === "threads" ? threadEntries(chunk) : ideaEntries(chunk);
}
