import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { onCallAt, slotForWeek, weekNumber, weekStart, type OnCall } from "./rotation";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * The on-call schedule: a weekly rotation of slots (primary and secondary) and overrides for a date
 * range. Staff read it at /admin/on-call; paging asks `whoIsOnCall`.
 */

type Db = PrismaClient | Prisma.TransactionClient;

/** Only people who work tickets can be on call for them. */
const ON_CALL_ROLES = ["agent", "admin"];
const WEEKS_SHOWN = 6;
const OVERRIDES_SHOWN = 50;

/** Who is on call at `at`, from the rotation and the overrides in force then. */
export async function whoIsOnCall(db: Db, at: Date): Promise<OnCall> {
  const [slots, overrides] = await Promise.all([
    db.onCallSlot.findMany({ orderBy: { position: "asc" } }),
    db.onCallOverride.findMany({
      where: { startsAt: { lte: at }, endsAt: { gt: at } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return onCallAt(slots, overrides, at);
}

function requireManager(actor: Actor) {
  if (!can(actor, "oncall:manage")) throw new Refusal(403, "Only agents and admins change the on-call schedule.");
}

async function refuseUnlessOnCallable(ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const found = await prisma.user.count({ where: { id: { in: wanted }, role: { in: ON_CALL_ROLES } } });
  if (found !== wanted.length) throw new Refusal(400, "On call is for agents and admins: choose one from the list.");
}

function refuseSamePerson(input: { primaryId: string; secondaryId: string | null }) {
  if (input.primaryId === input.secondaryId)
    throw new Refusal(400, "The secondary must be someone other than the primary.");
}

/*
 * The schedule's refusals are 400s (the form asked for something the schedule cannot hold), an entry
 * already removed included: the page answers them beside the forms, as it always has.
 */

/** A new slot goes to the end of the rotation. */
export async function addSlot(actor: Actor, input: { primaryId: string; secondaryId: string | null }): Promise<void> {
  requireManager(actor);
  refuseSamePerson(input);
  await refuseUnlessOnCallable([input.primaryId, input.secondaryId]);
  await inRetriedTransaction(async (tx) => {
    const last = await tx.onCallSlot.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
    await tx.onCallSlot.create({ data: { ...input, position: (last?.position ?? -1) + 1 } });
  });
}

export async function removeSlot(actor: Actor, slotId: string): Promise<void> {
  requireManager(actor);
  const removed = await prisma.onCallSlot.deleteMany({ where: { id: slotId } });
  if (!removed.count) throw new Refusal(400, "That rotation week is already gone.");
}

export async function addOverride(
  actor: Actor,
  input: { startsAt: Date; endsAt: Date; primaryId: string; secondaryId: string | null; note: string },
  now = new Date(),
): Promise<void> {
  requireManager(actor);
  if (input.endsAt <= input.startsAt) throw new Refusal(400, "The override must end after it starts.");
  if (input.endsAt <= now) throw new Refusal(400, "That range is already over.");
  refuseSamePerson(input);
  await refuseUnlessOnCallable([input.primaryId, input.secondaryId]);
  await prisma.onCallOverride.create({ data: { ...input, createdById: actor.id } });
}

export async function removeOverride(actor: Actor, overrideId: string): Promise<void> {
  requireManager(actor);
  const removed = await prisma.onCallOverride.deleteMany({ where: { id: overrideId } });
  if (!removed.count) throw new Refusal(400, "That override is already gone.");
}

type Person = { id: string; name: string } | null;

/** Everything /admin/on-call shows: now, the coming weeks, the rotation, the overrides and who may be chosen. */
export async function readOnCallBoard(actor: Actor, now = new Date()) {
  if (!can(actor, "oncall:view")) throw new Refusal(403, "The on-call schedule is for staff.");
  const [slots, overrides, people, current] = await Promise.all([
    prisma.onCallSlot.findMany({ orderBy: { position: "asc" } }),
    prisma.onCallOverride.findMany({
      where: { endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      take: OVERRIDES_SHOWN,
    }),
    prisma.user.findMany({
      where: { role: { in: ON_CALL_ROLES } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    whoIsOnCall(prisma, now),
  ]);
  const byId = new Map(people.map((person) => [person.id, person]));
  const person = (id: string | null): Person => (id ? (byId.get(id) ?? { id, name: "(no longer staff)" }) : null);
  const week = weekNumber(now);
  return {
    now: {
      primary: person(current.primaryId),
      secondary: person(current.secondaryId),
      source: current.source,
      until: current.until?.toISOString() ?? null,
    },
    weeks: Array.from({ length: WEEKS_SHOWN }, (_, offset) => {
      const slot = slotForWeek(slots, week + offset);
      return {
        startsAt: weekStart(week + offset).toISOString(),
        primary: person(slot?.primaryId ?? null),
        secondary: person(slot?.secondaryId ?? null),
      };
    }),
    slots: slots.map((slot) => ({ id: slot.id, primary: person(slot.primaryId), secondary: person(slot.secondaryId) })),
    overrides: overrides.map((entry) => ({
      id: entry.id,
      startsAt: entry.startsAt.toISOString(),
      endsAt: entry.endsAt.toISOString(),
      primary: person(entry.primaryId),
      secondary: person(entry.secondaryId),
      note: entry.note,
    })),
    people,
    mayManage: can(actor, "oncall:manage"),
  };
}
