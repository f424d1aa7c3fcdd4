import { seededUser, signIn } from "./auth-helpers";
import { expect, queryDb as query, test } from "./helpers";

/**
 * The ticket pages' small forms in a real browser: the customer raises the priority and asks for
 * escalation, the agent sets the status and links an idea by its number (and is told why a
 * reference that is not one is refused). Both pages and the queues keep their landmarks.
 */

const AGENT = seededUser("alex.agent@techflow.example");
const ENTERPRISE_CUSTOMER = seededUser("erin@initech.example");

/** An open ticket of the customer's account at Priority 3 or 4 (seeded: one is open on every account). */
function openTicketOf(email: string) {
  const [row] = query<{ number: string; priority: number }>(
    `SELECT t.number AS number, t.priority AS priority FROM Ticket t JOIN User u ON u.accountId = t.accountId
     WHERE u.email = ? AND t.status IN ('new', 'open', 'waiting-on-customer') AND t.priority >= 3 AND t.escalationLevel = 1 ORDER BY t.seq LIMIT 1`,
    email,
  );
  expect(row, `an open Priority 3-4 ticket of ${email}`).toBeDefined();
  return row!;
}

const ticketRow = (number: string) =>
  query<{ priority: number; escalationLevel: number; status: string; ideaId: number | null }>(
    "SELECT priority, escalationLevel, status, ideaId FROM Ticket WHERE number = ?",
    number,
  )[0]!;

test("the customer raises the priority with a reason and asks for escalation; the agent sets the status and links an idea", async ({
  browser,
}) => {
  const ticket = openTicketOf(ENTERPRISE_CUSTOMER.email);
  const customer = await (await browser.newContext()).newPage();
  await signIn(customer, ENTERPRISE_CUSTOMER.email, ENTERPRISE_CUSTOMER.password, `/support/tickets/${ticket.number}`);
  await expect(customer.getByRole("heading", { level: 1 })).toContainText(ticket.number);

  const change = customer.getByRole("region", { name: "Change this ticket" });
  await change.getByLabel("Raise the priority").selectOption(String(ticket.priority - 1));
  await change.getByLabel("Why (required)").fill("The whole finance team is blocked now");
  await change.getByRole("button", { name: "Raise priority" }).click();
  await expect(customer.getByText(`Priority raised to ${ticket.priority - 1}.`)).toBeVisible();
  await customer.getByRole("button", { name: "Request escalation" }).click();
  await expect(customer.getByText("Escalation requested. A more senior team now has your ticket.")).toBeVisible();
  // The changes are the ticket's history (a ticket without events shows no empty History heading).
  await expect(customer.getByRole("heading", { name: "History" })).toBeVisible();
  expect(ticketRow(ticket.number)).toMatchObject({
    priority: ticket.priority - 1,
    escalationLevel: 2,
    status: "escalated",
  });

  const [idea] = query<{ id: number; title: string }>(
    "SELECT id, title FROM Idea WHERE mergedIntoId IS NULL ORDER BY id LIMIT 1",
  );
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, AGENT.email, AGENT.password, `/admin/tickets/${ticket.number}`);
  await expect(agent.getByRole("heading", { name: "Timeline" })).toBeVisible();
  const work = agent.getByRole("complementary", { name: "Work on this ticket" });
  await work.getByLabel("Status (Escalated)").selectOption("open");
  await work.getByRole("button", { name: "Set" }).first().click();
  await expect(agent.getByText("Saved.")).toBeVisible();
  expect(ticketRow(ticket.number).status).toBe("open");

  await work.getByLabel("Linked idea").fill("the export one");
  await work.getByRole("button", { name: "Link" }).click();
  await expect(agent.getByText("Give the idea's number (e.g. 12) or its link.")).toBeVisible();
  await work.getByLabel("Linked idea").fill(`#${idea!.id}`);
  await work.getByRole("button", { name: "Link" }).click();
  await expect(agent.getByTestId("linked-idea")).toContainText(idea!.title);
  expect(ticketRow(ticket.number).ideaId).toBe(idea!.id);
});

test("the customer's list and the agent queue list the ticket with its status", async ({ browser }) => {
  const ticket = openTicketOf("sam@acme.example");
  const customer = await (await browser.newContext()).newPage();
  const sam = seededUser("sam@acme.example");
  await signIn(customer, sam.email, sam.password, "/support/tickets");
  await expect(
    customer.getByTestId("ticket-list").getByRole("link", { name: new RegExp(ticket.number) }),
  ).toBeVisible();
  await customer.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Closed" }).click();
  await expect(customer.getByRole("link", { name: "Closed" })).toHaveAttribute("aria-current", "page");

  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, AGENT.email, AGENT.password, "/admin/tickets");
  await expect(agent.getByTestId("ticket-queue").getByRole("link", { name: new RegExp(ticket.number) })).toBeVisible();
  await agent.getByRole("form", { name: "Filter the queue" }).getByLabel("Status").selectOption("closed");
  await agent.getByRole("button", { name: "Filter" }).click();
  await expect(agent).toHaveURL(/status=closed/);
  await expect(agent.getByTestId("ticket-queue").getByRole("link", { name: new RegExp(ticket.number) })).toHaveCount(0);
});
