import type { CompiledPage, PageMeta } from "../content/build.server";
import type { ContentKind } from "../content/schema";
import type { DocumentType, SearchDocument } from "./types";

const TYPE_OF_KIND: Record<ContentKind, DocumentType> = {
  kb: "article",
  docs: "doc",
  webinars: "webinar",
  training: "course",
};

/**
 * Callouts render an aria-hidden icon glued to their label ("ℹNote", "✓Tip",
 * "!Warning"); screen readers skip it, and so should search and its snippets.
 */
const CALLOUT_ICON_AT_LINE_START = /^[ℹ✓!](?=\p{L})/gmu;

/** Shown only to a signed-in customer on their plan's column; for everyone else (and search) it is not there. */
const YOUR_PLAN_LABEL = / \(your plan\)/g;

function searchableText(text: string) {
  return text.replace(CALLOUT_ICON_AT_LINE_START, "").replace(YOUR_PLAN_LABEL, "");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };

function cellText(html: string) {
  return html
    .replace(/<span\b[^>]*(?:your-plan-label|aria-hidden="true")[^>]*>[\s\S]*?<\/span>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A support-fact table (response times, hours, uptime…) as one line per row
 * that names its columns: "Priority 1 – Critical: Standard 4 hours,
 * Professional 1 hour, Enterprise 15 minutes." Read apart from its header row,
 * the section text says "4 hours 1 hour 15 minutes", which answers nothing.
 */
function tableFact(table: string): string {
  const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cellText(cell[1])),
  );
  if (rows.length < 2) return "";
  const [head, ...body] = rows;
  const caption = /<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(table);
  const lead = caption ? `${cellText(caption[1])}: ` : "";
  return (
    lead +
    body
      .map(
        ([label, ...values]) =>
          `${label}: ${values.map((value, index) => (head[index + 1] ? `${head[index + 1]} ${value}` : value)).join(", ")}.`,
      )
      .join(" ")
  );
}

/** Section id (null for the introduction) → the facts its tables show, from the rendered page. */
function factsBySection(html: string): Map<string | null, string> {
  const facts = new Map<string | null, string>();
  const parts = html.split(/(<h[23] id="[^"]+"[^>]*>)/);
  let sectionId: string | null = null;
  for (const part of parts) {
    const heading = /^<h[23] id="([^"]+)"/.exec(part);
    if (heading) {
      sectionId = heading[1];
      continue;
    }
    const text = [...part.matchAll(/<table>[\s\S]*?<\/table>/g)]
      .map((table) => tableFact(table[0]))
      .filter(Boolean)
      .join(" ");
    if (text) facts.set(sectionId, [facts.get(sectionId), text].filter(Boolean).join(" "));
  }
  return facts;
}

/**
 * A content page as search documents: one for the page (title, summary and
 * introduction) and one per `##`/`###` section, so a hit can land on the
 * section that answers the question.
 */
export function contentDocuments(page: PageMeta, compiled: CompiledPage, popularity: number): SearchDocument[] {
  const url = `/${page.id}`;
  const common = {
    type: TYPE_OF_KIND[page.kind],
    source: "content" as const,
    visibility: "public" as const,
    pageId: page.id,
    title: page.frontmatter.title,
    category: page.frontmatter.category,
    tags: page.frontmatter.tags,
    updatedAt: page.updatedAt,
    popularity,
  };
  const facts = factsBySection(compiled.html);
  const introduction = compiled.sections.find((section) => section.id === null)?.text ?? "";
  const introductionFact = facts.get(null);
  const documents: SearchDocument[] = [
    {
      ...common,
      id: page.id,
      url,
      section: "",
      body: searchableText(`${page.frontmatter.summary}\n${introduction}`.trim()),
      ...(introductionFact ? { fact: introductionFact } : {}),
    },
  ];
  for (const section of compiled.sections) {
    if (!section.id || !section.heading) continue;
    const fact = facts.get(section.id);
    documents.push({
      ...common,
      id: `${page.id}#${section.id}`,
      url: `${url}#${section.id}`,
      section: section.heading,
      body: searchableText(section.text),
      ...(fact ? { fact } : {}),
    });
  }
  return documents;
}
