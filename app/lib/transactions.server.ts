import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { databaseProvider, prisma } from "./db.server";
import { Refusal } from "./refusal";

export type Tx = Prisma.TransactionClient;

/** SQLite's "database is locked" and PostgreSQL's deadlock or serialization failure: another writer won, try again. */
export function isWriteConflict(error: unknown): boolean {
  if (error instanceof Refusal || !(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    code === "P2034" || /SQLITE_BUSY|database is locked|deadlock detected|could not serialize/i.test(error.message)
  );
}

/** A unique constraint clashed: with a counter read in the same transaction, another writer took the value. */
export function isUniqueClash(error: unknown): boolean {
  return !(error instanceof Refusal) && (error as { code?: string } | null)?.code === "P2002";
}

/**
 * On SQLite a transaction runs on the main thread from BEGIN to COMMIT without a pause (the driver is
 * synchronous), and every write request that arrived in one turn of the event loop would run its
 * transaction in that same turn, while readers wait. Writers therefore take turns: one transaction
 * starts per turn of the loop, and the cached pages answered in between are not held up by a queue of
 * them. SQLite serializes writers anyway, so nothing is lost in throughput. PostgreSQL waits on the
 * network between statements and needs no turns.
 */
const takesTurns = databaseProvider() === "sqlite";
let lastTurn: Promise<void> = Promise.resolve();

function writeTurn(): Promise<void> {
  const turn = lastTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  lastTurn = turn;
  return turn;
}

/**
 * One interactive transaction, tried again (with a short random pause) when it lost to another writer.
 * A Refusal thrown inside rolls back and reaches the caller untouched. `retryAlso` names the other
 * errors that mean "lost a race" for this write (a unique clash on a counter). `db`: another client
 * than the app's (a job or test given its own).
 */
export async function inRetriedTransaction<T>(
  work: (tx: Tx) => Promise<T>,
  {
    attempts = 8,
    retryAlso,
    db = prisma,
  }: { attempts?: number; retryAlso?: (error: unknown) => boolean; db?: PrismaClient } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (takesTurns) await writeTurn();
    try {
      return await db.$transaction(work, { timeout: 15_000, maxWait: 15_000 });
    } catch (error) {
      if (attempt >= attempts || !(isWriteConflict(error) || retryAlso?.(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
