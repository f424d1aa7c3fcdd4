/**
 * Feature requests for the demo site: product areas, 28 ideas across every status, votes from
 * colleagues in the seeded customer accounts (spread over the last two months, so "trending" has
 * something to rank), status histories with public comments, shipped items with release notes, and
 * three ideas merged into others (recorded as a merge would record them, so staff can undo one).
 * Idempotent: an idea whose title exists is left alone, and so are users who exist.
 */
import { randomBytes } from "node:crypto";
import { hashPassword } from "../app/auth/password.server";
import type { PrismaClient } from "../app/generated/prisma/client";
import { renderMarkdown } from "../app/lib/markdown";
import { ideaSlug, type IdeaStatus } from "../app/ideas/rules";

export const IDEA_AREAS = [
  { slug: "portal", name: "Portal" },
  { slug: "notifications", name: "Notifications" },
  { slug: "api", name: "API" },
  { slug: "integrations", name: "Integrations" },
  { slug: "reporting", name: "Reporting" },
  { slug: "mobile", name: "Mobile" },
] as const;

/** Colleagues of the seeded account owners, who vote (they cannot sign in: their password is random). */
const VOTERS: { name: string; email: string; accountNumber: string }[] = [
  ...["Jordan Blake", "Priya Nair", "Tomás Herrera", "Mei Tanaka", "Luca Romano", "Ava Brooks"].map((name) => ({
    name,
    email: `${name
      .split(" ")[0]
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")}@acme.example`,
    accountNumber: "TF-100001",
  })),
  ...["Noah Fischer", "Zara Ahmed", "Oliver Grant", "Sofia Costa", "Ethan Walsh", "Hana Kim", "Ravi Patel"].map(
    (name) => ({ name, email: `${name.split(" ")[0].toLowerCase()}@globex.example`, accountNumber: "TF-100002" }),
  ),
  ...[
    "Isla Murray",
    "Felix Wagner",
    "Amara Okoye",
    "Daniel Silva",
    "Chloe Martin",
    "Jonas Berg",
    "Leila Haddad",
    "Marcus Reid",
  ].map((name) => ({ name, email: `${name.split(" ")[0].toLowerCase()}@initech.example`, accountNumber: "TF-100003" })),
];

type SeedIdea = {
  key: string;
  title: string;
  area: (typeof IDEA_AREAS)[number]["slug"];
  description: string;
  status: IdeaStatus;
  votes: number;
  /** Days ago the idea was posted. */
  age: number;
  note?: string;
  /** Days ago it shipped (shipped ideas). */
  shippedDaysAgo?: number;
  mergedInto?: string;
  pinned?: boolean;
  comments?: { by: "staff" | "member"; text: string }[];
};

