import { seededUser, signIn } from "./auth-helpers";
import { expect, queryDb, test, waitForHydration, writeDb } from "./helpers";

/**
 * "N new" on the thread lists: opening a thread marks it read once the page is shown (the page
 * reports it with a POST; its GET writes nothing), so going back to the list shows no count.
 */

const READER = seededUser("erin@initech.example");

type ThreadRow = { id: number; slug: string; lastPostNumber: number };

const readerId = () => queryDb<{ id: string }>("SELECT id FROM User WHERE email = ?", READER.email)[0]!.id;

/** A listed thread with a few posts, all on its first page. */
const someThread = () =>
  queryDb<ThreadRow>(
    "SELECT id, slug, lastPostNumber FROM ForumThread WHERE deletedAt IS NULL AND hiddenAt IS NULL AND mergedIntoId IS NULL AND lastPostNumber BETWEEN 3 AND 20 ORDER BY id LIMIT 1",
  )[0]!;

const lastRead = (userId: string, threadId: number) =>
  queryDb<{ lastReadNumber: number }>(
    "SELECT lastReadNumber FROM ForumReadMarker WHERE userId = ? AND threadId = ?",
    userId,
    threadId,
  )[0]?.lastReadNumber ?? null;

test("a signed-in reader who opens a thread finds it read on the list afterwards", async ({ page }) => {
  const thread = someThread();
  const userId = readerId();
  // The reader has read only the opening post, so the list counts the rest as new.
  const now = new Date().toISOString().replace("Z", "+00:00");
  writeDb(
    'INSERT INTO "ForumReadMarker" (userId, threadId, lastReadNumber, updatedAt) VALUES (?, ?, 1, ?) ON CONFLICT (userId, threadId) DO UPDATE SET lastReadNumber = 1',
    userId,
    thread.id,
    now,
  );

  await signIn(page, READER.email, READER.password, "/community?sort=latest");
  const newCount = page
    .getByRole("link", { name: `${thread.lastPostNumber - 1} new` })
    .and(page.locator(`[href*="/community/t/${thread.id}-"]`));
  await expect(newCount).toBeVisible();

  await page.goto(`/community/t/${thread.id}-${thread.slug}`);
  await waitForHydration(page);
  await expect
    .poll(() => lastRead(userId, thread.id), { message: "the page reports what was shown" })
    .toBe(thread.lastPostNumber);

  await page.goto("/community?sort=latest");
  await expect(page.locator(`a[href^="/community/t/${thread.id}-"]`).first()).toBeVisible();
  await expect(newCount).toHaveCount(0);
});
