/**
 * Synthetic knowledge-base articles for the content build benchmark: valid
 * frontmatter, 300–600 words of varied prose under `##`/`###` headings, and the
 * constructs that make MDX compiles cost what they cost on real pages (a GFM
 * table, a list, a fenced code block, a <Callout>). Seeded, so every run compiles
 * the same text.
 */
import { CATEGORIES } from "../../app/content/categories";

export type GeneratedArticle = {
  /** Relative to the content folder, e.g. "kb/how-do-i-rotate-api-keys.mdx". */
  file: string;
  slug: string;
  source: string;
  /** Words of prose (headings, paragraphs, list items, callout), not counting the table and code. */
  proseWords: number;
};

/** mulberry32: a small, fast, seedable PRNG; Math.random can't be seeded. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
    return chosen;
  };
  return { next, int, pick, sample };
}

type Random = ReturnType<typeof createRandom>;

const SUBJECTS = [
  "API keys",
  "single sign-on",
  "webhooks",
  "data exports",
  "the mobile app",
  "invoices",
  "user provisioning",
  "audit logs",
  "the Slack integration",
  "scheduled reports",
  "custom fields",
  "ticket forms",
  "two-factor authentication",
  "IP allowlists",
  "sandbox workspaces",
  "usage dashboards",
  "email notifications",
  "role permissions",
  "bulk imports",
  "the Jira connector",
] as const;
const ACTIONS = [
  "set up",
  "rotate",
  "troubleshoot",
  "turn off",
  "migrate",
  "audit",
  "reset",
  "connect",
  "export",
  "limit access to",
] as const;
/** Used after "won't", which reads right for singular and plural subjects alike. */
const FAILURES = [
  "sync",
  "load",
  "connect",
  "save changes",
  "send notifications",
  "finish importing",
  "show recent data",
] as const;
const ROLES = ["workspace admins", "agents", "billing owners", "developers", "team leads", "new users"] as const;
const PLACES = [
  "Settings → Security",
  "the Admin console",
  "the Integrations page",
  "your profile menu",
  "the Reports tab",
  "Workspace settings",
] as const;
const ADJECTIVES = ["quick", "reliable", "safe", "predictable", "tidy", "auditable", "repeatable"] as const;
const TIMES = [
  "a few minutes",
  "about an hour",
  "the next sync",
  "the end of the day",
  "the next billing cycle",
] as const;
const TAGS = [
  "security",
  "sso",
  "api",
  "billing",
  "integrations",
  "notifications",
  "reports",
  "admin",
  "mobile",
  "import",
  "export",
  "permissions",
  "troubleshooting",
];

/** Sentence templates; each call fills the blanks differently. */
const SENTENCES: ((r: Random, subject: string) => string)[] = [
  (r, s) =>
    `Most teams ${r.pick(ACTIONS)} ${s} once and rarely revisit the setup, so it pays to get the details right the first time.`,
  (r, s) => `Only ${r.pick(ROLES)} can change ${s}; everyone else sees the current values but cannot edit them.`,
  (r) => `You will find the relevant options under **${r.pick(PLACES)}**, grouped by workspace.`,
  (r, s) => `Changes to ${s} usually take effect within ${r.pick(TIMES)}, and the audit log records who made them.`,
  () =>
    `If something looks wrong, compare the settings with a workspace where everything works as expected before you change anything.`,
  (r, s) =>
    `${capitalise(withArticle(r.pick(ADJECTIVES)))} setup for ${s} starts with a short checklist that everyone on the team agrees on.`,
  (r) =>
    `We recommend testing in a sandbox workspace first, especially when ${r.pick(ROLES)} depend on the current behaviour.`,
  (r, s) =>
    `When ${s} won't ${r.pick(FAILURES)}, the cause is usually a permission that changed recently or a token that expired.`,
  () => `Write down what you changed and when; it makes a follow-up conversation with our team much shorter.`,
  () =>
    `The status page shows whether a wider problem is affecting everyone, which saves you from debugging something that is not yours to fix.`,
  (r, s) =>
    `Keep the number of people who can edit ${s} small, and review the list every ${r.pick(["month", "quarter", "release"])}.`,
  () => `Nothing here deletes data: every step can be undone from the same page if the result is not what you wanted.`,
  () => `Large workspaces may see a short delay while the change reaches every region, and that is expected.`,
  (r, s) =>
    `For ${s}, the defaults are sensible for small teams but worth revisiting as you grow past ${r.int(2, 9) * 10} people.`,
];

const SECTION_HEADINGS = [
  (s: string) => `Before you begin with ${s}`,
  (s: string) => `Where to find ${s}`,
  () => "Step by step",
  () => "Checking that it worked",
  () => "Common problems",
  (s: string) => `Who can change ${s}`,
  () => "Good practice",
  () => "Undoing a change",
] as const;

const SUBHEADINGS = ["On the web", "On mobile", "For admins", "For agents", "If you use SSO", "In a sandbox"] as const;

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function withArticle(word: string) {
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}

function slugify(text: string) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Distinct sentences, so a paragraph never repeats itself. */
function paragraph(r: Random, subject: string, sentences = r.int(2, 4)) {
  return r
    .sample(SENTENCES, sentences)
    .map((sentence) => sentence(r, subject))
    .join(" ");
}

function title(r: Random, subject: string) {
  const templates = [
    () => `How do I ${r.pick(ACTIONS)} ${subject}?`,
    () => `Why won't ${subject} ${r.pick(FAILURES)}?`,
    () => `What to check when ${subject} won't ${r.pick(FAILURES)}`,
    () => `${capitalise(r.pick(ACTIONS))} ${subject}: a guide for ${r.pick(ROLES)}`,
  ];
  return r.pick(templates)();
}