const IDEAS: SeedIdea[] = [
  {
    key: "csv",
    title: "Export ticket reports to CSV",
    area: "reporting",
    status: "in-progress",
    votes: 19,
    age: 70,
    note: "We are building CSV and XLSX export for every report; first in the ticket volume report.",
    description:
      "We send a weekly ticket summary to our managers. Today we copy the numbers by hand.\n\n- One **Export** button on each report\n- CSV with the same columns as on screen",
    pinned: true,
    comments: [
      { by: "member", text: "Please include the priority and the plan columns." },
      { by: "staff", text: "Thanks all: export is in progress. Priority and plan will be columns." },
    ],
  },
  {
    key: "dark",
    title: "Dark mode for the support portal",
    area: "portal",
    status: "shipped",
    votes: 21,
    age: 120,
    shippedDaysAgo: 12,
    // True as shipped: "System" is the default theme; Settings → Appearance and the account menu offer Light and Dark.
    note: "Dark mode follows your device's light or dark setting by default; choose Light, Dark or System under Settings → Appearance or in the menu under your name.",
    description: "Our team works night shifts; a dark theme would be easier on the eyes.",
  },
  {
    key: "sso",
    title: "Single sign-on with Okta and Azure AD",
    area: "integrations",
    status: "planned",
    votes: 17,
    age: 95,
    note: "Planned for next quarter: SAML 2.0 first, then OIDC.",
    description: "We manage all our tools through Okta. Please support SAML single sign-on for the portal.",
  },
  {
    key: "slack",
    title: "Slack notifications when a ticket is updated",
    area: "notifications",
    // Not built: the help center has no integrations, so the idea is still under review.
    status: "under-review",
    votes: 16,
    age: 150,
    note: "We are looking at which ticket updates a channel should get, and how you would connect one.",
    description: "Post a message to a Slack channel of our choice when an agent replies to a ticket.",
  },
  {
    key: "webhooks",
    title: "Webhooks for ticket status changes",
    area: "api",
    status: "under-review",
    votes: 14,
    age: 45,
    note: "We are reviewing which events to send and how to sign them.",
    description: "We want to sync ticket status with our own system without checking each ticket by hand.",
  },
  {
    key: "mobile-push",
    title: "Push notifications in the mobile app",
    area: "mobile",
    status: "planned",
    votes: 12,
    age: 60,
    note: "Planned after the mobile app moves to the new notification service.",
    description: "When an agent replies, a push notification on iOS and Android would save us from checking email.",
  },
  {
    key: "sla-dash",
    title: "Dashboard of response times against our plan’s targets",
    area: "reporting",
    status: "under-review",
    votes: 11,
    age: 30,
    description: "A chart of how fast tickets were answered, next to the response targets of our plan.",
  },
  {
    key: "api-keys",
    // Not built: the help center has no ticket API (content/docs/api/tickets.mdx), so nothing has shipped.
    title: "A read-only ticket API with scoped keys",
    area: "api",
    status: "open",
    votes: 10,
    age: 200,
    description:
      "Our reporting scripts only need to read tickets. A read-only API with scoped keys would let them, and limit the damage if a key leaked.",
  },
  {
    key: "teams",
    title: "Microsoft Teams integration",
    area: "integrations",
    status: "open",
    votes: 13,
    age: 20,
    description: "Same as the Slack integration, for companies on Microsoft Teams.",
  },
  {
    key: "cc",
    title: "Add colleagues in CC on a ticket",
    area: "portal",
    status: "in-progress",
    votes: 9,
    age: 80,
    note: "In progress: CC colleagues from your company account on any ticket.",
    description: "Let me add a colleague to a ticket so they get the replies too.",
  },
  {
    key: "digest",
    title: "Weekly email digest of open tickets",
    area: "notifications",
    status: "open",
    votes: 8,
    age: 12,
    description: "A Monday email listing our open tickets and which ones wait for us.",
  },
  {
    key: "offline",
    title: "Read knowledge base articles offline in the mobile app",
    area: "mobile",
    status: "open",
    votes: 6,
    age: 25,
    description: "Our field technicians often have no signal. Saved articles would help.",
  },
  {
    key: "rate-limit",
    title: "Show API rate-limit usage in the portal",
    area: "api",
    status: "open",
    votes: 7,
    age: 15,
    description: "A page showing how close we are to the rate limit, per key.",
  },
  {
    key: "jira",
    title: "Link tickets to Jira issues",
    area: "integrations",
    status: "under-review",
    votes: 10,
    age: 50,
    description: "Our developers track bugs in Jira. Linking a ticket to an issue would keep both sides informed.",
  },
  {
    key: "templates",
    title: "Ticket templates for recurring requests",
    area: "portal",
    status: "open",
    votes: 5,
    age: 9,
    description: "We open the same kind of request every month. Templates would save time and keep them complete.",
  },
  {
    key: "sched-reports",
    title: "Scheduled reports by email",
    area: "reporting",
    status: "planned",
    votes: 8,
    age: 40,
    note: "Planned together with CSV export.",
    description: "Email the monthly ticket report to a list of addresses on the first of the month.",
  },
  {
    key: "sms",
    title: "SMS alerts for critical incidents",
    area: "notifications",
    status: "declined",
    votes: 4,
    age: 110,
    note: "We will not send SMS: the status page, its email updates and its Atom feed cover incidents, and SMS delivery abroad is unreliable. Subscribe at /status.",
    description: "Text me when there is a critical incident.",
  },
  {
    key: "biometric",
    title: "Face ID and fingerprint sign-in in the mobile app",
    area: "mobile",
    status: "shipped",
    votes: 7,
    age: 240,
    shippedDaysAgo: 130,
    note: "Turn on biometric sign-in under Profile → Security.",
    description: "Typing a long password on a phone is painful.",
  },
  {
    key: "graphql",
    title: "GraphQL API",
    area: "api",
    status: "declined",
    votes: 3,
    age: 160,
    note: "We are keeping one REST API and investing in webhooks and better filtering instead.",
    description: "A GraphQL endpoint would let us fetch exactly the fields we need.",
  },
  {
    key: "attachments",
    title: "Larger attachments on tickets (up to 100 MB)",
    area: "portal",
    status: "open",
    votes: 6,
    age: 35,
    description: "Log bundles are often larger than the current limit.",
  },
  {
    key: "salesforce",
    title: "Salesforce integration for account managers",
    area: "integrations",
    status: "open",
    votes: 4,
    age: 18,
    description: "Show a customer's open tickets on their Salesforce account page.",
  },
  {
    key: "saved-filters",
    title: "Saved filters in the ticket list",
    area: "portal",
    status: "open",
    votes: 5,
    age: 6,
    description: "Save 'my open high-priority tickets' as a filter.",
  },
  {
    key: "quiet-hours",
    title: "Quiet hours for email notifications",
    area: "notifications",
    status: "open",
    votes: 3,
    age: 4,
    description: "No notification emails between 20:00 and 07:00 in my time zone, except for critical tickets.",
  },
  {
    key: "csat",
    title: "Satisfaction survey results in reports",
    area: "reporting",
    status: "open",
    votes: 2,
    age: 3,
    description: "Show the survey ratings next to each closed ticket in the reports.",
  },
  {
    key: "tablet",
    title: "Tablet layout for the mobile app",
    area: "mobile",
    status: "open",
    votes: 2,
    age: 2,
    description: "The app on an iPad shows the phone layout, stretched.",
  },
  // Duplicates, merged into the ideas above (their votes moved there).
  {
    key: "csv-dup",
    title: "Download reports as a spreadsheet",
    area: "reporting",
    status: "open",
    votes: 5,
    age: 55,
    mergedInto: "csv",
    description: "I would like to download the reports as Excel or CSV.",
  },
  {
    key: "dark-dup",
    title: "Night theme for the portal",
    area: "portal",
    status: "open",
    votes: 4,
    age: 100,
    mergedInto: "dark",
    description: "A darker color scheme, please.",
  },
  {
    key: "teams-dup",
    title: "Post ticket updates to a Teams channel",
    area: "integrations",
    status: "open",
    votes: 3,
    age: 14,
    mergedInto: "teams",
    description: "We use Teams, not Slack.",
  },
];

