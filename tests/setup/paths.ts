import path from "node:path";

// One folder per test run (the main vitest process names it; its forked workers inherit the variable),
// so two runs in one checkout never share a template or worker database.
process.env.TEST_RUN_DIR ??= path.resolve("tests/.tmp", `run-${process.pid}`);
export const TMP_DIR = process.env.TEST_RUN_DIR;
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");
