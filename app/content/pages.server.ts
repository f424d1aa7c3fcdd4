import { data } from "@remix-run/node";
import { prisma } from "../lib/db.server";
import { env } from "../lib/env.server";
import { memoizeUntilPurged } from "../lib/page-cache-purge.server";
import { VOTES_TAG } from "../lib/page-cache-tags";
import type { PageMeta } from "./build.server";
import { CATEGORIES, findCategory } from "./categories";
import { mostHelpfulPageIds } from "./feedback.server";
import { urlForPage } from "./paths";
import type { Crumb, NavSection, PageLink, PageView } from "./page-types";
import type { ContentKind } from "./schema";
import { findPage, listPages, loadCompiledPage } from "./store.server";

const SECTION_ROOTS: Record<ContentKind, Crumb> = {
  kb: { label: "Knowledge base", url: "/kb" },
  docs: { label: "Docs", url: "/docs" },
  webinars: { label: "Webinars", url: "/webinars" },
  training: { label: "Training", url: "/training" },
};

export function linkTo(page: PageMeta): PageLink {
  return { url: urlForPage(page.id), title: page.frontmatter.title, summary: page.frontmatter.summary };
}

export function categoryUrl(kind: ContentKind, slug: string) {
  return kind === "kb" ? `/kb/category/${slug}` : `${SECTION_ROOTS[kind].url}#${slug}`;
}

async function relatedPages(page: PageMeta): Promise<PageLink[]> {
  const chosen: PageMeta[] = [];
  for (const id of page.frontmatter.related) {
    const other = await findPage(id);
    if (other) chosen.push(other);
  }
  if (chosen.length < 3) {
    const sameCategory = (await listPages(page.kind)).filter(
      (other) => other.frontmatter.category === page.frontmatter.category && other.id !== page.id && !chosen.includes(other),
    );
    chosen.push(...sameCategory.slice(0, 3 - chosen.length));
  }
  return chosen.slice(0, 5).map(linkTo);
}

export async function loadPageView(id: string): Promise<PageView | null> {
  const page = await findPage(id);
  if (!page) return null;
  const compiled = await loadCompiledPage(page);
  if (!compiled) return null;
  const category = findCategory(page.kind, page.frontmatter.category);
  const root = SECTION_ROOTS[page.kind];
  const breadcrumbs: Crumb[] = [{ label: "Help Center", url: "/" }, root];
  if (category && page.kind !== "webinars") breadcrumbs.push({ label: category.title, url: categoryUrl(page.kind, category.slug) });
  const webinar = "recordedOn" in page.frontmatter ? page.frontmatter : null;
  return {
    id: page.id,
    kind: page.kind,
    url: urlForPage(page.id),
    title: page.frontmatter.title,
    summary: page.frontmatter.summary,
    categoryTitle: category?.title ?? page.frontmatter.category,
    tags: page.frontmatter.tags,
    readingMinutes: page.readingMinutes,
    updatedAt: page.updatedAt,
    headings: page.headings,
    html: compiled.html,
    editUrl: `${env.EDIT_BASE_URL}${env.CONTENT_DIR.replace(/^\.\//, "").replace(/\/$/, "")}/${page.file}`,
    breadcrumbs,
    related: await relatedPages(page),
    webinar: webinar
      ? { recordedOn: webinar.recordedOn, durationMinutes: webinar.durationMinutes, presenter: webinar.presenter, recordingStatus: webinar.recordingStatus }
      : null,
  };
}

/** Docs in reading order, grouped by section, for the sidebar and previous/next links. */
export async function docsNavigation(): Promise<NavSection[]> {
  const docs = await listPages("docs");
  return CATEGORIES.docs
    .map((section) => ({ title: section.title, pages: docs.filter((doc) => doc.frontmatter.category === section.slug).map(linkTo) }))
    .filter((section) => section.pages.length > 0);
}

/** Most helpful first (by "yes" votes), then the knowledge base's own order. */
export async function popularPages(limit = 5): Promise<PageLink[]> {
  const articles = await listPages("kb");
  const ranked = await mostHelpfulPageIds(prisma, limit);
  const byId = new Map(articles.map((page) => [page.id, page]));
  const chosen = ranked.map((id) => byId.get(id)).filter((page): page is PageMeta => Boolean(page));
  for (const page of articles) {
    if (chosen.length >= limit) break;
    if (!chosen.includes(page)) chosen.push(page);
  }
  return chosen.slice(0, limit).map(linkTo);
}

export async function recentlyUpdatedPages(limit = 5): Promise<(PageLink & { updatedAt: string | null })[]> {
  const pages = [...(await listPages("kb")), ...(await listPages("docs"))];
  return pages
    .filter((page) => page.updatedAt)
    .sort((a, b) => (b.updatedAt ?? "").localeCompare(a.updatedAt ?? "") || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((page) => ({ ...linkTo(page), updatedAt: page.updatedAt }));
}

/** The 404 page's list, kept until a vote changes the ranking (or 5 minutes pass): a 404 runs no query. */
const popularForNotFound = memoizeUntilPurged([VOTES_TAG], 5 * 60 * 1000, () => popularPages(5));

/** Thrown from loaders: renders the helpful 404 page with popular articles. */
export async function pageNotFound(): Promise<never> {
  throw data({ popular: await popularForNotFound() }, { status: 404, statusText: "Not Found" });
}
