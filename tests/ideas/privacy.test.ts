import { describe, expect, it } from "vitest";
import { loadIdeaPage } from "~/ideas/idea-page.server";
import { castVote, setNameShown } from "~/ideas/votes.server";
import { prisma } from "~/lib/db.server";
import { actor, submitIdea } from "./factories";

async function publicPage(id: number, viewer: Awaited<ReturnType<typeof actor>> | null = null) {
  const { slug } = await prisma.idea.findUniqueOrThrow({ where: { id }, select: { slug: true } });
  const page = await loadIdeaPage(id, slug, viewer);
  if (page.kind !== "page") throw new Error(`expected a page, got ${page.kind}`);
  return page;
}

describe("voter privacy", () => {
  it("votes are private by default; a voter who chooses to show their name is listed, others only counted; staff see everyone", async () => {
    const [author, shy, open, agent] = await Promise.all([actor(), actor(), actor(), actor("agent")]);
    const { id } = await submitIdea(author);
    await expect(setNameShown(open, id, true)).rejects.toMatchObject({ status: 409 });
    await castVote(shy, id);
    await castVote(open, id);
    await setNameShown(open, id, true);

    const anonymous = await publicPage(id);
    expect(anonymous.publicVoters).toEqual([open.name]);
    expect(anonymous.staff).toBeNull();
    expect(anonymous.idea.voteCount).toBe(3);

    const staff = await publicPage(id, agent);
    expect(staff.staff?.voters.map((voter) => voter.name).sort()).toEqual([author.name, shy.name, open.name].sort());

    await setNameShown(open, id, false);
    expect((await publicPage(id)).publicVoters).toEqual([]);
  });
});
