import { prisma } from "../lib/db.server";
import { markdownToPlainText } from "../lib/markdown";
import { postPath } from "./paths";
import { excerpt } from "./render.server";

/**
 * A member's public page (where @mentions link): their name, bio and latest visible posts. Only
 * what any reader of the forum already sees: no email, no deleted or hidden posts, nothing from
 * hidden or deleted threads.
 */
const RECENT_POSTS = 10;

export async function findMemberProfile(username: string) {
  const member = await prisma.user.findUnique({
    where: { username: username.toLowerCase() },
    select: { id: true, name: true, username: true, bio: true, isExpert: true, role: true, createdAt: true },
  });
  if (!member?.username) return null;
  const visible = {
    authorId: member.id,
    deletedAt: null,
    hiddenAt: null,
    thread: { deletedAt: null, hiddenAt: null },
  };
  const [postCount, posts] = await Promise.all([
    prisma.forumPost.count({ where: visible }),
    prisma.forumPost.findMany({
      where: visible,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_POSTS,
      select: {
        id: true,
        number: true,
        bodyMarkdown: true,
        createdAt: true,
        thread: { select: { id: true, slug: true, title: true } },
      },
    }),
  ]);
  return {
    name: member.name,
    username: member.username,
    bio: member.bio,
    isExpert: member.isExpert,
    isStaff: member.role !== "member",
    joinedAt: member.createdAt.toISOString(),
    postCount,
    posts: posts.map((post) => ({
      id: post.id,
      url: postPath(post.thread, post.number),
      threadTitle: post.thread.title,
      excerpt: excerpt(markdownToPlainText(post.bodyMarkdown), 180),
      at: post.createdAt.toISOString(),
    })),
  };
}
