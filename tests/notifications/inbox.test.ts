import { describe, expect, it } from "vitest";
import { extractMentions, suggestMentions } from "~/forum/mentions.server";
import { prisma } from "~/lib/db.server";
import { NOTIFICATIONS_PER_PAGE } from "~/notifications/kinds";
import { countUnread, listNotifications, markAllRead, notify, openNotification } from "~/notifications/notify.server";
import { createMember, startThread, writePost } from "./factories";

describe("the notification list", () => {
  it("is newest first, paginated, counts unread, and opening one marks it read", async () => {
    const member = await createMember();
    const start = Date.UTC(2026, 10, 1);
    for (let index = 0; index < NOTIFICATIONS_PER_PAGE + 2; index++) {
      await prisma.notification.create({
        data: {
          userId: member.id,
          kind: "reply",
          title: `Reply ${index}`,
          url: `/community/t/1-x#post-${index}`,
          createdAt: new Date(start + index * 60_000),
        },
      });
    }
    const first = await listNotifications(member.id, 1);
    expect(first).toMatchObject({
      page: 1,
      pageCount: 2,
      total: NOTIFICATIONS_PER_PAGE + 2,
      unread: NOTIFICATIONS_PER_PAGE + 2,
    });
    expect(first.notifications[0].title).toBe(`Reply ${NOTIFICATIONS_PER_PAGE + 1}`);
    const second = await listNotifications(member.id, 2);
    expect(second.notifications.map((item) => item.title)).toEqual(["Reply 1", "Reply 0"]);
    // A page past the end shows the last page rather than nothing.
    expect((await listNotifications(member.id, 99)).page).toBe(2);

    const target = second.notifications[0];
    expect(await openNotification(member.id, target.id)).toBe("/community/t/1-x#post-1");
    expect(await countUnread(member.id)).toBe(NOTIFICATIONS_PER_PAGE + 1);
    expect(await markAllRead(member.id)).toBe(NOTIFICATIONS_PER_PAGE + 1);
    expect(await countUnread(member.id)).toBe(0);
  });

  it("never opens or reveals another member's notification", async () => {
    const [owner, other] = await Promise.all([createMember(), createMember()]);
    await notify(prisma, { userId: owner.id, kind: "mention", title: "Private", url: "/community/t/2-y" });
    const [row] = await prisma.notification.findMany({ where: { userId: owner.id } });
    expect(await openNotification(other.id, row.id)).toBeNull();
    expect(await prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ readAt: null });
    expect((await listNotifications(other.id, 1)).total).toBe(0);
  });

  it("does not notify members of their own actions", async () => {
    const member = await createMember();
    expect(await notify(prisma, { userId: member.id, kind: "like", title: "x", url: "/", actorId: member.id })).toBe(
      "skipped",
    );
    expect(await countUnread(member.id)).toBe(0);
  });
});

describe("@mentions", () => {
  it("are read from the Markdown's text, not code, links or email addresses", async () => {
    expect(await extractMentions("@sam and @Pat_2, also @sam again")).toEqual(["sam", "pat_2"]);
    expect(await extractMentions("Hi @erin-lee.")).toEqual(["erin-lee"]);
    expect(
      await extractMentions("`@code` and\n\n```\n@block\n```\n\n[@link](https://x.example) <https://x.example/@auto>"),
    ).toEqual([]);
    expect(await extractMentions("mail sam@acme.example or @@double or email@sam")).toEqual([]);
    expect(await extractMentions("> quoting @quoted\n\n- [ ] task for @tasked")).toEqual(["quoted", "tasked"]);
  });

  it("suggest the thread's people by username prefix for the autocomplete, whatever the case or a leading @", async () => {
    const prefix = `zq${Date.now().toString(36)}`;
    const [alpha, beta, other, writer] = await Promise.all(
      [`${prefix}-alpha`, `${prefix}-beta`, `other-${prefix}`, `${prefix}-writer`].map((name) => createMember(name)),
    );
    const { thread } = await startThread(alpha.id);
    for (const member of [beta, other, writer]) await writePost(thread.id, member.id, "Same problem here.");
    const viewer = { id: writer.id, role: "member" as const, account: null };
    expect(
      (await suggestMentions(viewer, thread.id, `@${prefix.toUpperCase()}`))?.map((user) => user.username),
    ).toEqual([`${prefix}-alpha`, `${prefix}-beta`]);
    expect(await suggestMentions(viewer, thread.id, "")).toEqual([]);
    expect(await suggestMentions(viewer, thread.id, "%")).toEqual([]);
  });
});
