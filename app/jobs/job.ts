import type { PrismaClient } from "../generated/prisma/client";

/** What a job gets: the database and the instant it treats as "now" (tests pass a fixed clock). */
export type JobContext = { db: PrismaClient; now: Date };

/**
 * A named, idempotent unit of background work. Running it twice in a row is harmless: the second run
 * finds nothing left to do. `run` answers how many rows it wrote or deleted.
 */
export type JobDefinition = {
  /** Stable: it keys the lease, the run history and `npm run jobs:run -- <name>`. */
  name: string;
  /** Cron pattern (croner syntax, UTC), e.g. "17 * * * *" for every hour at :17. */
  schedule: string;
  description: string;
  /**
   * How long a run may hold the lease. A run that dies keeps other instances away this long, and a run
   * that takes longer could overlap another instance's, so jobs keep each run well within it.
   */
  leaseMs: number;
  run(context: JobContext): Promise<number>;
  /** For jobs that delete data: what a run now would do, one line each, changing nothing (`jobs:run -- <name> --dry-run`). */
  dryRun?(context: JobContext): Promise<string[]>;
};
