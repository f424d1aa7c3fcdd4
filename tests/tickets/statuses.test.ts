import { describe, expect, it } from "vitest";
import {
  TICKET_STATUSES,
  customerMayMarkSolved,
  customerMayReply,
  formatTicketNumber,
  staffMayMove,
  statusAfterCustomerReply,
  statusAfterStaffReply,
} from "~/tickets/statuses";

describe("ticket status transitions", () => {
  it("closed is final: nobody moves it and customers cannot reply", () => {
    for (const to of TICKET_STATUSES) expect(staffMayMove("closed", to)).toBe(false);
    expect(customerMayReply("closed")).toBe(false);
    expect(customerMayMarkSolved("closed")).toBe(false);
  });

  it("staff never close by hand (the close job does) and never go back to new", () => {
    for (const from of TICKET_STATUSES) {
      expect(staffMayMove(from, "closed")).toBe(false);
      expect(staffMayMove(from, "new")).toBe(false);
    }
  });

  it("a customer reply brings waiting and solved tickets back to the agents", () => {
    expect(statusAfterCustomerReply("waiting-on-customer")).toBe("open");
    expect(statusAfterCustomerReply("solved")).toBe("open");
    expect(statusAfterCustomerReply("escalated")).toBe("escalated");
    expect(statusAfterCustomerReply("new")).toBe("new");
  });

  it("the first staff reply opens a new ticket; solved tickets can only be reopened", () => {
    expect(statusAfterStaffReply("new")).toBe("open");
    expect(statusAfterStaffReply("waiting-on-customer")).toBe("waiting-on-customer");
    expect(TICKET_STATUSES.filter((to) => staffMayMove("solved", to))).toEqual(["open"]);
  });

  it("customers may mark any active ticket solved", () => {
    expect(TICKET_STATUSES.filter(customerMayMarkSolved)).toEqual(["new", "open", "waiting-on-customer", "escalated"]);
  });

  it("numbers tickets TF-YYYY-NNNNNN", () => {
    expect(formatTicketNumber(2026, 123)).toBe("TF-2026-000123");
  });
});
