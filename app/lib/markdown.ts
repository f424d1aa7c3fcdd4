import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified, type Plugin } from "unified";
import { visit } from "unist-util-visit";
import {
  focusableScrollers,
  labelTaskItems,
  linkMentions,
  MENTION_PATTERN,
  type MentionLinks,
} from "./markdown-enhance";

/**
 * User-written Markdown (forum posts, ideas, ticket replies) to HTML. It is
 * never compiled as MDX: MDX is code. Raw HTML in the source is dropped, the
 * result passes an allowlist (GitHub's rules, minus anything that can run or
 * load script), and outside links are marked as user content. Posts are
 * rendered once, when they are written; the stored HTML is what pages show.
 * The same function renders the live preview in the browser (without code
 * highlighting, which would ship a highlighter to every visitor).
 */

/** The largest body we render; longer input is refused by the forms before it gets here. */
export const MARKDOWN_MAX_LENGTH = 50_000;

const SAFE_PROTOCOLS = ["http", "https", "mailto"];

const schema: SanitizeSchema = {
  ...defaultSchema,
  // GitHub's schema prefixes ids with "user-content-"; keep that so posts cannot shadow the page's own anchors.
  clobberPrefix: "user-content-",
  protocols: { href: SAFE_PROTOCOLS, cite: ["http", "https"], src: ["http", "https"], longDesc: ["http", "https"] },
};

/** A stand-in for this site's own address: links that resolve to another origin against it leave the site. */
const THIS_SITE = "https://this-site.invalid";

/**
 * Whether a link leads off the site, read the way a browser resolves it: "https://x", and also the
 * protocol-relative "//x" (and "/\x", which browsers read the same way), go elsewhere; "/kb/…",
 * "#post-3" and "faq" stay.
 */
export function leavesTheSite(href: string): boolean {
  try {
    return new URL(href, `${THIS_SITE}/`).origin !== THIS_SITE;
  } catch {
    return true;
  }
}

/** Links that leave the site: search engines must not credit them, and the new page gets no window.opener. */
const markOutsideLinks: Plugin<[], Root> = () => (tree) => {
  visit(tree, "element", (node: Element) => {
    if (node.tagName !== "a") return;
    const href = typeof node.properties.href === "string" ? node.properties.href : "";
    if (href && leavesTheSite(href)) node.properties.rel = ["nofollow", "ugc", "noopener"];
  });
};

/** Images load lazily and never send the page's address to another host. */
const quietImages: Plugin<[], Root> = () => (tree) => {
  visit(tree, "element", (node: Element) => {
    if (node.tagName !== "img") return;
    node.properties.loading = "lazy";
    node.properties.referrerPolicy = "no-referrer";
  });
};

function pipeline(highlight: boolean) {
  const base = unified()
    .use(remarkParse)
    .use(remarkGfm)
    // Raw HTML in the Markdown is not carried over (allowDangerousHtml stays off).
    .use(remarkRehype)
    .use(rehypeSanitize, schema);
  const withHighlight = highlight ? base.use(rehypeHighlight, { detect: false }) : base;
  return withHighlight
    .use(markOutsideLinks)
    .use(quietImages)
    .use(labelTaskItems)
    .use(focusableScrollers)
    .use(linkMentions)
    .use(rehypeStringify);
}

const withHighlighting = pipeline(true);
const withoutHighlighting = pipeline(false);

export type RenderOptions = {
  highlight?: boolean;
  /** Members whose @mentions become links (the caller looked them up); without it, mentions stay text. */
  mentionLinks?: MentionLinks;
};

export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const text = source.length > MARKDOWN_MAX_LENGTH ? source.slice(0, MARKDOWN_MAX_LENGTH) : source;
  const processor = options.highlight === false ? withoutHighlighting : withHighlighting;
  return String(processor.processSync({ value: text, data: { mentionLinks: options.mentionLinks } }));
}

const toTree = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, schema);

/** Plain text of a post for search documents and notification previews. */
export function markdownToPlainText(source: string): string {
  const tree = toTree.runSync(toTree.parse(source.slice(0, MARKDOWN_MAX_LENGTH)));
  return toString(tree).replace(/\s+/g, " ").trim();
}

const toMarkdownTree = unified().use(remarkParse).use(remarkGfm);
/** Where an "@name" is not a mention: code, links and their URLs, raw HTML. */
const NOT_READ_FOR_MENTIONS = new Set(["code", "inlineCode", "link", "linkReference", "definition", "html"]);

/** The part of an mdast node the mention walk reads. */
type MarkdownNode = { type: string; value?: unknown; children?: MarkdownNode[] };

function collectMentionText(node: MarkdownNode, into: string[]) {
  if (NOT_READ_FOR_MENTIONS.has(node.type)) return;
  if (node.type === "text" && typeof node.value === "string") {
    into.push(node.value);
    return;
  }
  for (const child of node.children ?? []) collectMentionText(child, into);
}

/**
 * The usernames a post @mentions (lower-cased, first mention first, each once), read from its text
 * outside code and links (MENTION_PATTERN says what a mention is). Parsing costs what rendering
 * does, over 100 ms for 50,000 characters, so the server asks the Markdown worker for long posts.
 */
export function mentionedNames(source: string): string[] {
  // No "@", no mention: most posts skip the parse.
  if (!source.includes("@")) return [];
  const texts: string[] = [];
  collectMentionText(toMarkdownTree.parse(source.slice(0, MARKDOWN_MAX_LENGTH)) as MarkdownNode, texts);
  const names: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(MENTION_PATTERN)) {
      const name = match[1].toLowerCase();
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** What the Markdown worker thread is asked for, and what it answers: a post's HTML, its plain text for the search index, the names it mentions. */
export type MarkdownResults = { html: string; plain: string; mentions: string[] };
export type MarkdownJobKind = keyof MarkdownResults;

export function runMarkdownJob<K extends MarkdownJobKind>(
  kind: K,
  markdown: string,
  mentionLinks?: MentionLinks,
): MarkdownResults[K] {
  const results: { [Kind in MarkdownJobKind]: () => MarkdownResults[Kind] } = {
    html: () => renderMarkdown(markdown, { mentionLinks }),
    plain: () => markdownToPlainText(markdown),
    mentions: () => mentionedNames(markdown),
  };
  return results[kind]();
}
