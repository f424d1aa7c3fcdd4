import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAppServer } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { PageCache } from "../../server/page-cache";
import { acceptAnswer, replyToThread } from "../../app/forum/posting.server";
import { prisma } from "../../app/lib/db.server";
import { closeAsDuplicate } from "../../app/forum/qa-hygiene.server";
import { createCategory, createMember, createQuestion } from "../forum/forum-factories";
import { actor, submitIdea } from "../ideas/factories";
import { REQUIRED_PROPERTIES, missingProperties } from "../seo/structured-data-rules";

/**
 * What a search engine sees: the sitemap lists every public page, each listed address answers 200
 * and names itself as canonical (absolute, from PUBLIC_URL, never the Host the request came to),
 * JSON-LD parses and carries the properties each type requires, and search or filtered pages are
 * kept out of the index.
 */

// A public origin no request comes in on: canonical URLs must take it from PUBLIC_URL, not from Host.
const PUBLIC = vi.hoisted(() => {
  const origin = "https://help.techflow.example";
  process.env.PUBLIC_URL = origin;
  return origin;
});

const MANIFEST = path.resolve(".content-cache/manifest.json");
let server: ReturnType<typeof createAppServer>;
let base = "";
let solvedPath = "";
let solvedId = 0;
let openPath = "";
let hiddenPath = "";
let ideaPath = "";

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: MANIFEST,
    cache: new PageCache({ recompress: false }),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const category = await createCategory({ isQuestions: true });
  const asker = await createMember("member", "Asking Member");
  const helper = await createMember("member", "Helping Member");
  const solved = await createQuestion(asker, category.slug, "How do I export last year's invoices </script>?");
  const answer = await replyToThread(helper, solved.id, "Open Billing, pick the year, then choose Export as CSV.");
  const answerPost = await prisma.forumPost.findFirstOrThrow({ where: { threadId: solved.id, number: answer.number } });
  await acceptAnswer(asker, solved.id, answerPost.id);
  solvedPath = `/community/t/${solved.id}-${solved.slug}`;
  solvedId = solved.id;
  const open = await createQuestion(asker, category.slug, "Does the API rate limit differ per plan?");
  openPath = `/community/t/${open.id}-${open.slug}`;
  const hidden = await createQuestion(asker, category.slug, "A question a moderator hid from everyone");
  // As a moderator's hide leaves it: the thread stays in the database, out of every public page.
  await prisma.forumThread.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
  hiddenPath = `/community/t/${hidden.id}-${hidden.slug}`;
  const idea = await submitIdea(await actor(), "Schedule reports to arrive every Monday");
  ideaPath = idea.url;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(address: string) {
  const response = await fetch(
    address.startsWith(PUBLIC) ? `${base}${address.slice(PUBLIC.length)}` : `${base}${address}`,
    {
      redirect: "manual",
    },
  );
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.text() };
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1].replace(/&amp;/g, "&"));
const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1].replace(/&amp;/g, "&");
const robotsOf = (html: string) => /<meta name="robots" content="([^"]+)"/.exec(html)?.[1] ?? null;

function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (match) => JSON.parse(match[1]) as Record<string, unknown>,
  );
}

