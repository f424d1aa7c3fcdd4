import { afterAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";
import { isRefusal } from "~/lib/refusal";
import { EMAIL_ADDRESSES, type Plan } from "~/support/policy";
import { confirmLiveSession, remindLiveSessions, requestLiveSession } from "~/training/live.server";
import { createAccount, createUser } from "../factories/accounts";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());

const NOW = new Date("2026-12-07T12:00:00Z");

async function customer(plan: Plan): Promise<SessionUser & { accountId: string }> {
  const account = await createAccount({ plan });
  const owner = await createUser({ accountId: account.id, accountRole: "owner", name: "Olive Owner" });
  await createUser({ accountId: account.id, accountRole: "member", name: "Colin Colleague" });
  return {
    id: owner.id,
    email: owner.email,
    name: owner.name,
    role: "member",
    account: { id: account.id, name: account.name, accountNumber: account.accountNumber, plan, role: "owner" },
    accountId: account.id,
  };
}

const REQUEST = {
  topic: "Onboarding our new support team to the portal",
  attendees: 12,
  // Berlin wall-clock times: 10:00 CET is 09:00 UTC.
  preferredAt1: "2026-12-15T10:00",
  preferredAt2: "2026-12-16T14:30",
  preferredAt3: "2026-12-17T09:00",
  timeZone: "Europe/Berlin",
};

async function refusalOf(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
  return null;
}

describe("live training sessions", () => {
  it("a Standard customer cannot request one and is told how to upgrade", async () => {
    const refused = await refusalOf(requestLiveSession(await customer("standard"), REQUEST, NOW));
    expect(refused?.status).toBe(403);
    expect(refused?.message).toContain(EMAIL_ADDRESSES.sales);
  });

  it("a Professional customer's three times are stored as instants from their zone; times within a day are refused", async () => {
    const pat = await customer("professional");
    expect(await outcome(requestLiveSession(pat, REQUEST, NOW))).toBe("done");
    const stored = await prisma.liveTrainingRequest.findFirstOrThrow({ where: { accountId: pat.accountId } });
    expect(stored.preferredAt1.toISOString()).toBe("2026-12-15T09:00:00.000Z");
    expect(stored.preferredAt2.toISOString()).toBe("2026-12-16T13:30:00.000Z");
    const tooSoon = await outcome(requestLiveSession(pat, { ...REQUEST, preferredAt2: "2026-12-07T18:00" }, NOW));
    expect(tooSoon).toEqual({
      status: 400,
      field: "preferredAt2",
      fields: { preferredAt2: expect.stringMatching(/at least a day from now/) },
      message: expect.stringMatching(/at least a day from now/),
    });
    // Several wrong times are named together, each beside its own field.
    const twoWrong = await outcome(
      requestLiveSession(pat, { ...REQUEST, preferredAt1: "2026-12-07T18:00", preferredAt3: "not a time" }, NOW),
    );
    expect(twoWrong).toMatchObject({
      status: 400,
      fields: {
        preferredAt1: expect.stringMatching(/at least a day from now/),
        preferredAt3: expect.stringMatching(/valid date and time/),
      },
    });
    expect(await prisma.liveTrainingRequest.count({ where: { accountId: pat.accountId } })).toBe(1);
  });

  it("staff confirm a time: every contact of the account gets an invitation with a calendar file, then one reminder the day before", async () => {
    const erin = await customer("enterprise");
    const agent = await createUser({ role: "agent" });
    const agentActor = { id: agent.id, role: "agent" as const, account: null };
    await requestLiveSession(erin, REQUEST, NOW);
    const request = await prisma.liveTrainingRequest.findFirstOrThrow({ where: { accountId: erin.accountId } });
    const memberActor = {
      id: erin.id,
      role: "member" as const,
      account: { id: erin.accountId, role: "owner" as const },
    };
    expect(
      (
        await refusalOf(
          confirmLiveSession(
            memberActor,
            { requestId: request.id, choice: "2", durationMinutes: 90, joinUrl: "https://meet.example/abc" },
            NOW,
          ),
        )
      )?.status,
    ).toBe(403);

    await confirmLiveSession(
      agentActor,
      { requestId: request.id, choice: "2", durationMinutes: 90, joinUrl: "https://meet.example/abc" },
      NOW,
    );
    const contacts = await prisma.user.findMany({ where: { accountId: erin.accountId }, select: { email: true } });
    const invitations = await prisma.outboxEmail.findMany({
      where: { to: { in: contacts.map((contact) => contact.email) }, subject: { startsWith: "Invitation" } },
    });
    expect(invitations).toHaveLength(2);
    expect(invitations[0].calendar).toContain("METHOD:REQUEST");
    expect(invitations[0].calendar).toContain("DTSTART:20261216T133000Z");
    expect(invitations[0].calendar).toContain("DTEND:20261216T150000Z");
    expect(invitations[0].text).toContain("https://meet.example/abc");
    expect(
      (
        await refusalOf(
          confirmLiveSession(
            agentActor,
            { requestId: request.id, choice: "1", durationMinutes: 60, joinUrl: "https://meet.example/x" },
            NOW,
          ),
        )
      )?.status,
    ).toBe(409);

    const reminders = () =>
      prisma.outboxEmail.count({
        where: { to: { in: contacts.map((contact) => contact.email) }, subject: { startsWith: "Reminder" } },
      });
    await remindLiveSessions(prisma, new Date("2026-12-14T12:00:00Z"));
    expect(await reminders()).toBe(0);
    await remindLiveSessions(prisma, new Date("2026-12-15T14:00:00Z"));
    await remindLiveSessions(prisma, new Date("2026-12-15T15:00:00Z"));
    expect(await reminders()).toBe(2);
  });
});
