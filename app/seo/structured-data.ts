import { SITE_CARD_IMAGE, SITE_NAME } from "./meta";

/**
 * schema.org objects for the page types search engines show richly (Google Search Central's
 * structured-data guides). Built from what the page itself shows, so the markup never promises more
 * than the reader sees. tests/server/seo.test.ts checks the required properties of each type.
 */

type Thing = Record<string, unknown>;
type Crumb = { label: string; url: string };

const absolute = (origin: string, path: string) => (/^https?:\/\//.test(path) ? path : `${origin}${path}`);

function publisher(origin: string): Thing {
  return { "@type": "Organization", name: SITE_NAME, url: `${origin}/`, logo: `${origin}/favicon.svg` };
}

/** Plain text of trusted build-time or sanitized HTML, for descriptions and answers. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

export function breadcrumbList(origin: string, crumbs: readonly Crumb[]): Thing {
  return {
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.label,
      item: absolute(origin, crumb.url.split("#")[0] || "/"),
    })),
  };
}

type ArticleInput = { url: string; title: string; summary: string; updatedAt: string | null };

export function article(origin: string, page: ArticleInput): Thing {
  return {
    "@type": "Article",
    headline: page.title.slice(0, 110),
    description: page.summary,
    url: absolute(origin, page.url),
    mainEntityOfPage: absolute(origin, page.url),
    image: [absolute(origin, SITE_CARD_IMAGE)],
    ...(page.updatedAt ? { dateModified: page.updatedAt, datePublished: page.updatedAt } : {}),
    author: { "@type": "Organization", name: "TechFlow Solutions Support", url: `${origin}/` },
    publisher: publisher(origin),
  };
}

/**
 * An article is a list of questions when every one of its second-level headings asks one (ends in
 * "?") and there are at least two: then each heading is a question and the text under it, up to the
 * next second-level heading, its answer.
 */
export function faqFromArticle(html: string): { question: string; answer: string }[] | null {
  const parts = html.split(/<h2\b[^>]*>/i).slice(1);
  if (parts.length < 2) return null;
  const entries = parts.map((part) => {
    const [heading, ...rest] = part.split(/<\/h2>/i);
    return { question: textOfHtml(heading), answer: textOfHtml(rest.join(" ")) };
  });
  return entries.every((entry) => entry.question.endsWith("?") && entry.answer) ? entries : null;
}

export function faqPage(entries: readonly { question: string; answer: string }[]): Thing {
  return {
    "@type": "FAQPage",
    mainEntity: entries.map((entry) => ({
      "@type": "Question",
      name: entry.question,
      acceptedAnswer: { "@type": "Answer", text: entry.answer },
    })),
  };
}

type VideoInput = {
  url: string;
  title: string;
  summary: string;
  recordedOn: string;
  durationMinutes: number;
  videoUrl: string;
  captionsUrl: string;
};

export function videoObject(origin: string, video: VideoInput): Thing {
  return {
    "@type": "VideoObject",
    name: video.title,
    description: video.summary,
    thumbnailUrl: [absolute(origin, SITE_CARD_IMAGE)],
    uploadDate: new Date(video.recordedOn).toISOString(),
    duration: `PT${Math.max(1, Math.round(video.durationMinutes))}M`,
    contentUrl: absolute(origin, video.videoUrl),
    embedUrl: absolute(origin, video.url),
    caption: { "@type": "MediaObject", contentUrl: absolute(origin, video.captionsUrl), encodingFormat: "text/vtt" },
    inLanguage: "en",
  };
}

type PostInput = { url: string; author: { name: string }; html: string; createdAt: string; likeCount: number };
type ThreadInput = {
  title: string;
  url: string;
  createdAt: string;
  author: { name: string };
  postCount: number;
  solved: boolean;
  accepted: PostInput | null;
  category: { isQuestions: boolean };
  posts: readonly (PostInput & { number: number; deleted: boolean; hidden: boolean })[];
};

const person = (name: string) => ({ "@type": "Person", name });
const likes = (count: number) => ({
  "@type": "InteractionCounter",
  interactionType: "https://schema.org/LikeAction",
  userInteractionCount: count,
});

function comment(origin: string, post: PostInput): Thing {
  return {
    "@type": "Comment",
    text: textOfHtml(post.html),
    author: person(post.author.name),
    datePublished: post.createdAt,
    url: absolute(origin, post.url),
    interactionStatistic: likes(post.likeCount),
  };
}

/**
 * A solved question is a QAPage whose Question carries its accepted answer; any other thread is a
 * DiscussionForumPosting with its visible replies (of the page shown) as comments.
 */
export function threadStructuredData(origin: string, thread: ThreadInput, pageUrl: string): Thing {
  const opening = thread.posts.find((post) => post.number === 1);
  const openingText = opening && !opening.deleted && !opening.hidden ? textOfHtml(opening.html) : "";
  const replies = thread.posts.filter((post) => post.number !== 1 && !post.deleted && !post.hidden && post.html);
  if (thread.category.isQuestions && thread.solved && thread.accepted) {
    const accepted = thread.accepted;
    return {
      "@type": "QAPage",
      mainEntity: {
        "@type": "Question",
        name: thread.title,
        text: openingText || thread.title,
        answerCount: Math.max(1, thread.postCount - 1),
        datePublished: thread.createdAt,
        author: person(thread.author.name),
        url: absolute(origin, thread.url),
        acceptedAnswer: {
          "@type": "Answer",
          text: textOfHtml(accepted.html),
          datePublished: accepted.createdAt,
          url: absolute(origin, accepted.url),
          author: person(accepted.author.name),
          upvoteCount: accepted.likeCount,
        },
      },
    };
  }
  return {
    "@type": "DiscussionForumPosting",
    headline: thread.title,
    // A hidden opening post leaves the title as the only words the page shows for the question.
    text: openingText || thread.title,
    url: absolute(origin, pageUrl),
    mainEntityOfPage: absolute(origin, pageUrl),
    author: person(thread.author.name),
    datePublished: thread.createdAt,
    interactionStatistic: {
      "@type": "InteractionCounter",
      interactionType: "https://schema.org/CommentAction",
      userInteractionCount: Math.max(0, thread.postCount - 1),
    },
    comment: replies.map((post) => comment(origin, post)),
  };
}

export function website(origin: string): Thing {
  return {
    "@type": "WebSite",
    name: SITE_NAME,
    url: `${origin}/`,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${origin}/search?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}
