import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { WRITE_LIMITS } from "~/auth/write-limits.server";
import { action as subscribeAction } from "~/routes/status.subscribe";
import { confirmSubscription } from "~/status/subscriptions.server";

afterAll(() => prisma.$disconnect());

type RouteArgs = Parameters<typeof subscribeAction>[0];

/** POST /status/subscribe as the app server passes it on: the client's address in x-client-address. */
function subscribe(email: string, client: string) {
  const body = new FormData();
  body.set("email", email);
  const request = new Request("http://localhost/status/subscribe", {
    method: "POST",
    body,
    headers: { "x-client-address": client },
  });
  return subscribeAction({ request, params: {}, context: {} } as RouteArgs);
}

type Answer = Awaited<ReturnType<typeof subscribe>>;
const statusOf = (answer: Answer) => answer.init?.status ?? 200;
const retryAfterOf = (answer: Answer) => new Headers(answer.init?.headers).get("Retry-After");
const emailErrorOf = (answer: Answer) => answer.data.reply?.error?.email?.[0] ?? "";

const confirmationsTo = (email: string) =>
  prisma.outboxEmail.findMany({ where: { to: email, subject: { contains: "Confirm" } } });
const uniqueClient = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

describe("status subscriptions cannot be used to mail someone over and over", () => {
  it("60 parallel requests for one victim's address, from 60 clients: exactly one mail; the rest get a 429 that says when to ask again", async () => {
    const victim = `victim-${randomUUID().slice(0, 8)}@example.com`;
    const answers = await Promise.all(Array.from({ length: 60 }, () => subscribe(victim, uniqueClient())));

    expect(await confirmationsTo(victim)).toHaveLength(1);
    expect(answers.filter((answer) => answer.data.sent)).toHaveLength(1);
    const refused = answers.filter((answer) => !answer.data.sent);
    expect(refused).toHaveLength(59);
    for (const answer of refused) {
      expect(statusOf(answer)).toBe(429);
      expect(Number(retryAfterOf(answer))).toBeGreaterThan(0);
      expect(emailErrorOf(answer)).toMatch(/already .*confirmation link|less than an hour ago/i);
      expect(emailErrorOf(answer)).toMatch(/You can ask for a new one in \d+/);
    }
  });

  it("the one link sent keeps working while further requests are refused (they do not replace it)", async () => {
    const email = `keeps-${randomUUID().slice(0, 8)}@example.com`;
    expect(statusOf(await subscribe(email, uniqueClient()))).toBe(200);
    expect(statusOf(await subscribe(email, uniqueClient()))).toBe(429);
    const [mail] = await confirmationsTo(email);
    const token = /confirm\?token=(\S+)/.exec(mail.text)?.[1] ?? null;
    expect(await confirmSubscription(token)).toBe(true);
  });

  it("one client asking for 60 different addresses in parallel: only the per-client allowance is mailed", async () => {
    const client = uniqueClient();
    const emails = Array.from({ length: 60 }, (_, index) => `spray-${index}-${randomUUID().slice(0, 8)}@example.com`);
    const answers = await Promise.all(emails.map((email) => subscribe(email, client)));

    const mailed = await prisma.outboxEmail.count({ where: { to: { in: emails } } });
    const cap = WRITE_LIMITS.statusSubscriptionsPerClient.limit;
    expect(mailed).toBe(cap);
    expect(answers.filter((answer) => answer.data.sent)).toHaveLength(cap);
    const refused = answers.filter((answer) => !answer.data.sent);
    expect(refused.map(statusOf)).toEqual(Array.from({ length: 60 - cap }, () => 429));
    expect(emailErrorOf(refused[0])).toContain(WRITE_LIMITS.statusSubscriptionsPerClient.says);
    // Another client is not held back by this one.
    expect(statusOf(await subscribe(`other-${randomUUID().slice(0, 8)}@example.com`, uniqueClient()))).toBe(200);
  });

  it("a bad address is still a 400 with its own message", async () => {
    const answer = await subscribe("not-an-address", uniqueClient());
    expect(statusOf(answer)).toBe(400);
  });
});
