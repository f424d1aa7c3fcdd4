import { prisma } from "../lib/db.server";
import { renderPostBody } from "./render.server";

/**
 * Posts keep the HTML rendered when they were written. After the renderer learns something (labelled
 * task lists, focusable code blocks, linked @mentions), older posts get it only when re-rendered:
 * this walks every post that is not deleted, in id order and in batches, and stores the new HTML
 * where it differs. The page cache is not purged here; run it before a deploy restarts the server.
 */
const BATCH = 200;

export async function rerenderStoredPosts(
  onProgress?: (done: number) => void,
): Promise<{ seen: number; changed: number }> {
  let afterId = 0;
  let seen = 0;
  let changed = 0;
  for (;;) {
    const posts = await prisma.forumPost.findMany({
      where: { id: { gt: afterId }, deletedAt: null },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, bodyMarkdown: true, bodyHtml: true },
    });
    if (posts.length === 0) return { seen, changed };
    for (const post of posts) {
      const html = await renderPostBody(post.bodyMarkdown);
      if (html !== post.bodyHtml) {
        // Only if the body is still the one rendered: an edit meanwhile has already stored fresh HTML.
        const updated = await prisma.forumPost.updateMany({
          where: { id: post.id, bodyMarkdown: post.bodyMarkdown },
          data: { bodyHtml: html },
        });
        changed += updated.count;
      }
    }
    seen += posts.length;
    afterId = posts[posts.length - 1].id;
    onProgress?.(seen);
  }
}