const DAY = 24 * 60 * 60 * 1000;

/** A deterministic spread of voters for idea n: a different slice of colleagues per idea. */
function votersFor(index: number, count: number, pool: string[]) {
  const chosen: string[] = [];
  for (let step = 0; chosen.length < Math.min(count, pool.length); step++) {
    const candidate = pool[(index * 7 + step * 5) % pool.length];
    if (!chosen.includes(candidate)) chosen.push(candidate);
    if (step > pool.length * 5) break;
  }
  return chosen;
}

const STEPS: IdeaStatus[] = ["open", "under-review", "planned", "in-progress", "shipped"];

export async function seedIdeas(db: PrismaClient): Promise<{ ideas: number; votes: number; created: number }> {
  for (const [position, area] of IDEA_AREAS.entries()) {
    await db.ideaArea.upsert({
      where: { slug: area.slug },
      create: { ...area, position },
      update: { name: area.name, position },
    });
  }
  const areas = new Map((await db.ideaArea.findMany()).map((area) => [area.slug, area.id]));

  let passwordHash: string | null = null;
  for (const voter of VOTERS) {
    if (await db.user.findUnique({ where: { email: voter.email } })) continue;
    const account = await db.customerAccount.findUnique({ where: { accountNumber: voter.accountNumber } });
    passwordHash ??= await hashPassword(randomBytes(24).toString("base64url"));
    await db.user.create({
      data: {
        email: voter.email,
        name: voter.name,
        passwordHash,
        emailVerifiedAt: new Date(),
        accountId: account?.id ?? null,
        accountRole: account ? "member" : null,
      },
    });
  }
  const emails = [
    ...VOTERS.map((voter) => voter.email),
    "sam@acme.example",
    "pat@globex.example",
    "erin@initech.example",
  ];
  const members = await db.user.findMany({
    where: { email: { in: emails } },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
  const pool = members.map((member) => member.id);
  const staff = await db.user.findFirst({ where: { role: "admin" }, select: { id: true } });
  const moderator = (await db.user.findFirst({ where: { role: "moderator" }, select: { id: true } })) ?? staff;
  if (!staff || pool.length === 0) throw new Error("seed-ideas: seed the users first");

  const now = Date.now();
  const ids = new Map<string, number>();
  let created = 0;
  for (const [index, seed] of IDEAS.entries()) {
    const existing = await db.idea.findFirst({ where: { title: seed.title }, select: { id: true } });
    if (existing) {
      ids.set(seed.key, existing.id);
      continue;
    }
    created++;
    const createdAt = new Date(now - seed.age * DAY);
    const voters = votersFor(index, seed.votes, pool);
    const authorId = voters[0];
    const shippedAt = seed.shippedDaysAgo !== undefined ? new Date(now - seed.shippedDaysAgo * DAY) : null;
    const target = seed.mergedInto ? ids.get(seed.mergedInto) : undefined;
    await db.$transaction(async (tx) => {
      const idea = await tx.idea.create({
        data: {
          title: seed.title,
          slug: ideaSlug(seed.title),
          descriptionMarkdown: seed.description,
          descriptionHtml: renderMarkdown(seed.description),
          areaId: areas.get(seed.area)!,
          authorId,
          status: seed.status,
          statusNote: seed.note ?? "",
          statusChangedAt:
            seed.status === "open" ? null : new Date(shippedAt?.getTime() ?? now - Math.min(seed.age, 10) * DAY),
          shippedAt,
          pinned: seed.pinned ?? false,
          voteCount: target ? 0 : voters.length,
          createdAt,
          updatedAt: shippedAt ?? createdAt,
        },
      });
      ids.set(seed.key, idea.id);
      // Votes arrive over the idea's life: the author's first, then the rest spread out to the last few days.
      const voteTimes = voters.map(
        (_, n) => new Date(createdAt.getTime() + seed.age * DAY * 0.98 * Math.sqrt(n / voters.length)),
      );
      if (target) {
        // Merged: votes that were not already on the target moved there, marked with where they came from.
        const onTarget = new Set(
          (await tx.ideaVote.findMany({ where: { ideaId: target }, select: { userId: true } })).map(
            (vote) => vote.userId,
          ),
        );
        const moved = voters.filter((userId) => !onTarget.has(userId));
        const overlap = voters.filter((userId) => onTarget.has(userId));
        if (moved.length)
          await tx.ideaVote.createMany({
            data: moved.map((userId) => ({
              ideaId: target,
              userId,
              createdAt: voteTimes[voters.indexOf(userId)],
              mergedFromIdeaId: idea.id,
            })),
          });
        const following = new Set(
          (await tx.ideaFollow.findMany({ where: { ideaId: target }, select: { userId: true } })).map(
            (row) => row.userId,
          ),
        );
        const addedFollowers = voters.filter((userId) => !following.has(userId));
        if (addedFollowers.length)
          await tx.ideaFollow.createMany({ data: addedFollowers.map((userId) => ({ ideaId: target, userId })) });
        await tx.idea.update({ where: { id: idea.id }, data: { mergedIntoId: target, mergedAt: new Date(now - DAY) } });
        await tx.idea.update({ where: { id: target }, data: { voteCount: { increment: moved.length } } });
        await tx.auditLog.create({
          data: {
            actorId: moderator!.id,
            action: "idea.merge",
            subjectType: "idea",
            subjectId: String(idea.id),
            details: JSON.stringify({
              from: idea.id,
              into: target,
              movedVotes: moved.length,
              overlap: overlap.map((userId) => ({
                userId,
                importance: null,
                createdAt: voteTimes[voters.indexOf(userId)].toISOString(),
              })),
              addedFollowers,
              movedComments: [],
            }),
            createdAt: new Date(now - DAY),
          },
        });
        return;
      }
      await tx.ideaVote.createMany({
        data: voters.map((userId, n) => ({
          ideaId: idea.id,
          userId,
          createdAt: voteTimes[n],
          importance: n % 4 === 1 ? "critical" : n % 4 === 2 ? "important" : n % 4 === 3 ? "nice-to-have" : null,
        })),
      });
      await tx.ideaFollow.createMany({ data: voters.map((userId) => ({ ideaId: idea.id, userId })) });
      // The road to its status, one step at a time, the last step with the public note.
      const path =
        seed.status === "declined"
          ? (["open", "declined"] as IdeaStatus[])
          : STEPS.slice(0, STEPS.indexOf(seed.status) + 1);
      for (let step = 1; step < path.length; step++) {
        const at =
          step === path.length - 1 && shippedAt
            ? shippedAt
            : new Date(createdAt.getTime() + ((now - createdAt.getTime()) * step) / (path.length + 1));
        await tx.ideaStatusChange.create({
          data: {
            ideaId: idea.id,
            fromStatus: path[step - 1],
            toStatus: path[step],
            comment: step === path.length - 1 ? (seed.note ?? "") : "",
            actorId: staff.id,
            createdAt: at,
          },
        });
      }
      for (const [n, comment] of (seed.comments ?? []).entries()) {
        const authorIdOfComment = comment.by === "staff" ? staff.id : voters[(n + 1) % voters.length];
        await tx.ideaComment.create({
          data: {
            ideaId: idea.id,
            authorId: authorIdOfComment,
            bodyMarkdown: comment.text,
            bodyHtml: renderMarkdown(comment.text),
            createdAt: new Date(now - (3 - n) * DAY),
          },
        });
      }
      if (seed.comments?.length)
        await tx.idea.update({ where: { id: idea.id }, data: { commentCount: seed.comments.length } });
    });
  }
  const votes = await db.ideaVote.count();
  return { ideas: await db.idea.count(), votes, created };
}
