/**
 * `npm run jobs:run -- <name>` runs one scheduled job now, under the same lease and with the same
 * record as the scheduler (so it never overlaps a scheduled run on any instance).
 * `npm run jobs:run -- --list` lists the jobs.
 * Exit status: 0 succeeded, 1 the job failed, 2 usage (unknown job), 3 skipped (another run holds the lease).
 */
import { JOBS, findJob } from "../app/jobs/registry.server";
import { runJob } from "../app/jobs/runner.server";
import { prisma } from "../app/lib/db.server";

function listJobs() {
  const width = Math.max(...JOBS.map((job) => job.name.length));
  return JOBS.map((job) => `  ${job.name.padEnd(width)}  ${job.schedule.padEnd(12)}  ${job.description}`).join("\n");
}

const usage = `Usage: npm run jobs:run -- <name>     run one job now\n       npm run jobs:run -- <name> --dry-run   print what it would delete (jobs that delete data)\n       npm run jobs:run -- --list   list the jobs\n\nJobs (schedule in UTC):\n${listJobs()}`;

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === "--list") {
    console.log(`Jobs (schedule in UTC):\n${listJobs()}`);
    return 0;
  }
  const dryRun = rest.length === 1 && rest[0] === "--dry-run";
  if (!name || name === "--help" || name === "-h" || (rest.length > 0 && !dryRun)) {
    console.error(usage);
    return 2;
  }
  const job = findJob(name);
  if (!job) {
    console.error(
      `Unknown job "${name}". Known jobs: ${JOBS.map((entry) => entry.name).join(", ")}.\nRun "npm run jobs:run -- --list" to see what each does.`,
    );
    return 2;
  }
  if (dryRun) {
    if (!job.dryRun) {
      console.error(`${job.name} has no dry-run mode.`);
      return 2;
    }
    const lines = await job.dryRun({ db: prisma, now: new Date() });
    console.log(lines.length ? lines.join("\n") : "Nothing would change.");
    console.log(
      `${job.name} (dry run): ${lines.length} ${lines.length === 1 ? "item" : "items"} would go; nothing was changed.`,
    );
    return 0;
  }
  const outcome = await runJob(prisma, job, { recordSkipped: true });
  switch (outcome.status) {
    case "succeeded":
      console.log(
        `${job.name}: succeeded, ${outcome.rowsAffected} ${outcome.rowsAffected === 1 ? "row" : "rows"} in ${outcome.durationMs} ms`,
      );
      return 0;
    case "failed":
      console.error(`${job.name}: failed after ${outcome.durationMs} ms: ${outcome.error}`);
      return 1;
    case "skipped":
      console.error(
        `${job.name}: skipped: another run (${outcome.heldBy ?? "unknown"}) holds the lease until ${outcome.until?.toISOString() ?? "it finishes"}.`,
      );
      return 3;
  }
}

let exitCode: number;
try {
  exitCode = await main(process.argv.slice(2));
} finally {
  await prisma.$disconnect();
}
process.exit(exitCode);
