import type { PrismaClient } from "../app/generated/prisma/client";

/**
 * A one-week rotation so a fresh site has someone on call for Priority 1 (the articles say on-call
 * engineers are alerted): the seeded agent as primary, the seeded admin as secondary. Only when no
 * rotation exists, so staff changes at /admin/on-call survive a re-seed.
 */
export async function seedOnCall(db: PrismaClient): Promise<boolean> {
  if ((await db.onCallSlot.count()) > 0) return false;
  const agent = await db.user.findUnique({ where: { email: "alex.agent@techflow.example" }, select: { id: true } });
  const admin = await db.user.findUnique({ where: { email: "ada.admin@techflow.example" }, select: { id: true } });
  if (!agent) return false;
  await db.onCallSlot.create({ data: { position: 0, primaryId: agent.id, secondaryId: admin?.id ?? null } });
  return true;
}
