import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { signUp } from "~/auth/accounts.server";
import { hasStaffMark, reservedNameProblem } from "~/auth/display-names.server";
import { updateProfile } from "~/auth/users.server";
import { prisma } from "~/lib/db.server";
import { action as settingsAction } from "~/routes/settings";
import { createUser, sessionCookieFor, uniqueEmail } from "../factories/accounts";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());

/** Members cannot pass for staff by name: no staff marks, no staff member's name. */

const memberActor = (user: { id: string }) => ({ id: user.id, role: "member" as const, account: null });
const address = () =>
  `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 4)}`;

describe("reserved display names", () => {
  it("recognises the staff marks in any case, spacing and bracket", () => {
    for (const value of [
      "Ada Novak (Admin)",
      "Ada Novak (support)",
      "Ada ( STAFF )",
      "[Moderator] Ada",
      "Ada (Moderator) Novak",
    ])
      expect(hasStaffMark(value)).toBe(true);
    for (const value of ["Ada Novak", "Ada (she/her)", "Supportive Sam", "Admin Adams"])
      expect(hasStaffMark(value)).toBe(false);
  });

  it("refuses a member signing up as 'Ada Novak (Admin)', saying why, and creates nothing", async () => {
    const email = uniqueEmail("fake-admin");
    const result = await outcome(
      signUp({ name: "Ada Novak (Admin)", email, password: "tidy-orchard-window-88", accountId: null }, address()),
    );
    expect(result).toEqual({
      status: 400,
      field: "name",
      message: "“(Support)”, “(Admin)”, “(Staff)” and “(Moderator)” mark staff accounts. Choose a name without them.",
    });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("refuses a member taking a staff member's name, whatever the case, spacing or mark", async () => {
    const staffName = `Priya Raman ${randomUUID().slice(0, 6)}`;
    await createUser({ role: "agent", name: `${staffName} (Support)` });
    const member = await createUser({ name: "Plain Member" });
    for (const attempt of [staffName, `  ${staffName.toUpperCase()} `, staffName.replace(" ", "   ")]) {
      expect(await outcome(updateProfile(memberActor(member), { name: attempt, bio: "" }))).toMatchObject({
        status: 400,
        field: "name",
        message: expect.stringContaining("A member of our staff goes by that name"),
      });
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).name).toBe("Plain Member");
    const signedUp = await outcome(
      signUp(
        { name: staffName, email: uniqueEmail("copycat"), password: "tidy-orchard-window-88", accountId: null },
        address(),
      ),
    );
    expect(signedUp).toMatchObject({
      status: 400,
      field: "name",
      message: expect.stringContaining("A member of our staff"),
    });
  });

  it("lets members choose ordinary names, and staff use the marks and their own name", async () => {
    const member = await createUser({ name: "Someone" });
    expect(await outcome(updateProfile(memberActor(member), { name: "Ada Novak", bio: "" }))).toBe("done");
    const agent = await createUser({ role: "agent", name: "Sam Lee" });
    expect(
      await outcome(
        updateProfile({ id: agent.id, role: "agent", account: null }, { name: "Sam Lee (Support)", bio: "" }),
      ),
    ).toBe("done");
    expect(await reservedNameProblem(prisma, { id: agent.id, role: "agent" }, "Sam Lee")).toBeNull();
  });

  it("the settings form answers a reserved name with a 400 and the message on the name field", async () => {
    const member = await createUser({ name: "Form Member" });
    const { cookie } = await sessionCookieFor(member.id);
    const body = new FormData();
    body.set("intent", "profile");
    body.set("name", "Ada Novak (Staff)");
    body.set("bio", "");
    const request = new Request("http://localhost/settings", { method: "POST", body, headers: { Cookie: cookie } });
    const answer = (await settingsAction({ request, params: {}, context: {} } as Parameters<
      typeof settingsAction
    >[0])) as unknown as { data: { result: { error: Record<string, string[]> } }; init: { status: number } };
    expect(answer.init.status).toBe(400);
    expect(answer.data.result.error.name?.[0]).toContain("mark staff accounts");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).name).toBe("Form Member");
  });
});
