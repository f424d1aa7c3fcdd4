import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TICKET_STATUS_LABELS, TICKET_STATUSES } from "~/tickets/statuses";

/** The portal docs describe the product as built; their list of statuses is the code's list. */
describe("docs/portal/ticket-statuses", () => {
  it("lists exactly the ticket statuses in the code, in order", () => {
    const source = readFileSync("content/docs/portal/ticket-statuses.mdx", "utf8");
    const section = source.split("## The statuses")[1]?.split(/\n## /)[0] ?? "";
    const listed = [...section.matchAll(/^- \*\*(.+?)\*\*/gm)].map((match) => match[1]);
    expect(listed).toEqual(TICKET_STATUSES.map((status) => TICKET_STATUS_LABELS[status]));
  });

  it("the ticket API page does not document an API the app does not serve", () => {
    const source = readFileSync("content/docs/api/tickets.mdx", "utf8");
    expect(source).not.toMatch(/\/api\/v1/);
    expect(source).toMatch(/no public API/i);
  });
});
