import { findPage } from "../content/store.server";
import { publicOrigin } from "../lib/env.server";
import { markdownToPlainText } from "../lib/markdown";
import { renderMarkdownOffThread } from "../lib/markdown-threads.server";
import { mentionLinksFor } from "./mentions.server";

/**
 * A post's stored HTML: the Markdown through the shared sanitizing pipeline (app/lib/markdown.ts),
 * once, when the post is written. One addition: a help-center article linked on a line of its own
 * becomes a card with the article's title and summary, looked up in the content build now, so the
 * card names the article as it was when the post was written (and a wrong link stays a plain line).
 * And @mentions of existing members link to their page (/community/u/<username>).
 */

const CARD_MARK = "techflow-article-card";
/** A line holding only a link to an article or doc: "/kb/slug", "https://help.example.com/docs/a/b", "<…>". */
const LINK_LINE =
  /^[ \t]{0,3}<?((?:https?:\/\/[^\s/<>]+)?\/(kb|docs)\/([a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*){0,3}))\/?>?[ \t]*$/;
const MAX_CARDS = 10;

type Card = { url: string; title: string; summary: string };

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Markdown link text and titles: the characters that would end or nest the link are escaped. */
function escapeMarkdownText(text: string) {
  return text.replace(/[\\[\]()*_`<>!#|~]/g, (character) => `\\${character}`);
}

function sameSite(url: string) {
  if (url.startsWith("/")) return true;
  try {
    return new URL(url).origin === publicOrigin;
  } catch {
    return false;
  }
}

async function replaceArticleLinks(markdown: string): Promise<{ markdown: string; cards: Map<string, Card> }> {
  const cards = new Map<string, Card>();
  const lines = markdown.split("\n");
  let inFence = false;
  for (let index = 0; index < lines.length && cards.size < MAX_CARDS; index++) {
    const line = lines[index];
    if (/^[ \t]{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = LINK_LINE.exec(line);
    // Only a line that stands alone as a paragraph: the line before and after are blank (or the edges).
    if (
      !match ||
      !sameSite(match[1]) ||
      (lines[index - 1] ?? "").trim() !== "" ||
      (lines[index + 1] ?? "").trim() !== ""
    )
      continue;
    const id = `${match[2]}/${match[3]}`;
    const page = await findPage(id);
    if (!page) continue;
    const url = `/${id}`;
    cards.set(url, { url, title: page.frontmatter.title, summary: page.frontmatter.summary });
    lines[index] = `[${escapeMarkdownText(page.frontmatter.title)}](${url} "${CARD_MARK}")`;
  }
  return { markdown: lines.join("\n"), cards };
}

function cardHtml(card: Card) {
  return (
    `<a class="forum-article-card" href="${escapeHtml(card.url)}">` +
    `<span class="forum-article-card-kind">${card.url.startsWith("/docs/") ? "Documentation" : "Knowledge base article"}</span>` +
    `<strong class="forum-article-card-title">${escapeHtml(card.title)}</strong>` +
    `<span class="forum-article-card-summary">${escapeHtml(card.summary)}</span></a>`
  );
}

export async function renderPostBody(markdown: string): Promise<string> {
  const { markdown: withCards, cards } = await replaceArticleLinks(markdown);
  // Mentions link to the members they name, as they are when the post is written (the HTML is stored).
  const html = await renderMarkdownOffThread(withCards, await mentionLinksFor(markdown));
  if (cards.size === 0) return html;
  // Only links this function itself wrote (their URL resolved above) become cards; a member typing the mark by hand gets a plain link.
  return html.replace(/<p><a href="([^"]+)" title="techflow-article-card">[^<]*<\/a><\/p>/g, (whole, href: string) => {
    const card = cards.get(href);
    return card ? cardHtml(card) : whole;
  });
}

/** Plain text of a post for search documents and excerpts. */
export function postPlainText(markdown: string): string {
  return markdownToPlainText(markdown);
}

export function excerpt(text: string, length = 200): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), length - 30))}…`;
}
