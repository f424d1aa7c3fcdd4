import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Files and search documents of this file's own, never the checkout's data/ folder.
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-attachments-${process.pid}`;
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-search-${process.pid}.db`;
  delete process.env.MEILI_URL;
});
import { acceptInboundMail } from "../../app/email/inbound.server";
import { inboundSettings } from "../../app/email/settings.server";
import { discardUnmatched, fileForNewContact, linkUnmatched, listUnmatched } from "../../app/email/unmatched.server";
import { decideJoinRequest } from "../../app/auth/account-membership.server";
import { requestPasswordReset, resetPassword } from "../../app/auth/accounts.server";
import { prisma } from "../../app/lib/db.server";
import { staffHome } from "../../app/staff/home.server";
import { priorityTargetMinutes, type EmailTopic } from "../../app/support/policy";
import "../../app/composition.server";
import { agentQueue, ticketsAtSlaRisk } from "../../app/tickets/queue.server";
import { searchTickets, searchTicketsAsStaff } from "../../app/tickets/ticket-search.server";
import { hiddenQueuesFor, queueChoices, readableTicket } from "../../app/tickets/ticket-reads.server";
import { recalculateSlaDueTimes } from "../../app/tickets/jobs.server";
import { setPriorityByStaff } from "../../app/tickets/ticket-moves.server";
import { ticketView } from "../../app/tickets/view.server";
import { createUser } from "../factories/accounts";
import { customer, SUPPORT } from "./helpers";
import { outcome } from "../refusals";

/** What staff do with mail: the unmatched queue (file, discard, the restricted security queue) and a mailed ticket's target. */

const settings = { ...inboundSettings({}), INBOUND_AUTH: "off" as const };

