import type { ServerBuild } from "@remix-run/node";

/** Every route module of the built app that has an action, as a URL to post to (params and splats filled with "sample"). */
export function actionPaths(build: ServerBuild): string[] {
  const routes = build.routes as Record<string, { path?: string; parentId?: string; module: { action?: unknown } }>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(routes)
    .filter((id) => typeof routes[id].module.action === "function")
    .map((id) => `/${fullPath(id).replace(/:[^/]+/g, "sample").replace(/\*$/, "sample/page")}`);
}