function table(r: Random, subject: string) {
  const rows = r.int(3, 5);
  const lines = ["| Setting | Default | Who can change it |", "| --- | --- | --- |"];
  for (let row = 0; row < rows; row++) {
    lines.push(
      `| ${capitalise(subject)} ${r.pick(["timeout", "retention", "scope", "limit", "frequency", "region"])} | ${r.pick(["On", "Off", "30 days", "Hourly", "EU", "10 per minute"])} | ${capitalise(r.pick(ROLES))} |`,
    );
  }
  return lines.join("\n");
}

function list(r: Random, subject: string) {
  const ordered = r.next() < 0.5;
  const items = [
    `Open **${r.pick(PLACES)}**.`,
    `Choose ${subject} from the list on the left.`,
    `Select **${r.pick(["Edit", "Configure", "Manage"])}** and make your change.`,
    `Save, then check the confirmation banner at the top of the page.`,
    `Tell ${r.pick(ROLES)} what changed, so nobody is surprised.`,
  ].slice(0, r.int(3, 5));
  return items.map((item, index) => `${ordered ? `${index + 1}.` : "-"} ${item}`).join("\n");
}

function codeBlock(r: Random, subject: string) {
  const resource = slugify(subject);
  if (r.next() < 0.5) {
    return [
      "```bash",
      `curl -s https://api.example.com/v2/${resource} \\`,
      '  -H "Authorization: Bearer $TECHFLOW_TOKEN" \\',
      `  -H "Accept: application/json" | jq '.items[] | {id, status}'`,
      "```",
    ].join("\n");
  }
  const payload = {
    id: `evt_${r.int(10000, 99999)}`,
    type: `${resource}.updated`,
    attempts: r.int(1, 5),
    enabled: r.next() < 0.5,
    tags: r.sample(TAGS, 2),
  };
  return ["```json", JSON.stringify(payload, null, 2), "```"].join("\n");
}

function callout(r: Random, subject: string) {
  return `<Callout type="note">\n${paragraph(r, subject, r.int(1, 2))}\n</Callout>`;
}

/** Sentences written until a (sub)section reaches `budget` words, one paragraph at a time. */
function paragraphsFor(r: Random, subject: string, budget: number): { texts: string[]; words: number } {
  const texts: string[] = [];
  let words = 0;
  while (words < budget) {
    // About 22 words a sentence: shorten the last paragraph rather than overshoot.
    const sentences = Math.max(1, Math.min(r.int(2, 4), Math.ceil((budget - words) / 22)));
    const text = paragraph(r, subject, sentences);
    texts.push(text);
    words += countWords(text);
  }
  return { texts, words };
}

function article(r: Random, index: number, usedSlugs: Set<string>): GeneratedArticle {
  const subject = r.pick(SUBJECTS);
  const heading = title(r, subject);
  let slug = slugify(heading);
  if (usedSlugs.has(slug)) slug = `${slug}-${index}`;
  usedSlugs.add(slug);

  const targetWords = r.int(300, 600);
  const headings = r.sample(SECTION_HEADINGS, targetWords < 420 ? 3 : r.int(4, 5)).map((make) => make(subject));
  // The four constructs, each placed at the end of a random section so their order varies between articles.
  const blocks = [
    { text: table(r, subject), prose: false },
    { text: list(r, subject), prose: true },
    { text: codeBlock(r, subject), prose: false },
    { text: callout(r, subject), prose: true },
  ].map((block) => ({ ...block, section: r.int(0, headings.length - 1) }));
  const blockWords = blocks.reduce(
    (sum, block) => sum + (block.prose ? countWords(block.text.replace(/<\/?Callout[^>]*>/g, "")) : 0),
    0,
  );

  const intro = paragraph(r, subject);
  const parts: string[] = [intro];
  let words = countWords(intro) + blockWords;
  headings.forEach((text, section) => {
    parts.push(`## ${text}`);
    words += countWords(text);
    const budget = Math.max(25, (targetWords - words) / (headings.length - section));
    // Long sections sometimes split into two ### subsections.
    const subheadings = budget >= 90 && r.next() < 0.4 ? r.sample(SUBHEADINGS, 2) : [null];
    for (const sub of subheadings) {
      if (sub) {
        parts.push(`### ${sub}`);
        words += countWords(sub);
      }
      const written = paragraphsFor(r, subject, budget / subheadings.length);
      parts.push(...written.texts);
      words += written.words;
    }
    parts.push(...blocks.filter((block) => block.section === section).map((block) => block.text));
  });

  const category = r.pick(CATEGORIES.kb).slug;
  const frontmatter = [
    "---",
    `title: ${JSON.stringify(heading)}`,
    `summary: ${JSON.stringify(paragraph(r, subject, 1))}`,
    `category: ${category}`,
    `tags: [${r.sample(TAGS, r.int(1, 3)).join(", ")}]`,
    `order: ${index % 50}`,
    `updated: 2026-${String(r.int(1, 11)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
    "---",
  ];
  return {
    file: `kb/${slug}.mdx`,
    slug,
    source: `${frontmatter.join("\n")}\n\n${parts.join("\n\n")}\n`,
    proseWords: words,
  };
}

export function generateArticles(count: number, seed = 20261128): GeneratedArticle[] {
  const random = createRandom(seed);
  const usedSlugs = new Set<string>();
  return Array.from({ length: count }, (_, index) => article(random, index, usedSlugs));
}
