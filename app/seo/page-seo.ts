import { cardPathFor } from "../content/paths";
import type { PageView } from "../content/page-types";
import type { ThreadView } from "../forum/views";
import { originFrom, type SeoOptions } from "./meta";
import {
  article,
  breadcrumbList,
  faqFromArticle,
  faqPage,
  threadStructuredData,
  videoObject,
  website,
} from "./structured-data";

/** Per-page SEO options for the routes' `withSeo(…, options)`: JSON-LD built from the loader's data. */

type Args<Data> = { data: Data | undefined; matches: readonly { id: string; data: unknown }[] };
type Media = { videoUrl: string; captionsUrl: string } | null | undefined;

/** KB articles, docs, webinar pages and training lessons: Article (+ FAQPage, VideoObject) and their breadcrumbs. */
export function contentPageSeo(args: Args<{ page: PageView; media?: Media }>): SeoOptions {
  const origin = originFrom(args.matches);
  const loaded = args.data;
  if (!origin || !loaded?.page) return {};
  const { page, media } = loaded;
  const jsonLd = [
    article(origin, page),
    breadcrumbList(origin, [...page.breadcrumbs, { label: page.title, url: page.url }]),
  ];
  const faq = page.kind === "kb" ? faqFromArticle(page.html) : null;
  if (faq) jsonLd.push(faqPage(faq));
  // Only a recording that is really there: a "coming soon" placeholder gets no VideoObject.
  if (media && page.webinar && page.webinar.recordingStatus !== "coming-soon") {
    jsonLd.push(
      videoObject(origin, {
        url: page.url,
        title: page.title,
        summary: page.summary,
        recordedOn: page.webinar.recordedOn,
        durationMinutes: page.webinar.durationMinutes,
        videoUrl: media.videoUrl,
        captionsUrl: media.captionsUrl,
      }),
    );
  }
  return { ogType: "article", jsonLd, image: cardPathFor(page.url) };
}

/** A thread page: QAPage or DiscussionForumPosting, its breadcrumbs, and its neighbouring pages. */
export function threadSeo(args: Args<{ thread: ThreadView }>): SeoOptions {
  const origin = originFrom(args.matches);
  const thread = args.data?.thread;
  if (!origin || !thread) return {};
  const pageUrl = (page: number) => (page > 1 ? `${thread.url}?page=${page}` : thread.url);
  return {
    ogType: "article",
    previous: thread.page > 1 ? pageUrl(thread.page - 1) : null,
    next: thread.page < thread.pageCount ? pageUrl(thread.page + 1) : null,
    jsonLd: [
      threadStructuredData(origin, thread, pageUrl(thread.page)),
      breadcrumbList(origin, [
        { label: "Community", url: "/community" },
        { label: thread.category.name, url: thread.category.url },
        { label: thread.title, url: thread.url },
      ]),
    ],
  };
}

/** An idea page: its breadcrumbs (the page shows Feature requests › the idea). */
export function ideaSeo(args: Args<{ idea: { title: string; url: string } }>): SeoOptions {
  const origin = originFrom(args.matches);
  const idea = args.data?.idea;
  if (!origin || !idea) return {};
  return {
    ogType: "article",
    jsonLd: [
      breadcrumbList(origin, [
        { label: "Community", url: "/community" },
        { label: "Feature requests", url: "/ideas" },
        { label: idea.title, url: idea.url },
      ]),
    ],
  };
}

export function homeSeo(args: Args<unknown>): SeoOptions {
  const origin = originFrom(args.matches);
  return origin ? { jsonLd: [website(origin)] } : {};
}
