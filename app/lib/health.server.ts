import { contentBuildId } from "../content/store.server";
import { prisma } from "./db.server";

export type Health = { db: "ok" | "down"; search: "ok" | "degraded" | "down"; content: string };

/** Status words for operators and load balancers; never throws. */
export async function checkHealth(): Promise<Health> {
  const db = await prisma.$queryRaw`SELECT 1`.then(
    () => "ok" as const,
    () => "down" as const,
  );
  const content = await contentBuildId().catch(() => "missing");
  // Search is answered from the content build until the search engine lands (issue 3).
  const search = content === "missing" || content === "empty" ? "down" : "ok";
  return { db, search, content };
}
