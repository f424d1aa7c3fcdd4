import { contentBuildId } from "../content/store.server";
import { searchHealth } from "../search/service.server";
import { prisma } from "./db.server";

export type Health = { db: "ok" | "down"; search: "ok" | "degraded" | "down"; content: string; searchDetail?: string };

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
