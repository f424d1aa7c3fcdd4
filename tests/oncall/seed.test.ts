import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { whoIsOnCall } from "~/oncall/schedule.server";
import { seedOnCall } from "../../prisma/seed-oncall";
import { createUser } from "../factories/accounts";

afterAll(() => prisma.$disconnect());

describe("on-call seed", () => {
  it("a fresh site has the seeded agent on call with the admin as secondary; a re-seed keeps staff's rotation", async () => {
    const agent = await createUser({ email: "alex.agent@techflow.example", role: "agent" });
    const admin = await createUser({ email: "ada.admin@techflow.example", role: "admin" });
    expect(await seedOnCall(prisma)).toBe(true);
    expect(await whoIsOnCall(prisma, new Date())).toMatchObject({ primaryId: agent.id, secondaryId: admin.id });
    await prisma.onCallSlot.updateMany({ data: { primaryId: admin.id, secondaryId: agent.id } });
    expect(await seedOnCall(prisma)).toBe(false);
    expect(await whoIsOnCall(prisma, new Date())).toMatchObject({ primaryId: admin.id });
  });
});