async function mail(from: string, to = SUPPORT, subject = "Question") {
  const raw = Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\nPlease help.\r\n`);
  const accepted = await acceptInboundMail(
    prisma,
    raw,
    { via: "webhook", envelopeFrom: from, recipients: [to], clientAddress: "", helo: "" },
    { settings },
  );
  if (!accepted.ok) throw new Error(accepted.refusal.message);
  return accepted;
}

async function staff(role: "agent" | "admin") {
  const user = await createUser({ role });
  return { id: user.id, role, account: null };
}

describe("the unmatched-mail queue", () => {
  it("lets an agent file a stranger's mail as a ticket for an account member, once", async () => {
    const agent = await staff("agent");
    const accepted = await mail("colleague@partner.example", SUPPORT, "From a new contact");
    expect(accepted.status).toBe("unmatched");
    const listed = await listUnmatched(agent);
    expect(listed.find((entry) => entry.id === accepted.id)).toMatchObject({
      subject: "From a new contact",
      excerpt: "Please help.",
    });
    const { user, account } = await customer();
    await expect(linkUnmatched(agent, accepted.id, "nobody@example.com")).rejects.toMatchObject({ status: 400 });
    expect(await linkUnmatched(agent, accepted.id, user.email)).toMatch(/^Filed as ticket TF-/);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect(ticket).toMatchObject({ subject: "From a new contact", requesterId: user.id, channel: "email" });
    await expect(linkUnmatched(agent, accepted.id, user.email)).rejects.toMatchObject({ status: 404 });
    await expect(discardUnmatched(agent, accepted.id)).rejects.toMatchObject({ status: 404 });
  });

  it("discards mail, and shows security@ mail only to staff who may see that queue", async () => {
    const agent = await staff("agent");
    const admin = await staff("admin");
    const spam = await mail("spam@example.biz");
    expect(await discardUnmatched(agent, spam.id)).toBe("Discarded.");
    expect((await listUnmatched(agent)).some((entry) => entry.id === spam.id)).toBe(false);
    const report = await mail("researcher@example.org", "security@techflowsolutions.com", "Vulnerability report");
    expect((await listUnmatched(agent)).some((entry) => entry.id === report.id)).toBe(false);
    await expect(discardUnmatched(agent, report.id)).rejects.toMatchObject({ status: 404 });
    expect((await listUnmatched(admin)).find((entry) => entry.id === report.id)).toMatchObject({ queue: "security" });
  });
});

describe("filing unmatched mail for a new contact", () => {
  async function replyFrom(from: string, to: string, text: string) {
    const raw = Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: Re: the ticket\r\n\r\n${text}\r\n`);
    const accepted = await acceptInboundMail(
      prisma,
      raw,
      { via: "webhook", envelopeFrom: from, recipients: [to], clientAddress: "", helo: "" },
      { settings },
    );
    if (!accepted.ok) throw new Error(accepted.refusal.message);
    return accepted.status;
  }

  it("makes the sender a contact awaiting the owner's approval, who follows the ticket by mail", async () => {
    const agent = await staff("agent");
    const { account, user: owner } = await customer("professional");
    const accepted = await mail("Robin Field <robin@new-hire.example>", SUPPORT, "Cannot export reports");
    expect(accepted.status).toBe("unmatched");

    await expect(
      fileForNewContact(agent, accepted.id, { accountNumber: "TF-999999", name: "Robin Field" }),
    ).rejects.toMatchObject({ status: 400, field: "accountNumber" });
    const message = await fileForNewContact(agent, accepted.id, {
      accountNumber: account.accountNumber,
      name: "Robin Field",
    });
    expect(message).toContain("new contact");

    const contact = await prisma.user.findUniqueOrThrow({ where: { email: "robin@new-hire.example" } });
    // Not a member yet: the account's plan and tickets stay out of reach on the site until an owner approves.
    expect(contact).toMatchObject({ accountId: null, role: "member", emailVerifiedAt: null, name: "Robin Field" });
    expect(await prisma.accountJoinRequest.findFirst({ where: { userId: contact.id } })).toMatchObject({
      accountId: account.id,
      status: "pending",
    });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { requesterId: contact.id } });
    expect(ticket).toMatchObject({ accountId: account.id, plan: "professional", subject: "Cannot export reports" });
    const autoReply = await prisma.outboxEmail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(autoReply.to).toBe("robin@new-hire.example");
    expect(autoReply.text).toContain("/forgot-password");
    expect(autoReply.text).not.toContain(`/support/tickets/${ticket.number}`);

    // Their reply address works for them: the reply lands on the ticket.
    expect(await replyFrom("robin@new-hire.example", autoReply.replyTo, "Here are more details.")).toBe("reply");
    expect(await prisma.ticketMessage.count({ where: { ticketId: ticket.id, authorId: contact.id } })).toBe(1);

    // Setting a password confirms the address, and the owner hears of the join request then.
    const before = await prisma.outboxEmail.count({ where: { to: owner.email } });
    await requestPasswordReset(contact.email, "203.0.113.9");
    const resetMail = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: contact.email, subject: { contains: "password" } },
      orderBy: { createdAt: "desc" },
    });
    const token = /token=([\w-]+)/.exec(resetMail.text)?.[1];
    expect(token).toBeTruthy();
    expect(await resetPassword(token!, "granite-lantern-willow-88")).toBe(contact.id);
    expect(await prisma.outboxEmail.count({ where: { to: owner.email } })).toBe(before + 1);

    // An owner who declines them: their next mail waits for staff instead of reaching the ticket.
    const request = await prisma.accountJoinRequest.findFirstOrThrow({ where: { userId: contact.id } });
    const ownerActor = {
      id: owner.id,
      role: "member" as const,
      account: { id: account.id, role: "owner" as const },
    };
    expect(await decideJoinRequest(ownerActor, request.id, "decline")).toMatch(/declined/);
    expect(await replyFrom("robin@new-hire.example", autoReply.replyTo, "Anyone there?")).toBe("unmatched");
  });

  it("refuses a sender who is already a member elsewhere, and mail whose sender check failed", async () => {
    const agent = await staff("agent");
    const { account } = await customer();
    // A member of another account whose address is not verified yet: their mail waits as unmatched.
    const { user: member } = await customer("standard", { verified: false });
    const fromMember = await mail(`Someone <${member.email}>`, "billing@techflowsolutions.com");
    expect(fromMember.status).toBe("unmatched");
    await expect(
      fileForNewContact(agent, fromMember.id, { accountNumber: account.accountNumber, name: "Someone" }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("already a member") });
    expect(await prisma.ticket.count({ where: { accountId: account.id } })).toBe(0);

    const forged = await mail("ceo@bigcorp.example");
    await prisma.inboundEmail.update({ where: { id: forged.id }, data: { authResult: "fail" } });
    await expect(
      fileForNewContact(agent, forged.id, { accountNumber: account.accountNumber, name: "CEO" }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await prisma.user.count({ where: { email: "ceo@bigcorp.example" } })).toBe(0);
  });
});

