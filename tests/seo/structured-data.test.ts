import { describe, expect, it } from "vitest";
import { contentPageSeo } from "~/seo/page-seo";
import { faqFromArticle } from "~/seo/structured-data";
import type { PageView } from "~/content/page-types";
import { missingProperties } from "./structured-data-rules";

const ORIGIN = "https://help.techflow.example";
const matches = [{ id: "root", data: { origin: ORIGIN } }];

function webinarPage(recordingStatus: "published" | "coming-soon", html = "<p>Notes.</p>"): PageView {
  return {
    id: "webinars/demo",
    kind: "webinars",
    url: "/webinars/demo",
    title: "A demo recording",
    summary: "What the recording covers.",
    categoryTitle: "On-demand recordings",
    tags: [],
    readingMinutes: 2,
    updatedAt: "2026-11-02T10:00:00.000Z",
    headings: [],
    html,
    editUrl: "",
    breadcrumbs: [
      { label: "Help Center", url: "/" },
      { label: "Webinars", url: "/webinars" },
    ],
    related: [],
    webinar: { recordedOn: "2026-10-01", durationMinutes: 45, presenter: "Sam", recordingStatus },
  };
}

const media = { videoUrl: "/media/webinars/demo.webm", captionsUrl: "/media/webinars/demo.en.vtt" };

describe("content page structured data", () => {
  it("describes a published recording with captions as a VideoObject with the required properties", () => {
    const { jsonLd = [] } = contentPageSeo({ data: { page: webinarPage("published"), media }, matches });
    const video = jsonLd.find((block) => block["@type"] === "VideoObject");
    expect(video).toMatchObject({ contentUrl: `${ORIGIN}/media/webinars/demo.webm`, duration: "PT45M" });
    expect(missingProperties(jsonLd)).toEqual([]);
  });

  it("gives a 'coming soon' placeholder, or a page without media, no VideoObject", () => {
    for (const options of [
      { page: webinarPage("coming-soon"), media },
      { page: webinarPage("published"), media: null },
    ]) {
      const { jsonLd = [] } = contentPageSeo({ data: options, matches });
      expect(jsonLd.map((block) => block["@type"])).not.toContain("VideoObject");
    }
  });

  it("reads an article whose every section heading asks a question as an FAQ, and no other", () => {
    const faq =
      "<p>Intro</p><h2 id=a>Can I pay by card?</h2><p>Yes, <b>every</b> plan.</p><h2>Is VAT included?</h2><p>No.</p>";
    expect(faqFromArticle(faq)).toEqual([
      { question: "Can I pay by card?", answer: "Yes, every plan." },
      { question: "Is VAT included?", answer: "No." },
    ]);
    expect(faqFromArticle("<h2>Before you start</h2><p>x</p><h2>Is VAT included?</h2><p>No.</p>")).toBeNull();
    expect(faqFromArticle("<h2>Is VAT included?</h2><p>No.</p>")).toBeNull();
    const kb = { ...webinarPage("published", faq), kind: "kb" as const, webinar: null };
    const { jsonLd = [] } = contentPageSeo({ data: { page: kb }, matches });
    expect(jsonLd.map((block) => block["@type"])).toEqual(["Article", "BreadcrumbList", "FAQPage"]);
    expect(missingProperties(jsonLd)).toEqual([]);
  });

  it("flags a block that lacks a required property", () => {
    expect(missingProperties({ "@type": "VideoObject", name: "x", thumbnailUrl: ["y"] })).toEqual([
      "VideoObject.uploadDate",
    ]);
  });
});
