/** The seeded votes (prisma/seed-data.ts), for tests that check the popular-pages order. */
export { SEED_VOTES, seedVisitorId } from "../../prisma/seed-data";
