/**
 * robots.txt: crawlers get the public pages and the sitemap, and stay out of staff pages, search
 * results, the JSON API, account and ticket pages, and the endpoints forms post to (no crawler has
 * anything to find there, and a followed form link would only cost us a render).
 */
export const ROBOTS_DISALLOWED = [
  "/admin",
  "/api/",
  "/search",
  "/login",
  "/logout",
  "/signup",
  "/join",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/settings",
  "/notifications",
  "/unsubscribe",
  "/support/tickets",
  "/support/new",
  "/support/suggest",
  "/support/chats",
  "/support/attachments",
  "/support/survey",
  "/chat",
  "/community/new",
  "/community/posts/",
  "/community/moderate",
  "/community/deflections",
  "/community/categories/new",
  "/ideas/new",
  "/ideas/similar",
  "/status/subscribe",
  "/status/confirm",
  "/status/unsubscribe",
  "/certificates/",
] as const;

export function robotsTxt(origin: string) {
  return [
    "User-agent: *",
    "Allow: /",
    ...ROBOTS_DISALLOWED.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
}
