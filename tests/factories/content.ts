import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A throwaway content tree for build and check tests. */
export function makeContentTree() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "tf-content-"));
  const contentDir = path.join(root, "content");
  const cacheDir = path.join(root, "cache");
  const publicDir = path.join(root, "public");
  fs.mkdirSync(publicDir, { recursive: true });
  const write = (file: string, text: string) => {
    const full = path.join(contentDir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  };
  return {
    root,
    contentDir,
    cacheDir,
    publicDir,
    write,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

export function article({
  title = "A test article",
  category = "tickets",
  body = "## First\n\nSome text.\n",
  extra = "",
} = {}) {
  return `---\ntitle: "${title}"\nsummary: "A summary that is long enough."\ncategory: ${category}\nupdated: 2026-11-01\n${extra}---\n\n${body}`;
}
