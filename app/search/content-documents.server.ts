import type { CompiledPage, PageMeta } from "../content/build.server";
import type { ContentKind } from "../content/schema";
import type { DocumentType, SearchDocument } from "./types";

const TYPE_OF_KIND: Record<ContentKind, DocumentType> = { kb: "article", docs: "doc", webinars: "webinar" };

/**
 * A content page as search documents: one for the page (title, summary and
 * introduction) and one per `##`/`###` section, so a hit can land on the
 * section that answers the question.
 */
export function contentDocuments(page: PageMeta, compiled: CompiledPage, popularity: number): SearchDocument[] {
  const url = `/${page.id}`;
  const common = {
    type: TYPE_OF_KIND[page.kind],
    pageId: page.id,
    title: page.frontmatter.title,
    category: page.frontmatter.category,
    tags: page.frontmatter.tags,
    updatedAt: page.updatedAt,
    popularity,
  };
  const introduction = compiled.sections.find((section) => section.id === null)?.text ?? "";
  const documents: SearchDocument[] = [{ ...common, id: page.id, url, section: "", body: `${page.frontmatter.summary}\n${introduction}`.trim() }];
  for (const section of compiled.sections) {
    if (!section.id || !section.heading) continue;
    documents.push({ ...common, id: `${page.id}#${section.id}`, url: `${url}#${section.id}`, section: section.heading, body: section.text });
  }
  return documents;
}
