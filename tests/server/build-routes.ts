import type { ServerBuild } from "@remix-run/node";
import { rawBodyLimit } from "../../server/request-body";

/**
 * Every route module of the built app that has a form action, as a URL to post to (params and splats filled
 * with "sample"). Machine endpoints that take a raw body with a bearer secret (inbound mail by webhook) are
 * left out: they answer for their own bodies (tests/email/webhook.test.ts).
 */
export function actionPaths(build: ServerBuild): string[] {
  const routes = build.routes as Record<string, { path?: string; parentId?: string; module: { action?: unknown } }>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(routes)
    .filter((id) => typeof routes[id].module.action === "function")
    .map((id) => `/${fullPath(id).replace(/:[^/]+/g, "sample").replace(/\*$/, "sample/page")}`)
    .filter((path) => rawBodyLimit(path) === null);
}
