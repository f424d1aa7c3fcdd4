import { describe, expect, it } from "vitest";
import { maskEmail } from "~/lib/email-address";

/** Unsubscribe and status-update pages show whose address a link is for only in part. */
describe("maskEmail", () => {
  it("keeps the first letter and the domain and hides the rest of the name", () => {
    expect(maskEmail("jordan@example.com")).toBe("j•••••@example.com");
  });

  it("never shows how long a long name is: at most six dots", () => {
    expect(maskEmail("alexandra.longname@example.com")).toBe("a••••••@example.com");
  });

  it("still hides something for a one-letter name", () => {
    expect(maskEmail("j@example.com")).toBe("j•@example.com");
  });
});
