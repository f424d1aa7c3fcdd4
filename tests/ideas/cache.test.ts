import { afterEach, describe, expect, it } from "vitest";
import { addComment } from "~/ideas/comments.server";
import { castVote, removeVote } from "~/ideas/votes.server";
import { changeStatus } from "~/ideas/staff-actions.server";
import { onPurge } from "~/lib/page-cache-purge.server";
import { actor, submitIdea } from "./factories";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe("cached idea pages", () => {
  it("a vote, an un-vote, a status change and a comment each purge the idea's page and every ideas list", async () => {
    const [author, voter, pm] = await Promise.all([actor(), actor(), actor("moderator")]);
    const { id } = await submitIdea(author);
    const purges: string[][] = [];
    cleanups.push(onPurge((tags) => purges.push([...tags])));
    await castVote(voter, id);
    await removeVote(voter, id);
    await changeStatus(pm, id, "under-review", "Looking into it.");
    await addComment(voter, id, { body: "We need this too.", internal: false });
    expect(purges).toHaveLength(4);
    for (const tags of purges) expect(tags).toEqual(expect.arrayContaining([`idea:${id}`, "list:ideas"]));
  });

  it("a refused vote purges nothing", async () => {
    const author = await actor();
    const { id } = await submitIdea(author);
    const purges: string[][] = [];
    cleanups.push(onPurge((tags) => purges.push([...tags])));
    await expect(castVote(author, id)).rejects.toMatchObject({ status: 409 });
    expect(purges).toEqual([]);
  });
});
