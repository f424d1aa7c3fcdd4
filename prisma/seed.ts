/**
 * Idempotent seed: running it twice leaves the same rows. Votes give the home
 * page a realistic "popular articles" order on a fresh install.
 */
import { createPrismaClient } from "../app/lib/db.server";
import { SEED_VOTES, seedVisitorId } from "../tests/factories/votes";

const db = createPrismaClient();
let written = 0;
for (const vote of SEED_VOTES) {
  for (let index = 0; index < vote.yes + vote.no; index++) {
    const helpful = index < vote.yes;
    const visitorId = seedVisitorId(index);
    await db.helpfulVote.upsert({
      where: { pageId_visitorId: { pageId: vote.pageId, visitorId } },
      create: { pageId: vote.pageId, visitorId, helpful },
      update: { helpful },
    });
    written++;
  }
}
await db.$disconnect();
console.log(`Seeded ${written} helpful votes.`);
