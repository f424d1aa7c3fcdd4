import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // An index of this file's own, so no other suite's documents (or tickets) are in it.
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/ticket-search-${process.pid}.db`;
  delete process.env.MEILI_URL;
});

import { prisma } from "~/lib/db.server";
import { runSearch } from "~/search/service.server";
import "~/composition.server";
import { searchSources } from "~/search/sources.server";
import type { Viewer } from "~/search/types";
import { deleteExpiredTickets } from "~/tickets/jobs.server";
import { fileTicket } from "~/tickets/ticket-filing.server";
import { setStatusByStaff } from "~/tickets/ticket-moves.server";
import { searchTickets } from "~/tickets/ticket-search.server";
import { ticketSearchFilters } from "~/tickets/search-documents.server";
import { createUser } from "../factories/accounts";
import { createAgent, createCustomer, formValues } from "./factories";

afterAll(() => prisma.$disconnect());

/** Files as the route does, so the ticket is indexed as in production. */
async function fileIndexed(customer: Awaited<ReturnType<typeof createCustomer>>, subject: string, description: string) {
  return fileTicket(customer.actor, {
    values: formValues({ subject, description }),
    issueStartedAt: new Date(),
    files: [],
    deflectionTrail: [],
  });
}

const unique = () => `zq${Math.random().toString(36).slice(2, 9)}`;
const member = (accountId: string): Viewer => ({ kind: "member", accountId });

describe("ticket search", () => {
  it("is a registered search source", () => {
    expect(searchSources().map((source) => source.name)).toContain("tickets");
  });

  it("staff find a ticket by number, text and account; its account's members too; anonymous and another account never", async () => {
    const customer = await createCustomer("professional");
    const word = unique();
    const filed = await fileIndexed(customer, `Webhook ${word} keeps failing`, `The ${word} integration returns 502.`);
    const url = `/support/tickets/${filed.number}`;
    const staff: Viewer = { kind: "staff" };

    expect((await searchTickets(staff, word)).map((hit) => hit.url)).toEqual([url]);
    expect((await searchTickets(staff, filed.number)).map((hit) => hit.url)).toContain(url);
    expect((await searchTickets(staff, customer.account.name)).map((hit) => hit.url)).toContain(url);

    expect((await searchTickets(member(customer.account.id), word)).map((hit) => hit.url)).toEqual([url]);
    const colleague = await createUser({ accountId: customer.account.id });
    expect(
      (await searchTickets({ kind: "member", accountId: colleague.accountId }, filed.number)).map((hit) => hit.url),
    ).toContain(url);

    const other = await createCustomer("professional");
    expect(await searchTickets(member(other.account.id), word)).toEqual([]);
    expect(await searchTickets(member(other.account.id), filed.number)).toEqual([]);
    expect(await searchTickets({ kind: "anonymous" }, word)).toEqual([]);
    // Even asked for tickets by name, the engine's visibility filter keeps them from other viewers.
    expect(
      (await runSearch({ query: word, filters: ticketSearchFilters, viewer: { kind: "anonymous" } })).hits,
    ).toEqual([]);
    expect(
      (await runSearch({ query: word, filters: ticketSearchFilters, viewer: member(other.account.id) })).hits,
    ).toEqual([]);
  });

  it("a ticket is never in the site's search, not for staff nor for its own account", async () => {
    const customer = await createCustomer("standard");
    const word = unique();
    await fileIndexed(customer, `Printer ${word} jams`, "Nothing prints.");
    for (const viewer of [{ kind: "staff" } as const, member(customer.account.id), { kind: "anonymous" } as const]) {
      expect((await runSearch({ query: word, viewer })).hits).toEqual([]);
    }
  });

  it("follows updates (status in the document) and is removed when retention deletes the ticket", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const word = unique();
    const filed = await fileIndexed(customer, `Sync ${word} stalls`, "Sync stalls at 90%.");
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: filed.ticketId } });
    await setStatusByStaff(agent.actor, ticket, "solved");
    const hit = (await runSearch({ query: `${word} solved`, filters: ticketSearchFilters, viewer: { kind: "staff" } }))
      .hits;
    expect(hit.map((entry) => entry.url)).toEqual([`/support/tickets/${filed.number}`]);

    const longAgo = new Date("2020-01-01T00:00:00Z");
    await prisma.ticket.update({ where: { id: filed.ticketId }, data: { status: "closed", closedAt: longAgo } });
    await deleteExpiredTickets(prisma, new Date());
    expect(await searchTickets({ kind: "staff" }, word)).toEqual([]);
  });
});
