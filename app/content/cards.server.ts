import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import type { PageMeta } from "./build.server";
import { cardPathFor, urlForPage } from "./paths";

/**
 * Link-preview cards (Open Graph / Twitter, 1200×630 PNG) for content pages, rendered at build time:
 * the page's section, title and summary on the site's colours. Each card is cached by a hash of what
 * it shows, so an unchanged page is never drawn again, and copied to `public/cards/<page path>.png`,
 * which the client build serves. Pages name their card with `cardPathFor` (app/content/paths.ts).
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** Bumped when the design changes, so every cached card is drawn again. */
const CARD_DESIGN = 3;

const SECTION_LABELS: Record<string, string> = {
  kb: "Knowledge base",
  docs: "Documentation",
  webinars: "Webinar",
  training: "Training",
};

type CardText = { section: string; title: string; summary: string };

let fonts: { name: string; data: Buffer; weight: 400 | 700; style: "normal" }[] | null = null;
function loadFonts() {
  // Inter's WOFF files (satori reads TTF, OTF and WOFF, not WOFF2), from the npm package.
  const dir = path.dirname(createRequire(import.meta.url).resolve("@fontsource/inter/package.json"));
  fonts ??= ([400, 700] as const).map((weight) => ({
    name: "Inter",
    weight,
    style: "normal" as const,
    data: fs.readFileSync(path.join(dir, "files", `inter-latin-${weight}-normal.woff`)),
  }));
  return fonts;
}

function element(type: string, style: Record<string, string | number>, children: unknown) {
  return { type, props: { style, children } };
}

/** One card as PNG bytes. */
export async function renderCard(text: CardText): Promise<Buffer> {
  const tree = element(
    "div",
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: "flex",
      flexDirection: "column",
      padding: 72,
      background: "#0f172a",
      color: "#f8fafc",
      fontFamily: "Inter",
    },
    [
      element("div", { display: "flex", fontSize: 30, fontWeight: 700 }, [
        element("span", {}, "TechFlow "),
        element("span", { color: "#38bdf8", marginLeft: 10 }, "Help Center"),
      ]),
      element("div", { display: "flex", flexDirection: "column", width: CARD_WIDTH - 144, marginTop: 110 }, [
        element("div", { fontSize: 28, color: "#7dd3fc", marginBottom: 18 }, text.section),
        element("div", { fontSize: text.title.length > 60 ? 48 : 56, fontWeight: 700, lineHeight: 1.15 }, text.title),
        element(
          "div",
          { fontSize: 28, color: "#cbd5e1", marginTop: 24, lineHeight: 1.4 },
          text.summary.length > 160 ? `${text.summary.slice(0, 157)}…` : text.summary,
        ),
      ]),
    ],
  );
  // satori's element type is React's; this plain object is the same shape without importing React here.
  const svg = await satori(tree as unknown as Parameters<typeof satori>[0], {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    fonts: loadFonts(),
  });
  return new Resvg(svg, { fitTo: { mode: "width", value: CARD_WIDTH } }).render().asPng();
}

function cardText(page: PageMeta): CardText | null {
  const frontmatter = page.frontmatter as { title?: unknown; summary?: unknown; draft?: unknown };
  if (frontmatter.draft === true || typeof frontmatter.title !== "string") return null;
  return {
    section: SECTION_LABELS[page.kind] ?? "TechFlow Help Center",
    title: frontmatter.title,
    summary: typeof frontmatter.summary === "string" ? frontmatter.summary : "",
  };
}

/**
 * Draws the cards of every published page that lacks an up-to-date one (cache: `<cacheDir>/cards`),
 * writes them under `<publicDir>/cards`, and removes cards of pages that are gone. Answers how many
 * were drawn and how many reused.
 */
export async function buildCards(pages: readonly PageMeta[], cacheDir: string, publicDir: string) {
  const cache = path.join(cacheDir, "cards");
  const out = path.join(publicDir, "cards");
  fs.mkdirSync(cache, { recursive: true });
  fs.rmSync(out, { recursive: true, force: true });
  let drawn = 0;
  let reused = 0;
  for (const page of pages) {
    const text = cardText(page);
    if (!text) continue;
    const hash = createHash("sha256").update(JSON.stringify([CARD_DESIGN, text])).digest("hex").slice(0, 32);
    const cached = path.join(cache, `${hash}.png`);
    if (fs.existsSync(cached)) reused += 1;
    else {
      fs.writeFileSync(cached, await renderCard(text));
      drawn += 1;
    }
    const target = path.join(publicDir, cardPathFor(urlForPage(page.id)));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(cached, target);
  }
  return { drawn, reused };
}
