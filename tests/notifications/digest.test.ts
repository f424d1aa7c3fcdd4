import { beforeEach, describe, expect, it } from "vitest";
import { setFollowState } from "~/forum/follow.server";
import { findJob } from "~/jobs/registry.server";
import { runJob } from "~/jobs/runner.server";
import { prisma } from "~/lib/db.server";
import { setEmailPreference } from "~/notifications/preferences.server";
import { createCategory, createMember, mailTo, startThread } from "./factories";

/**
 * The daily digest job, run through the registry at a fixed clock: one email per member per day
 * listing the previous UTC day's new threads in the categories they follow, never twice.
 */

const HOUR = 60 * 60 * 1000;
const RUN_AT = new Date("2026-06-02T06:17:00Z");
const YESTERDAY_NOON = new Date("2026-06-01T12:00:00Z");

async function runDigest(now: Date) {
  const job = findJob("forum-digest");
  if (!job) throw new Error("forum-digest is not registered");
  const outcome = await runJob(prisma, job, { now });
  if (outcome.status !== "succeeded") throw new Error(JSON.stringify(outcome));
  return outcome.rowsAffected;
}

beforeEach(async () => {
  // Only this file's digests matter; other rows (other categories) are scoped by the factories.
  await prisma.$transaction([
    prisma.jobLease.deleteMany(),
    prisma.notificationDigest.deleteMany(),
    prisma.forumSubscription.deleteMany({ where: { categoryId: { not: null } } }),
  ]);
});

describe("forum-digest", () => {
  it("sends each follower yesterday's new threads once, however often it runs that day", async () => {
    const category = await createCategory("Tips & tricks");
    const other = await createCategory("Discussions");
    const [reader, author] = await Promise.all([createMember(), createMember()]);
    await setFollowState(reader.id, { categoryId: category.id }, "following");
    await startThread(author.id, {
      categoryId: category.id,
      title: "Tip: add your account ID to every ticket",
      createdAt: YESTERDAY_NOON,
    });
    await startThread(author.id, {
      categoryId: category.id,
      title: "Too old to be in this digest",
      createdAt: new Date(YESTERDAY_NOON.getTime() - 24 * HOUR),
    });
    await startThread(author.id, {
      categoryId: category.id,
      title: "Started today, in tomorrow's digest",
      createdAt: new Date("2026-06-02T01:00:00Z"),
    });
    await startThread(author.id, { categoryId: other.id, title: "Not a followed category", createdAt: YESTERDAY_NOON });
    await startThread(reader.id, {
      categoryId: category.id,
      title: "The reader's own thread is not news to them",
      createdAt: YESTERDAY_NOON,
    });

    expect(await runDigest(RUN_AT)).toBe(1);
    const [mail] = await mailTo(reader.email);
    expect(mail.subject).toBe("1 new thread in the TechFlow community");
    expect(mail.text).toContain("Tip: add your account ID to every ticket");
    for (const absent of ["Too old", "Started today", "Not a followed category", "own thread"])
      expect(mail.text).not.toContain(absent);
    expect(mail.text).toMatch(/unsubscribe\?token=u1\.[^.]+\.digest\./);

    // Again the same day (a retry, another instance, an admin's manual run): nothing new is sent.
    expect(await runDigest(new Date(RUN_AT.getTime() + 3 * HOUR))).toBe(0);
    expect(await mailTo(reader.email)).toHaveLength(1);
    expect(await prisma.notificationDigest.findMany({ where: { userId: reader.id } })).toMatchObject([
      { day: "2026-06-02", threadCount: 1 },
    ]);

    // The next day covers the thread started today, in its own email.
    expect(await runDigest(new Date(RUN_AT.getTime() + 24 * HOUR))).toBe(1);
    const mails = await mailTo(reader.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain("Started today, in tomorrow's digest");
  });

  it("sends nothing to members who turned the digest off, or when no thread is new", async () => {
    const category = await createCategory();
    const [optedOut, quietDay, author] = await Promise.all([createMember(), createMember(), createMember()]);
    await setFollowState(optedOut.id, { categoryId: category.id }, "following");
    await setEmailPreference(optedOut.id, "digest", false);
    await startThread(author.id, { categoryId: category.id, createdAt: YESTERDAY_NOON });
    const empty = await createCategory();
    await setFollowState(quietDay.id, { categoryId: empty.id }, "following");

    expect(await runDigest(RUN_AT)).toBe(0);
    expect(await mailTo(optedOut.email)).toEqual([]);
    expect(await mailTo(quietDay.email)).toEqual([]);
  });
});
