/** `npm run forum:rerender`: re-render every stored forum post with the current Markdown renderer (app/forum/rerender.server.ts). */
import { prisma } from "../app/lib/db.server";
import { rerenderStoredPosts } from "../app/forum/rerender.server";

const started = performance.now();
try {
  const { seen, changed } = await rerenderStoredPosts();
  console.log(
    `Forum posts re-rendered: ${changed} of ${seen} changed in ${((performance.now() - started) / 1000).toFixed(2)}s`,
  );
} finally {
  await prisma.$disconnect();
}
