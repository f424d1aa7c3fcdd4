import type { MetaDescriptor } from "@remix-run/node";
import { CacheKeys, TRACKING_PARAMS } from "../../server/cache-params";
import { ROBOTS_DISALLOWED } from "./robots";

/**
 * The tags every page's <head> carries for search engines and link previews: an absolute canonical
 * URL (PUBLIC_URL, handed down by the root loader, plus only the parameters that change the page's
 * content, as server/cache-params.ts declares them), a description, Open Graph and Twitter card tags,
 * `noindex` on search results, filtered lists and private pages, and the page's JSON-LD.
 *
 * A route keeps writing its own title, description and (where the address has a slug) canonical
 * link; `withSeo` completes them. Browser-safe: meta functions also run on client navigations.
 */

export const SITE_NAME = "TechFlow Help Center";
export const SITE_DESCRIPTION =
  "Answers, docs, webinars and community help for TechFlow Solutions customers: search the knowledge base, ask the community, vote on ideas and contact support.";
/** The site's link-preview card, for pages without one of their own (content pages have theirs: app/content/cards.server.ts). */
export const SITE_CARD_IMAGE = "/social-card.png";

export type SeoOptions = {
  /** schema.org objects, each rendered as one application/ld+json block. */
  jsonLd?: readonly Record<string, unknown>[];
  /** Open Graph type: "article" for content and threads, "website" otherwise. */
  ogType?: "article" | "website";
  /** Keep the page out of search results (search pages, filtered lists). */
  noindex?: boolean;
  /** The page's own link-preview card (a site path), drawn at build time; the site card otherwise. */
  image?: string;
  /** Neighbouring pages of a paginated page (site paths). */
  previous?: string | null;
  next?: string | null;
};

type MatchLike = { id: string; data: unknown };
type SeoArgs = { location: { pathname: string; search: string }; matches: readonly MatchLike[] };

const cacheKeys = new CacheKeys();

/** PUBLIC_URL's origin, from the root loader's data (null when the root loader failed). */
export function originFrom(matches: readonly MatchLike[]): string | null {
  const root = matches.find((match) => match.id === "root")?.data;
  if (!root || typeof root !== "object" || !("origin" in root)) return null;
  return typeof root.origin === "string" ? root.origin : null;
}

/**
 * Any parameter but a page number (and tracking) searches, filters, sorts or annotates a page: such
 * addresses are not indexed; the plain page (or its numbered pages) is.
 */
function isFilteredOrSearched(search: string) {
  return [...new URLSearchParams(search).keys()].some((name) => name !== "page" && !TRACKING_PARAMS.has(name));
}

function isPrivatePath(pathname: string) {
  return ROBOTS_DISALLOWED.some(
    (prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`),
  );
}

function absolute(origin: string, href: string) {
  return /^https?:\/\//.test(href) ? href : `${origin}${href.startsWith("/") ? "" : "/"}${href}`;
}

function isTag(descriptor: MetaDescriptor, key: "name" | "property", value: string) {
  return key in descriptor && (descriptor as Record<string, unknown>)[key] === value;
}

function isCanonical(descriptor: MetaDescriptor) {
  return "tagName" in descriptor && descriptor.tagName === "link" && descriptor.rel === "canonical";
}

/** Completes a route's own meta descriptors with the site-wide search and preview tags. */
export function seoTags(args: SeoArgs, own: readonly MetaDescriptor[], options: SeoOptions = {}): MetaDescriptor[] {
  const origin = originFrom(args.matches);
  const title = own.find((descriptor): descriptor is { title: string } => "title" in descriptor)?.title ?? SITE_NAME;
  const ownDescription = own.find((descriptor) => isTag(descriptor, "name", "description"));
  const description =
    (ownDescription && "content" in ownDescription ? String(ownDescription.content).trim() : "") || SITE_DESCRIPTION;
  const routeCanonical = own.find(isCanonical);
  const canonicalPath =
    routeCanonical && "href" in routeCanonical && typeof routeCanonical.href === "string"
      ? routeCanonical.href
      : cacheKeys.canonicalPath(args.location.pathname, args.location.search);
  const noindex =
    options.noindex || isFilteredOrSearched(args.location.search) || isPrivatePath(args.location.pathname);
  const kept = own.filter(
    (descriptor) =>
      !isCanonical(descriptor) && !isTag(descriptor, "name", "description") && !isTag(descriptor, "name", "robots"),
  );
  const tags: MetaDescriptor[] = [...kept, { name: "description", content: description }];
  if (noindex || own.some((descriptor) => isTag(descriptor, "name", "robots")))
    tags.push({ name: "robots", content: "noindex" });
  if (!origin) return tags;
  const url = absolute(origin, canonicalPath);
  const image = absolute(origin, options.image ?? SITE_CARD_IMAGE);
  tags.push(
    { tagName: "link", rel: "canonical", href: url },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:type", content: options.ogType ?? "website" },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    { property: "og:image", content: image },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:image:alt", content: options.image ? title : SITE_NAME },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: title },
    { name: "twitter:description", content: description },
    { name: "twitter:image", content: image },
  );
  if (options.previous) tags.push({ tagName: "link", rel: "prev", href: absolute(origin, options.previous) });
  if (options.next) tags.push({ tagName: "link", rel: "next", href: absolute(origin, options.next) });
  for (const block of options.jsonLd ?? [])
    tags.push({ "script:ld+json": { "@context": "https://schema.org", ...block } });
  return tags;
}

/**
 * Wraps a route's meta function: `export const meta = withSeo<typeof loader>(({ data }) => [...])`, with
 * optional JSON-LD and flags computed from the same arguments.
 */
export function withSeo<Args extends SeoArgs>(
  routeMeta: (args: Args) => MetaDescriptor[] | undefined,
  options?: (args: NoInfer<Args>) => SeoOptions,
): (args: Args) => MetaDescriptor[] {
  return (args) => seoTags(args, routeMeta(args) ?? [], options?.(args));
}