async function sitemapUrls() {
  const index = await get("/sitemap.xml");
  expect(index.status).toBe(200);
  expect(index.type).toContain("xml");
  expect(index.body).toContain("<sitemapindex");
  const children = locs(index.body);
  expect(children.length).toBeGreaterThanOrEqual(3);
  const urls: string[] = [];
  for (const child of children) {
    expect(child.startsWith(`${PUBLIC}/sitemaps/`), child).toBe(true);
    const sitemap = await get(child);
    expect(sitemap.status, child).toBe(200);
    expect(sitemap.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    for (const lastmod of sitemap.body.matchAll(/<lastmod>([^<]+)<\/lastmod>/g))
      expect(Number.isNaN(Date.parse(lastmod[1])), lastmod[1]).toBe(false);
    urls.push(...locs(sitemap.body));
  }
  return urls;
}

describe("sitemap", () => {
  it("lists every public page once, each answering 200 with itself as its absolute canonical URL", async () => {
    const urls = await sitemapUrls();
    expect(new Set(urls).size).toBe(urls.length);
    for (const expected of [
      "/",
      "/kb",
      "/kb/how-fast-will-we-respond-to-my-ticket",
      "/docs/portal/submitting-a-ticket",
      "/webinars/getting-the-most-from-the-support-portal",
      "/community",
      "/ideas",
      "/status",
      solvedPath,
      openPath,
      ideaPath,
    ])
      expect(urls, expected).toContain(`${PUBLIC}${expected}`);
    expect(urls).not.toContain(`${PUBLIC}${hiddenPath}`);
    for (const url of urls) {
      expect(url.startsWith(`${PUBLIC}/`), url).toBe(true);
      const page = await get(url);
      expect(page.status, url).toBe(200);
      expect(canonicalOf(page.body), url).toBe(url);
      expect(robotsOf(page.body), url).toBeNull();
    }
  });

  it("drops a thread closed as a duplicate at once, although the sitemap was cached (the forum's purge tags)", async () => {
    const category = await createCategory({ isQuestions: true });
    const duplicate = await createQuestion(
      await createMember(),
      category.slug,
      "How can I export invoices from last year?",
    );
    const duplicateUrl = `${PUBLIC}/community/t/${duplicate.id}-${duplicate.slug}`;
    expect(await sitemapUrls()).toContain(duplicateUrl);
    await closeAsDuplicate(await createMember("moderator", "A Moderator"), duplicate.id, solvedId, "Asked before");
    expect(await sitemapUrls()).not.toContain(duplicateUrl);
  });
});

describe("robots.txt", () => {
  it("points at the sitemap and keeps crawlers out of private pages, search and form endpoints", async () => {
    const robots = await get("/robots.txt");
    expect(robots.status).toBe(200);
    expect(robots.type).toContain("text/plain");
    expect(robots.body).toContain(`Sitemap: ${PUBLIC}/sitemap.xml`);
    for (const path of [
      "/admin",
      "/search",
      "/api/",
      "/settings",
      "/support/tickets",
      "/login",
      "/community/new",
      "/ideas/new",
    ])
      expect(robots.body, path).toContain(`Disallow: ${path}\n`);
    expect(robots.body).not.toMatch(/Disallow: \/\n/);
  });
});

describe("canonical URLs, descriptions and link cards", () => {
  it("keeps only the parameters that change a page's content", async () => {
    expect(canonicalOf((await get("/kb/how-fast-will-we-respond-to-my-ticket?utm_source=mail&x=1")).body)).toBe(
      `${PUBLIC}/kb/how-fast-will-we-respond-to-my-ticket`,
    );
    expect(canonicalOf((await get("/community?page=1&sort=top&junk=2")).body)).toBe(`${PUBLIC}/community?sort=top`);
    expect(canonicalOf((await get(`${ideaPath}?utm_campaign=x`)).body)).toBe(`${PUBLIC}${ideaPath}`);
  });

  it("gives the home page and content pages a description, Open Graph and Twitter tags with an absolute image", async () => {
    for (const address of ["/", solvedPath, ideaPath, "/status"]) {
      const { body } = await get(address);
      expect(body, address).toMatch(/<meta name="description" content="[^"]{20,}"/);
      expect(body, address).toContain(`<meta property="og:url" content="${PUBLIC}${address === "/" ? "/" : address}"`);
      expect(body, address).toContain(`<meta property="og:image" content="${PUBLIC}/social-card.png"`);
      expect(body, address).toContain('<meta name="twitter:card" content="summary_large_image"');
    }
    expect((await get("/social-card.png")).status).toBe(200);
  });

  it("gives each content page its own title card, drawn at build time: a 1200×630 PNG the server answers", async () => {
    for (const address of [
      "/kb/how-fast-will-we-respond-to-my-ticket",
      "/docs/portal/ticket-statuses",
      "/training/getting-help-fast/choosing-a-channel",
    ]) {
      const { body } = await get(address);
      const card = `/cards${address}.png`;
      expect(body, address).toContain(`<meta property="og:image" content="${PUBLIC}${card}"`);
      expect(body, address).toContain(`<meta name="twitter:image" content="${PUBLIC}${card}"`);
      const response = await fetch(`${base}${card}`);
      expect(response.status, card).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      const png = Buffer.from(await response.arrayBuffer());
      // PNG signature, then the IHDR chunk's width and height.
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    }
  });
});

describe("noindex", () => {
  it("keeps search results and filtered or sorted lists out of the index, but not the lists themselves", async () => {
    for (const address of [
      "/search?q=invoice",
      "/community?sort=top",
      "/community?solved=yes",
      "/ideas?status=planned",
      "/ideas?q=export",
    ])
      expect(robotsOf((await get(address)).body), address).toBe("noindex");
    for (const address of ["/community", "/ideas", "/community?page=2"])
      expect(robotsOf((await get(address)).body), address).toBeNull();
  });
});

describe("structured data", () => {
  function expectValid(blocks: Record<string, unknown>[]) {
    for (const block of blocks) {
      expect(block["@context"]).toBe("https://schema.org");
      expect(missingProperties(block), String(block["@type"])).toEqual([]);
    }
    return blocks.map((block) => block["@type"]);
  }

  it("marks a solved question up as a QAPage with its accepted answer, and escapes '<' inside the JSON", async () => {
    const { body } = await get(solvedPath);
    expect(body).not.toContain("</script>?");
    const blocks = jsonLdOf(body);
    expect(expectValid(blocks)).toEqual(["QAPage", "BreadcrumbList"]);
    const question = blocks[0].mainEntity as { name: string; acceptedAnswer: { text: string; url: string } };
    expect(question.name).toContain("</script>");
    expect(question.acceptedAnswer.text).toContain("Export as CSV");
    expect(question.acceptedAnswer.url.startsWith(`${PUBLIC}${solvedPath}`)).toBe(true);
  });

  it("marks an unanswered thread up as a DiscussionForumPosting", async () => {
    const fresh = await createQuestion(
      await createMember(),
      (await createCategory()).slug,
      "Can I rename a workspace?",
    );
    const blocks = jsonLdOf((await get(`/community/t/${fresh.id}-${fresh.slug}`)).body);
    expect(expectValid(blocks)).toEqual(["DiscussionForumPosting", "BreadcrumbList"]);
  });

  it("marks articles and docs up as Articles with breadcrumbs, and the home page as a WebSite", async () => {
    expect(expectValid(jsonLdOf((await get("/kb/how-fast-will-we-respond-to-my-ticket")).body))).toEqual([
      "Article",
      "BreadcrumbList",
    ]);
    expect(expectValid(jsonLdOf((await get("/docs/portal/submitting-a-ticket")).body))).toEqual([
      "Article",
      "BreadcrumbList",
    ]);
    expect(expectValid(jsonLdOf((await get("/")).body))).toEqual(["WebSite"]);
    expect(expectValid(jsonLdOf((await get(ideaPath)).body))).toEqual(["BreadcrumbList"]);
  });

  it("gives a recording still 'coming soon' no VideoObject", async () => {
    const types = expectValid(jsonLdOf((await get("/webinars/getting-the-most-from-the-support-portal")).body));
    expect(types).not.toContain("VideoObject");
  });

  it("has a rule for every type the site emits", () => {
    for (const type of [
      "Article",
      "FAQPage",
      "QAPage",
      "DiscussionForumPosting",
      "BreadcrumbList",
      "VideoObject",
      "WebSite",
    ])
      expect(REQUIRED_PROPERTIES[type], type).toBeDefined();
  });
});
