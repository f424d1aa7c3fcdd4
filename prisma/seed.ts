/**
 * Idempotent seed: running it twice leaves the same rows. Demo accounts and
 * users (printed below and listed in the README under "Try it"), and votes that
 * give the home page a realistic "popular articles" order.
 */
import { hashPassword } from "../app/auth/password.server";
import { createPrismaClient } from "../app/lib/db.server";
import { SEED_ACCOUNTS, SEED_USERS, SEED_VOTES, seedVisitorId } from "./seed-data";
import { seedIdeas } from "./seed-ideas";
import { seedForum } from "./seed-forum";
import { seedStatus } from "./seed-status";
import { seedTickets } from "./seed-tickets";
import { seedOnCall } from "./seed-oncall";
import { seedTraining } from "./seed-training";

const db = createPrismaClient();

for (const account of SEED_ACCOUNTS) {
  await db.customerAccount.upsert({
    where: { accountNumber: account.accountNumber },
    create: account,
    update: { name: account.name, plan: account.plan },
  });
}

for (const user of SEED_USERS) {
  const account = user.accountNumber
    ? await db.customerAccount.findUniqueOrThrow({ where: { accountNumber: user.accountNumber } })
    : null;
  const existing = await db.user.findUnique({ where: { email: user.email } });
  const fields = {
    name: user.name,
    role: user.role,
    accountId: account?.id ?? null,
    accountRole: account ? user.accountRole : null,
  };
  // A demo user who changed their password keeps it; the seed only creates what is missing.
  if (existing) await db.user.update({ where: { id: existing.id }, data: fields });
  else
    await db.user.create({
      data: {
        ...fields,
        email: user.email,
        passwordHash: await hashPassword(user.password),
        emailVerifiedAt: new Date(),
      },
    });
}

let votes = 0;
for (const vote of SEED_VOTES) {
  for (let index = 0; index < vote.yes + vote.no; index++) {
    const helpful = index < vote.yes;
    const visitorId = seedVisitorId(index);
    await db.helpfulVote.upsert({
      where: { pageId_visitorId: { pageId: vote.pageId, visitorId } },
      create: { pageId: vote.pageId, visitorId, helpful },
      update: { helpful },
    });
    votes++;
  }
}
const forum = await seedForum(db);
const ideas = await seedIdeas(db);
const status = await seedStatus(db);
const tickets = await seedTickets(db);
const onCall = await seedOnCall(db);
const training = await seedTraining(db);
await db.$disconnect();

console.log(
  `Seeded ${SEED_ACCOUNTS.length} customer accounts, ${SEED_USERS.length} users and ${votes} helpful votes. Sign in with:`,
);
if (forum.threads)
  console.log(
    `Seeded ${forum.threads} community threads with ${forum.replies} replies (run \`npm run search:reindex\` if the search index already existed).`,
  );
if (ideas.created)
  console.log(`Seeded ${ideas.created} feature requests (${ideas.ideas} in all, ${ideas.votes} votes).`);
if (tickets.created) console.log(`Seeded ${tickets.created} support tickets.`);
if (training) console.log("Seeded a training certificate for Pat Okafor (/training, signed in as pat@globex.example).");
if (onCall) console.log("Seeded the on-call rotation: Alex Chen primary, Ada Novak secondary (/admin/on-call).");
if (status.created)
  console.log(`Seeded ${status.components} status components and ${status.created} incidents and maintenance windows.`);
for (const user of SEED_USERS) {
  const account = SEED_ACCOUNTS.find((entry) => entry.accountNumber === user.accountNumber);
  console.log(
    `  ${user.role.padEnd(9)} ${user.email.padEnd(30)} ${user.password.padEnd(26)} ${account ? `${account.name}, ${account.plan} plan${user.accountRole === "owner" ? ", owner" : ""}` : "staff"}`,
  );
}
