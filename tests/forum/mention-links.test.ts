import { describe, expect, it } from "vitest";
import { findMemberProfile } from "~/forum/member-profile.server";
import { prisma } from "~/lib/db.server";
import { renderPostBody } from "~/forum/render.server";
import { rerenderStoredPosts } from "~/forum/rerender.server";
import { createMember, startThread, writePost } from "../notifications/factories";

/** A post's @mentions link to the members they name (rendered when the post is written), and that page exists. */

describe("mentions in a post", () => {
  it("link existing members to their page; an unknown name stays text", async () => {
    const member = await createMember();
    const html = await renderPostBody(`Thanks @${member.username!.toUpperCase()}, and @no-such-member-here!`);
    expect(html).toContain(
      `<a href="/community/u/${member.username}" class="mention">@${member.username!.toUpperCase()}</a>`,
    );
    expect(html).toContain("and @no-such-member-here!");
  });

  it("lead to the member's page with their visible posts, not their deleted ones", async () => {
    const member = await createMember();
    const { thread } = await startThread(member.id, { title: "Exporting the weekly report" });
    await writePost(thread.id, member.id, "Second thought: use the CSV button.");
    const profile = await findMemberProfile(member.username!);
    expect(profile).toMatchObject({ name: member.name, username: member.username, postCount: 2 });
    expect(profile!.posts[0]).toMatchObject({ threadTitle: "Exporting the weekly report" });
    expect(profile!.posts.map((post) => post.excerpt)).toContain("Second thought: use the CSV button.");
    expect(JSON.stringify(profile)).not.toContain(member.email);
    expect(await findMemberProfile("no-such-member-here")).toBeNull();

    await prisma.forumPost.updateMany({ where: { threadId: thread.id, number: 2 }, data: { deletedAt: new Date() } });
    const afterDeletion = await findMemberProfile(member.username!);
    expect(afterDeletion!.postCount).toBe(1);
    expect(afterDeletion!.posts.map((post) => post.excerpt)).not.toContain("Second thought: use the CSV button.");
  });
});

describe("posts written before mentions were linked", () => {
  it("get the links (and labelled task lists) when `npm run forum:rerender` re-renders them", async () => {
    const [author, named] = [await createMember(), await createMember()];
    const { thread } = await startThread(author.id);
    // writePost stores HTML the old way (a plain paragraph), as posts written before this renderer have it.
    const old = await writePost(thread.id, author.id, `Ask @${named.username}\n\n- [ ] done`);
    expect(old.bodyHtml).not.toContain("mention");
    const report = await rerenderStoredPosts();
    expect(report.changed).toBeGreaterThanOrEqual(1);
    const stored = await prisma.forumPost.findUniqueOrThrow({ where: { id: old.id } });
    expect(stored.bodyHtml).toContain(`<a href="/community/u/${named.username}" class="mention">`);
    expect(stored.bodyHtml).toContain('<label class="task-list-label">');
    // A second run finds nothing left to change for this post.
    await rerenderStoredPosts();
    expect((await prisma.forumPost.findUniqueOrThrow({ where: { id: old.id } })).bodyHtml).toBe(stored.bodyHtml);
  });
});
