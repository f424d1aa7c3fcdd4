import { afterAll, describe, expect, it } from "vitest";
import { updateProfile } from "~/auth/users.server";
import { profileSchema } from "~/auth/schemas";
import { prisma } from "~/lib/db.server";
import { action as newTicketAction, loader as newTicketLoader } from "~/routes/support.new";
import { ticketFilingSchema } from "~/tickets/schemas";
import { sessionCookieFor } from "../factories/accounts";
import { createCustomer, formValues } from "./factories";

afterAll(() => prisma.$disconnect());

const now = new Date("2026-06-01T12:00:00Z");
/** The form as the browser posts it: every value a string, the one-click boxes "on" when ticked. */
const posted = (overrides: Record<string, string> = {}) => ({
  ...Object.fromEntries(Object.entries(formValues()).map(([name, value]) => [name, String(value)])),
  ...overrides,
});
const filed = (fields: Record<string, string>) => ticketFilingSchema(now).safeParse(fields);
const problems = (result: ReturnType<typeof filed>) =>
  result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("the ticket form does the typing it can", () => {
  it("takes 'users affected' as a choice, or as a number it writes out", () => {
    const justMe = filed(posted({ usersAffected: "Just me" }));
    expect(justMe.success && justMe.data.values.usersAffected).toBe("Just me");
    const counted = filed(posted({ usersAffected: "number", usersAffectedCount: "1200" }));
    expect(counted.success && counted.data.values.usersAffected).toBe("1,200 users");
    expect(problems(filed(posted({ usersAffected: "number", usersAffectedCount: "" })))).toEqual([
      "usersAffectedCount: Enter how many users are affected (a whole number, 1 or more).",
    ]);
    expect(problems(filed(posted({ usersAffected: "number", usersAffectedCount: "0" })))).toHaveLength(1);
  });

  it("turns the one-click answers into words, keeps a note typed with them, and still asks when neither is given", () => {
    const answered = filed(
      posted({
        errorMessages: "",
        noErrorMessages: "on",
        stepsToReproduce: "It happened twice this week.",
        notReproducible: "on",
        alreadyTried: "",
        nothingTriedYet: "on",
      }),
    );
    expect(answered.success && answered.data.values).toMatchObject({
      errorMessages: "None",
      stepsToReproduce: "Not reproducible. It happened twice this week.",
      alreadyTried: "Nothing yet",
    });
    expect(answered.success && Object.keys(answered.data.values)).not.toContain("noErrorMessages");
    expect(problems(filed(posted({ errorMessages: "", stepsToReproduce: " " })))).toEqual([
      "errorMessages: Paste the exact error messages, or tick “No error message appears”.",
      "stepsToReproduce: Describe the steps to reproduce, or tick “It cannot be reproduced”.",
    ]);
  });

  it("refuses a contact phone without enough digits to dial", () => {
    expect(problems(filed(posted({ contactPhone: "call me" })))).toEqual([
      "contactPhone: Enter a phone number (digits, spaces, + ( ) - .).",
    ]);
    expect(problems(filed(posted({ contactPhone: "(((-)))" })))).toHaveLength(1);
    expect(filed(posted({ contactPhone: "+49 (30) 123-4567" })).success).toBe(true);
  });

  it("files the chosen answers through the new-ticket page, as the ticket shows them", async () => {
    const customer = await createCustomer("professional");
    const { cookie } = await sessionCookieFor(customer.user.id);
    const request = new Request("http://localhost/support/new", {
      method: "POST",
      body: new URLSearchParams(
        posted({
          usersAffected: "Everyone in our account",
          errorMessages: "",
          noErrorMessages: "on",
          stepsToReproduce: "",
          notReproducible: "on",
        }),
      ),
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    });
    const answer = await newTicketAction({ request, params: {}, context: {} });
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).headers.get("Location")).toMatch(/^\/support\/tickets\/TF-/);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { requesterId: customer.user.id } });
    expect(ticket).toMatchObject({
      usersAffected: "Everyone in our account",
      errorMessages: "None",
      stepsToReproduce: "Not reproducible",
    });
  });
});

describe("the phone in the profile", () => {
  it("is optional and validated like the ticket's contact phone", () => {
    const parse = (phone: string) => profileSchema.safeParse({ intent: "profile", name: "Casey", bio: "", phone });
    expect(parse("").success).toBe(true);
    expect(parse("+1 555 0100").success).toBe(true);
    expect(parse("555").success).toBe(false);
    expect(parse("not a phone").success).toBe(false);
  });

  it("fills in the ticket form's contact phone, and clearing it leaves the field empty", async () => {
    const customer = await createCustomer("standard");
    const { cookie } = await sessionCookieFor(customer.user.id);
    const load = async () => {
      const page = await newTicketLoader({
        request: new Request("http://localhost/support/new", { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      });
      return page.user;
    };
    expect((await load()).phone).toBe("");
    await updateProfile(customer.actor, { name: customer.user.name, bio: "", phone: "+1 555 0142" });
    expect((await load()).phone).toBe("+1 555 0142");
    await updateProfile(customer.actor, { name: customer.user.name, bio: "", phone: "" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: customer.user.id } })).phone).toBeNull();
    // Saving without a phone field (an older form) leaves the stored phone alone.
    await updateProfile(customer.actor, { name: customer.user.name, bio: "", phone: "+1 555 0199" });
    await updateProfile(customer.actor, { name: "Casey Renamed", bio: "" });
    expect((await load()).phone).toBe("+1 555 0199");
  });
});
