import { randomUUID } from "node:crypto";
import type { Actor } from "~/auth/permissions";
import type { Role } from "~/auth/roles";
import { prisma } from "~/lib/db.server";
import { createIdea } from "~/ideas/submit.server";
import { createAccount, createUser } from "../factories/accounts";
import type { Plan } from "~/support/policy";
import { Refusal } from "~/lib/refusal";

/** Rows for the ideas tests, written through the ideas model modules where a user would act. */
export async function createArea() {
  const suffix = randomUUID().slice(0, 8);
  return prisma.ideaArea.create({ data: { slug: `area-${suffix}`, name: `Area ${suffix}` } });
}

export type TestActor = Actor & { name: string; email: string };

export async function actor(role: Role = "member", options: { plan?: Plan } = {}): Promise<TestActor> {
  const account = options.plan ? await createAccount({ plan: options.plan }) : null;
  const user = await createUser({ role, accountId: account?.id ?? null, name: `${role} ${randomUUID().slice(0, 5)}` });
  return {
    id: user.id,
    role,
    name: user.name,
    email: user.email,
    account: account ? { id: account.id, role: "member" } : null,
  };
}

export async function submitIdea(author: TestActor, title = `Export reports to CSV ${randomUUID().slice(0, 6)}`) {
  const area = await createArea();
  return createIdea(author, { title, description: "We copy numbers by hand every week.", area: area.slug });
}

export function ideaRow(id: number) {
  return prisma.idea.findUniqueOrThrow({ where: { id } });
}

export async function votersOf(id: number) {
  return (await prisma.ideaVote.findMany({ where: { ideaId: id }, select: { userId: true } }))
    .map((row) => row.userId)
    .sort();
}

export function notificationsOf(userId: string) {
  return prisma.notification.findMany({ where: { userId, kind: "idea" }, orderBy: { createdAt: "asc" } });
}

export function mailTo(email: string) {
  return prisma.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
}

/** The status and message of the Refusal a write rejects with; fails the test when it succeeds or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Refusal) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}