describe("a mailed ticket's first-response target", () => {
  it("is the email target until an agent sets a priority; the SLA job keeps it; the pages say how the two relate", async () => {
    const { user, account } = await customer("enterprise");
    await mail(user.email, SUPPORT, "Enterprise mail");
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect(ticket.firstResponseDueAt.getTime() - ticket.createdAt.getTime()).toBe(60 * 60_000);
    await recalculateSlaDueTimes(prisma, new Date());
    const kept = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(kept.firstResponseDueAt.getTime()).toBe(ticket.firstResponseDueAt.getTime());
    const agent = { ...(await staff("agent")), name: "Agent" };
    const view = await ticketView(agent, kept);
    expect(view.target).toMatch(/email response time: 1 hour.*When an agent sets the ticket's priority/);
    expect(view.essentials).toContainEqual([
      "Received by email",
      "to support@techflowsolutions.com · Sender not verified",
    ]);
    const customerView = await ticketView(
      {
        id: user.id,
        role: "member",
        account: { id: account.id, role: "owner" },
      },
      kept,
    );
    expect(customerView.essentials).toContainEqual(["Received by email", "to support@techflowsolutions.com"]);

    expect(await outcome(setPriorityByStaff(agent, kept, 2))).toBe("done");
    const prioritized = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(prioritized.emailTarget).toBe(false);
    expect(prioritized.firstResponseDueAt.getTime() - prioritized.createdAt.getTime()).toBe(
      priorityTargetMinutes("enterprise", 2) * 60_000,
    );
  });
});

describe("queues in the agent queue", () => {
  it("filters by queue, and keeps security@ tickets from staff who may not see that queue", async () => {
    const { user, account } = await customer();
    await mail(user.email, "billing@techflowsolutions.com", "Invoice question");
    await mail(user.email, "security@techflowsolutions.com", "Possible breach");
    const agent = await staff("agent");
    const admin = await staff("admin");
    const numbers = async (actor: { id: string; role: "agent" | "admin"; account: null }, queue?: EmailTopic) =>
      (await agentQueue({ status: "all", queue, hiddenQueues: hiddenQueuesFor(actor) }))
        .filter((row) => row.accountId === account.id)
        .map((row) => row.subject)
        .sort();
    expect(await numbers(agent)).toEqual(["Invoice question"]);
    expect(await numbers(admin)).toEqual(["Invoice question", "Possible breach"]);
    expect(await numbers(admin, "billing")).toEqual(["Invoice question"]);
    expect(await numbers(agent, "security")).toEqual([]);
    const breach = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id, queue: "security" } });
    expect(await readableTicket(agent, breach.number)).toBeNull();
    expect(await readableTicket(admin, breach.number)).not.toBeNull();
    expect(
      await readableTicket(
        {
          id: user.id,
          role: "member",
          account: { id: account.id, role: "owner" },
        },
        breach.number,
      ),
    ).not.toBeNull();
    expect(queueChoices(agent).map((choice) => choice.value)).not.toContain("security");
  });
});

describe("search", () => {
  it("finds a mailed ticket in the staff's ticket search", async () => {
    const { user } = await customer();
    const subject = `Quarterly reconciliation mismatch ${Date.now()}`;
    await mail(user.email, SUPPORT, subject);
    const hits = await searchTickets({ kind: "staff" }, "reconciliation mismatch");
    expect(hits.map((hit) => hit.title)).toContainEqual(expect.stringContaining(subject));
  });

  it("leaves security@ tickets out of an agent's ticket search, not an admin's", async () => {
    const { user } = await customer();
    const subject = `Leaked credentials ${Date.now()}`;
    await mail(user.email, "security@techflowsolutions.com", subject);
    const titles = async (actor: { id: string; role: "agent" | "admin"; account: null }) =>
      (await searchTicketsAsStaff(actor, "leaked credentials")).map((hit) => hit.title);
    expect(await titles(await staff("admin"))).toContainEqual(expect.stringContaining(subject));
    expect(await titles(await staff("agent"))).not.toContainEqual(expect.stringContaining(subject));
  });
});

describe("the staff home", () => {
  it("counts the unmatched mail and the tickets at SLA risk each viewer may see", async () => {
    await prisma.inboundEmail.deleteMany({ where: { status: "unmatched" } });
    await mail("someone-new@example.org", SUPPORT, "Unknown");
    await mail("reporter@example.org", "security@techflowsolutions.com", "Security, unknown sender");
    const { user } = await customer("enterprise");
    await mail(user.email, "security@techflowsolutions.com", "Security ticket at risk");
    const late = new Date(Date.now() + 2 * 60 * 60_000);
    const attention = async (actor: { id: string; role: "agent" | "admin"; account: null }) =>
      (await staffHome(actor)).attention;
    const agentItems = await attention(await staff("agent"));
    const adminItems = await attention(await staff("admin"));
    expect(agentItems.find((item) => item.path === "/admin/mail")?.count).toBe(1);
    expect(adminItems.find((item) => item.path === "/admin/mail")?.count).toBe(2);
    const atRisk = async (actor: { id: string; role: "agent" | "admin"; account: null }) =>
      ticketsAtSlaRisk(actor, late);
    expect((await atRisk(await staff("admin"))).breached).toBe((await atRisk(await staff("agent"))).breached + 1);
  });
});
