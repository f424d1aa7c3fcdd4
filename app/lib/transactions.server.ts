import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
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
 * transaction in that same turn, while readers wait. Writers therefore take turns: transactions run
 * one after another, and once those started in one turn of the loop have used WRITE_BUDGET_MS, the
 * next waits for the next turn, so the cached pages answered in between are held up by at most that
 * (plus one transaction). A budget rather than one transaction a turn: a reply's transaction takes
 * about 1 ms, and one a turn capped replies at the turns a loop busy with readers makes (about 70 a
 * second). SQLite serializes writers anyway, so nothing is lost in throughput. PostgreSQL waits on the
 * network between statements and needs no turns.
 */
const takesTurns = databaseProvider() === "sqlite";
const WRITE_BUDGET_MS = 4;
let lastWrite: Promise<void> = Promise.resolve();
const insideWriteTurn = new AsyncLocalStorage<true>();
/** When the first transaction of this turn of the loop started; null once the loop has moved on. */
let turnStartedAt: number | null = null;

function nextTurn() {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits for this transaction's turn; the returned function ends it (the next writer may start). */
async function takeWriteTurn(): Promise<() => void> {
  const previous = lastWrite;
  let release!: () => void;
  lastWrite = new Promise<void>((resolve) => (release = resolve));
  await previous;
  if (turnStartedAt !== null && performance.now() - turnStartedAt >= WRITE_BUDGET_MS) await nextTurn();
  if (turnStartedAt === null) {
    turnStartedAt = performance.now();
    setImmediate(() => (turnStartedAt = null));
  }
  return release;
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
  const transaction = () => db.$transaction(work, { timeout: 15_000, maxWait: 15_000 });
  for (let attempt = 1; ; attempt++) {
    // A transaction started from inside another's turn (its work, or what that work awaits) must not
    // wait for that turn to end: it would wait for itself.
    const endTurn = takesTurns && !insideWriteTurn.getStore() ? await takeWriteTurn() : null;
    try {
      return endTurn ? await insideWriteTurn.run(true, transaction) : await transaction();
    } catch (error) {
      if (attempt >= attempts || !(isWriteConflict(error) || retryAlso?.(error))) throw error;
    } finally {
      endTurn?.();
    }
    await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
  }
}
