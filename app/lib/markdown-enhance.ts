import type { Element, ElementContent, Root, Text } from "hast";
import { toString } from "hast-util-to-string";
import type { Plugin } from "unified";
import { SKIP, visit } from "unist-util-visit";

/**
 * What the Markdown pipeline (app/lib/markdown.ts) adds after the sanitizer, so it is trusted markup:
 * task-list checkboxes labelled by their item's text, code blocks and tables that scroll inside a
 * focusable region (keyboard users on phones can scroll them), and @mentions of known members as links.
 */

/**
 * "@" and a username (letters, digits, "-", "_") that does not follow a word character, so
 * "sam@acme.example" mentions nobody. The forum's notifications read mentions with the same pattern.
 */
export const MENTION_PATTERN = /(?<![\p{L}\p{N}_@./+-])@([a-z0-9][a-z0-9_-]{0,38})(?![a-z0-9_@-]|\.[a-z0-9])/giu;

/** Lower-cased username → the member's page. Only these become links; other "@words" stay text. */
export type MentionLinks = Record<string, string>;

const BLOCK_TAGS = new Set(["ul", "ol", "p", "div", "pre", "blockquote", "table", "h1", "h2", "h3", "h4", "h5", "h6"]);

function isCheckbox(node: ElementContent | undefined): node is Element {
  return node?.type === "element" && node.tagName === "input" && node.properties.type === "checkbox";
}

/**
 * GFM task items ("- [x] done") come out as a bare checkbox before the text. The checkbox and the
 * text after it (up to a nested list or paragraph) go into one <label>, so the box is named by its item.
 */
function labelCheckboxIn(container: Element) {
  const index = container.children.findIndex((child) => isCheckbox(child));
  if (index < 0) return false;
  let end = index + 1;
  while (end < container.children.length) {
    const next = container.children[end];
    if (next.type === "element" && BLOCK_TAGS.has(next.tagName)) break;
    end++;
  }
  const label: Element = {
    type: "element",
    tagName: "label",
    properties: { className: ["task-list-label"] },
    children: container.children.slice(index, end),
  };
  container.children.splice(index, end - index, label);
  return true;
}

export const labelTaskItems: Plugin<[], Root> = () => (tree) => {
  visit(tree, "element", (node: Element) => {
    if (node.tagName !== "li") return;
    const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
    if (!classes.includes("task-list-item")) return;
    if (labelCheckboxIn(node)) return;
    // A loose list puts the checkbox inside the item's first paragraph.
    const paragraph = node.children.find(
      (child): child is Element => child.type === "element" && child.tagName === "p",
    );
    if (paragraph) labelCheckboxIn(paragraph);
  });
};

/** Code blocks and tables scroll sideways inside a region that takes keyboard focus and says what it holds. */
export const focusableScrollers: Plugin<[], Root> = () => (tree) => {
  visit(tree, "element", (node: Element, index, parent) => {
    if (!parent || index === undefined) return;
    if (node.tagName === "pre") {
      const code = node.children.find((child): child is Element => child.type === "element");
      const classes = Array.isArray(code?.properties.className) ? code.properties.className : [];
      const languageClass = classes.find((name) => String(name).startsWith("language-"));
      const language = languageClass ? String(languageClass).slice("language-".length) : null;
      node.properties = {
        ...node.properties,
        tabIndex: 0,
        role: "region",
        ariaLabel: language ? `Code example (${language})` : "Code example",
      };
      parent.children[index] = {
        type: "element",
        tagName: "div",
        properties: { className: ["code-block"] },
        children: [node],
      };
      return SKIP;
    }
    if (node.tagName === "table") {
      const columns: string[] = [];
      visit(node, "element", (cell: Element) => {
        if (cell.tagName === "th") columns.push(toString(cell).trim());
      });
      const label = columns.length > 0 ? `Table: ${columns.join(", ")}` : "Table";
      parent.children[index] = {
        type: "element",
        tagName: "div",
        properties: { className: ["table-scroll"], role: "region", ariaLabel: label, tabIndex: 0 },
        children: [node],
      };
      return SKIP;
    }
  });
};

function mentionParts(text: string, links: MentionLinks): ElementContent[] | null {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION_PATTERN)) {
    const href = links[match[1].toLowerCase()];
    if (!href || match.index === undefined) continue;
    if (match.index > last) parts.push({ type: "text", value: text.slice(last, match.index) });
    parts.push({
      type: "element",
      tagName: "a",
      properties: { href, className: ["mention"] },
      children: [{ type: "text", value: match[0] }],
    });
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return null;
  if (last < text.length) parts.push({ type: "text", value: text.slice(last) });
  return parts;
}

const NO_MENTIONS_INSIDE = new Set(["a", "code", "pre"]);

/**
 * @mentions of the members in `file.data.mentionLinks` become links to them; text in links and
 * code is left alone (as the notifications read it, so a linked name is one that was notified).
 */
export const linkMentions: Plugin<[], Root> = () => (tree, file) => {
  const links = (file.data as { mentionLinks?: MentionLinks }).mentionLinks;
  if (!links || Object.keys(links).length === 0) return;
  visit(tree, (node, index, parent) => {
    if (node.type === "element" && NO_MENTIONS_INSIDE.has(node.tagName)) return SKIP;
    if (node.type !== "text" || !parent || index === undefined) return;
    const parts = mentionParts((node as Text).value, links);
    if (!parts) return;
    parent.children.splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
};
