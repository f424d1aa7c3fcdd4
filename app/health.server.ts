import { contentBuildId } from "./content/store.server";
import { searchHealth } from "./search/service.server";
import { prisma } from "./lib/db.server";

export type Health = { db: "ok" | "down"; search: "ok" | "degraded" | "down"; content: string; searchDetail?: string };

/**
 * A load balancer reads only the status code: without its database an instance can serve nothing useful,
 * so it answers 503 and is taken out of rotation. Search degraded or down alone keeps 200: the pages still
 * work and search falls back (decision record 011).
 */
export function healthHttpStatus(health: Health): 200 | 503 {
  return health.db === "ok" ? 200 : 503;
}

/** Status words for operators and load balancers; never throws. */
export async function checkHealth(): Promise<Health> {
  const db = await prisma.$queryRaw`SELECT 1`.then(
    () => "ok" as const,
    () => "down" as const,
  );
  const content = await contentBuildId().catch(() => "missing");
  const search = await searchHealth().catch((error: Error) => ({ status: "down" as const, detail: error.message }));
  return { db, search: search.status, content, ...(search.detail ? { searchDetail: search.detail } : {}) };
}
