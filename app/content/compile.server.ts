import { toString as hastToString } from "hast-util-to-string";
import type { Element, Root } from "hast";
import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { mdxComponents } from "./mdx";
import * as policy from "../support/policy";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeHighlight from "rehype-highlight";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";

export type Heading = { depth: 2 | 3; id: string; text: string };
/** A `##`/`###` section of a page (or its introduction when id is null), as plain text for search. */
export type Section = { id: string | null; heading: string | null; text: string };

export type CompiledMdx = {
  /** The bundled MDX module (kept for tools; pages are served from `html`). */
  code: string;
  /** The page body rendered at build time with the MDX components: no MDX runs per request or in the browser. */
  html: string;
  headings: Heading[];
  sections: Section[];
  readingMinutes: number;
};

/** Bumped when the compile pipeline or what its MDX components render changes, so cached output from an older one is rebuilt. */
const PIPELINE_VERSION = "6";
/**
 * Part of every content hash: the pipeline version and the support facts that
 * components render, so a change to the guide's numbers re-renders every page.
 */
export const COMPILER_VERSION = `${PIPELINE_VERSION}:${JSON.stringify(policy)}`;

const WORDS_PER_MINUTE = 200;

function isElement(node: unknown): node is Element {
  return typeof node === "object" && node !== null && (node as Element).type === "element";
}

/** Collects the table of contents and the section texts once ids are assigned. */
function rehypeCollectOutline(out: { headings: Heading[]; sections: Section[] }) {
  return () => (tree: Root) => {
    let current: Section = { id: null, heading: null, text: "" };
    const sections: Section[] = [current];
    for (const node of tree.children) {
      if (isElement(node) && (node.tagName === "h2" || node.tagName === "h3")) {
        const id = String(node.properties?.id ?? "");
        const text = hastToString(node).replace(/#$/, "").trim();
        out.headings.push({ depth: node.tagName === "h2" ? 2 : 3, id, text });
        current = { id, heading: text, text: "" };
        sections.push(current);
        continue;
      }
      const text = hastToString(node as Element).trim();
      if (text) current.text += (current.text ? "\n" : "") + text;
    }
    out.sections.push(...sections.filter((section) => section.heading !== null || section.text));
  };
}

function textOfCells(row: Element | undefined): string[] {
  if (!row) return [];
  return row.children.filter(isElement).map((cell) => hastToString(cell).trim()).filter(Boolean);
}

/**
 * Wide tables and long code lines scroll inside their own box, not the whole page on a phone. A
 * scrolling box must be reachable by keyboard, so each is a focusable, labelled region. Code blocks
 * are wrapped in `.code-block`, where the article view adds its copy button in the browser.
 */
function rehypeScrollableBlocks() {
  return (tree: Root) => {
    const visit = (parent: Root | Element) => {
      parent.children.forEach((node, index) => {
        if (!isElement(node)) return;
        if (node.tagName === "table") {
          const headRow = node.children.filter(isElement).find((child) => child.tagName === "thead")?.children.find(isElement);
          const columns = textOfCells(headRow);
          const label = columns.length > 0 ? `Table: ${columns.join(", ")}` : "Table";
          parent.children[index] = {
            type: "element",
            tagName: "div",
            properties: { className: ["table-scroll"], role: "region", ariaLabel: label, tabIndex: 0 },
            children: [node],
          };
          return;
        }
        if (node.tagName === "pre") {
          const code = node.children.find(isElement);
          const languageClass = ((code?.properties?.className as string[] | undefined) ?? []).find((name) => String(name).startsWith("language-"));
          const language = languageClass ? String(languageClass).slice("language-".length) : null;
          node.properties = { ...node.properties, tabIndex: 0, role: "region", ariaLabel: language ? `Code example (${language})` : "Code example" };
          parent.children[index] = { type: "element", tagName: "div", properties: { className: ["code-block"] }, children: [node] };
          return;
        }
        visit(node);
      });
    };
    visit(tree);
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };

function htmlToText(html: string): string {
  return html
    // Decoration, not content: callout icons.
    .replace(/<span[^>]*\baria-hidden="true"[^>]*>[^<]*<\/span>/g, "")
    .replace(/<(?:br|\/p|\/li|\/tr|\/h[1-6]|\/div|\/aside|\/table|\/ul|\/ol|\/caption|\/section)\b[^>]*>/gi, "\n")
    .replace(/<\/(?:td|th|dt|dd)>/gi, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

/**
 * Section texts from the rendered page, so facts shown by components (response
 * times, hours, addresses) are searchable too. Falls back to the source outline.
 */
function renderedSections(html: string, fromSource: Section[]): Section[] {
  const parts = html.split(/(<h[23] id="[^"]+"[^>]*>[\s\S]*?<\/h[23]>)/);
  const sections: Section[] = [{ id: null, heading: null, text: htmlToText(parts[0] ?? "") }];
  for (let index = 1; index < parts.length; index += 2) {
    const id = /id="([^"]+)"/.exec(parts[index])?.[1] ?? null;
    const heading = fromSource.find((section) => section.id === id)?.heading ?? htmlToText(parts[index]).replace(/#$/, "").trim();
    sections.push({ id, heading, text: htmlToText(parts[index + 1] ?? "") });
  }
  return sections.filter((section) => section.heading !== null || section.text);
}

export async function compileMdx(source: string): Promise<CompiledMdx> {
  const outline = { headings: [] as Heading[], sections: [] as Section[] };
  const result = await bundleMDX({
    source,
    esbuildOptions(options) {
      // Failures are reported by the caller with the file name; esbuild's own log would repeat them without it.
      options.logLevel = "silent";
      return options;
    },
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
      options.rehypePlugins = [
        ...(options.rehypePlugins ?? []),
        rehypeSlug,
        rehypeCollectOutline(outline),
        // The heading text itself is the link: reachable by keyboard and touch, named by the heading.
        [rehypeAutolinkHeadings, { behavior: "wrap", properties: { className: ["heading-link"] } }],
        [rehypeHighlight, { detect: false }],
        rehypeScrollableBlocks,
      ];
      return options;
    },
  });
  const html = renderToStaticMarkup(createElement(getMDXComponent(result.code), { components: mdxComponents }));
  const sections = renderedSections(html, outline.sections);
  const words = sections.reduce((count, section) => count + section.text.split(/\s+/).filter(Boolean).length, 0);
  return {
    code: result.code,
    html,
    headings: outline.headings,
    sections,
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}
