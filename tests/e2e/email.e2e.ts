import nodemailer from "nodemailer";
import { seededUser, signIn } from "./auth-helpers";
import { E2E_SMTP_PORT } from "./env";
import { expect, queryDb, test } from "./helpers";

/**
 * The email channel end to end: a customer mails support@ over SMTP, finds the ticket in the portal,
 * answers the auto-reply by mail (its reply address), and sees the answer on the ticket page without
 * the quoted history.
 */

const SAM = seededUser("sam@acme.example");

async function mail(message: nodemailer.SendMailOptions) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: E2E_SMTP_PORT,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

test("a customer mails support@, sees the ticket, replies by mail and sees the reply", async ({ page }) => {
  const subject = `Invoices page is blank ${Date.now()}`;
  const sent = await mail({
    from: `Sam <${SAM.email}>`,
    to: "support@techflowsolutions.com",
    subject,
    text: "Since this morning the invoices page shows nothing.",
  });
  expect(sent.response).toMatch(/^250 /);
  const [ticket] = queryDb<{ id: string; number: string }>("SELECT id, number FROM Ticket WHERE subject = ?", subject);
  expect(ticket, "the mailed ticket").toBeDefined();

  await signIn(page, SAM.email, SAM.password, "/support/tickets");
  await page.getByRole("link", { name: new RegExp(ticket!.number) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(subject);
  await expect(page.getByText("Since this morning the invoices page shows nothing.")).toBeVisible();
  await expect(page.getByText(/This request came by email/).first()).toBeVisible();

  const [autoReply] = queryDb<{ replyTo: string; messageId: string }>(
    `SELECT "replyTo", "messageId" FROM OutboxEmail WHERE ticketId = ?`,
    ticket!.id,
  );
  expect(autoReply!.replyTo).toMatch(/^reply\+/);
  await mail({
    from: SAM.email,
    to: autoReply!.replyTo,
    subject: `Re: [${ticket!.number}] Re: ${subject}`,
    inReplyTo: autoReply!.messageId,
    text: `It is back after clearing the cache.\n\nOn Mon, Dec 7, 2026, TechFlow Support wrote:\n> We received your email and opened ticket ${ticket!.number}.\n`,
  });
  await page.reload();
  await expect(page.getByText("It is back after clearing the cache.")).toBeVisible();
  await expect(page.getByTestId("conversation").getByText("By email")).toBeVisible();
  await expect(page.getByText("> We received your email")).toHaveCount(0);
});

test("an agent files a stranger's mail from the unmatched queue; the outbox shows the reply's headers", async ({
  browser,
}) => {
  const subject = `Question from a new contact ${Date.now()}`;
  await mail({
    from: "new.contact@acme-partner.example",
    to: "support@techflowsolutions.com",
    subject,
    text: "Hello?",
  });
  const agent = await (await browser.newContext()).newPage();
  const alex = seededUser("alex.agent@techflow.example");
  await signIn(agent, alex.email, alex.password, "/admin/mail");
  const entry = agent.getByTestId("unmatched-mail").filter({ hasText: subject });
  await expect(entry).toContainText("No customer has this address.");
  await entry.getByLabel("Requester (customer account member)").fill(SAM.email);
  await entry.getByRole("button", { name: "File as ticket" }).click();
  await expect(agent.getByText(new RegExp(`Filed as ticket TF-\\d{4}-\\d{6} for ${SAM.email}`))).toBeVisible();
  await expect(agent.getByTestId("unmatched-mail").filter({ hasText: subject })).toHaveCount(0);

  const admin = await (await browser.newContext()).newPage();
  const ada = seededUser("ada.admin@techflow.example");
  await signIn(admin, ada.email, ada.password, "/admin/outbox");
  const reply = admin.getByTestId("outbox-email").filter({ hasText: subject }).first();
  await expect(reply).toContainText("Reply-To");
  await expect(reply).toContainText(/reply\+[a-z0-9]+@techflowsolutions\.com/);
  await expect(reply).toContainText("Message-ID");
});

test("an agent files a stranger's mail for a new contact of a customer account named by its ID", async ({
  browser,
}) => {
  const subject = `From a colleague of Acme ${Date.now()}`;
  const from = `kim.${Date.now()}@acme.example`;
  await mail({ from: `Kim Park <${from}>`, to: "support@techflowsolutions.com", subject, text: "Our exports fail." });
  const agent = await (await browser.newContext()).newPage();
  const alex = seededUser("alex.agent@techflow.example");
  await signIn(agent, alex.email, alex.password, "/admin/mail");
  const entry = agent.getByTestId("unmatched-mail").filter({ hasText: subject });
  await entry.getByText(`File for ${from} as a new contact`).click();
  await expect(entry.getByLabel("Contact name")).toHaveValue("Kim Park");
  await entry.getByLabel("Customer account ID").fill("TF-100099");
  await entry.getByRole("button", { name: "File for new contact" }).click();
  await expect(agent.getByText("No customer account has the ID TF-100099.")).toBeVisible();
  // The refusal keeps the form open with what the agent typed.
  await expect(entry.getByLabel("Customer account ID")).toHaveValue("TF-100099");
  await entry.getByLabel("Customer account ID").fill("TF-100001");
  await entry.getByRole("button", { name: "File for new contact" }).click();
  await expect(agent.getByText(/Filed as ticket TF-\d{4}-\d{6} for .*a new contact of Acme Retail/)).toBeVisible();
  await expect(agent.getByTestId("unmatched-mail").filter({ hasText: subject })).toHaveCount(0);
});
