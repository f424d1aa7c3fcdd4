/**
 * "Draft an article from this ticket": the ticket's question and the staff's public answers as an
 * MDX draft a writer can commit. Customer data is removed: no names, account, contact details,
 * email addresses, phone numbers, URLs with hosts, ticket numbers or long numbers.
 */

export type DraftSource = {
  subject: string;
  description: string;
  stepsToReproduce: string;
  errorMessages: string;
  staffReplies: string[];
  /** Words to remove wherever they appear: the requester's and account's names, the contact. */
  privateWords: string[];
  today: string;
};

const REDACTED = "[removed]";

export function redactCustomerData(text: string, privateWords: readonly string[]): string {
  let result = text
    .replace(/[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi, REDACTED)
    .replace(/https?:\/\/[^\s)]+/gi, REDACTED)
    .replace(/\bTF-\d{4}-\d{6}\b/g, REDACTED)
    .replace(/\bTF-\d{4,}\b/g, REDACTED)
    .replace(/\+?\d[\d\s().-]{6,}\d/g, REDACTED)
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, REDACTED);
  for (const word of privateWords) {
    const trimmed = word.trim();
    if (trimmed.length < 3) continue;
    result = result.replace(new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), REDACTED);
    for (const part of trimmed.split(/\s+/))
      if (part.length >= 3)
        result = result.replace(new RegExp(`\\b${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "gi"), REDACTED);
  }
  return result;
}

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || "draft-from-ticket"
  );
}

export function draftArticle(source: DraftSource): { path: string; text: string } {
  const clean = (value: string) => redactCustomerData(value, source.privateWords).trim();
  const title = clean(source.subject).replace(/"/g, "'");
  const question = title.endsWith("?") ? title : `How do I fix: ${title}?`;
  const slug = slugify(title);
  const sections = [
    "---",
    `title: "${question}"`,
    `summary: "TODO: one sentence a reader sees in search results."`,
    "category: tickets",
    "tags: [from-ticket]",
    `updated: ${source.today}`,
    "draft: true",
    "---",
    "",
    "## The problem",
    "",
    clean(source.description),
    "",
  ];
  if (source.errorMessages.trim()) sections.push("## The error", "", "```text", clean(source.errorMessages), "```", "");
  if (source.stepsToReproduce.trim()) sections.push("## When it happens", "", clean(source.stepsToReproduce), "");
  sections.push(
    "## The fix",
    "",
    ...(source.staffReplies.length
      ? source.staffReplies.map((reply) => `${clean(reply)}\n`)
      : ["TODO: the answer that solved it.\n"]),
  );
  return { path: `content/kb/${slug}.mdx`, text: sections.join("\n") };
}
