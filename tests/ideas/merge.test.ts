import { describe, expect, it } from "vitest";
import { addComment } from "~/ideas/comments.server";
import { castVote } from "~/ideas/votes.server";
import { changeStatus } from "~/ideas/staff-actions.server";
import { mergeIdea, unmergeIdea } from "~/ideas/merge.server";
import { prisma } from "~/lib/db.server";
import { actor, ideaRow, notificationsOf, refusal, submitIdea, votersOf } from "./factories";

describe("merging ideas", () => {
  it("moves votes without duplicates (overlapping voters keep one vote), followers and comments; records the merge; undo puts everything back", async () => {
    const [a, b, both, pm] = await Promise.all([actor(), actor(), actor(), actor("moderator")]);
    const source = await submitIdea(a, "Download reports as a spreadsheet");
    const target = await submitIdea(b, "Export ticket reports to CSV");
    await castVote(both, source.id);
    await castVote(both, target.id);
    await addComment(a, source.id, { body: "Excel would be fine too.", internal: false });
    expect((await ideaRow(source.id)).voteCount).toBe(2);
    expect((await ideaRow(target.id)).voteCount).toBe(2);

    const result = await mergeIdea(pm, source.id, target.id);
    expect(result).toMatchObject({ movedVotes: 1, overlap: 1, voteCount: 3 });
    expect(await votersOf(target.id)).toEqual([a.id, b.id, both.id].sort());
    expect(await ideaRow(target.id)).toMatchObject({ voteCount: 3, commentCount: 1 });
    expect(await ideaRow(source.id)).toMatchObject({ voteCount: 0, mergedIntoId: target.id });
    expect(
      await prisma.ideaVote.findUnique({ where: { ideaId_userId: { ideaId: target.id, userId: a.id } } }),
    ).toMatchObject({ mergedFromIdeaId: source.id });
    expect(await prisma.ideaFollow.count({ where: { ideaId: target.id, userId: a.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "idea.merge", subjectId: String(source.id) } })).toBe(1);

    // Voting on the merged idea is refused with where to go instead.
    expect(await refusal(castVote(await actor(), source.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining(`#${target.id}`),
    });

    await unmergeIdea(pm, source.id);
    expect(await votersOf(source.id)).toEqual([a.id, both.id].sort());
    expect(await votersOf(target.id)).toEqual([b.id, both.id].sort());
    expect(await ideaRow(source.id)).toMatchObject({ voteCount: 2, commentCount: 1, mergedIntoId: null });
    expect(await ideaRow(target.id)).toMatchObject({ voteCount: 2, commentCount: 0 });
    expect(await prisma.ideaFollow.count({ where: { ideaId: target.id, userId: a.id } })).toBe(0);
    expect(await prisma.ideaComment.count({ where: { ideaId: source.id } })).toBe(1);
  });

  it("refuses merging into itself, into an idea merged into it (a cycle), and by a member", async () => {
    const [a, pm] = await Promise.all([actor(), actor("moderator")]);
    const first = await submitIdea(a);
    const second = await submitIdea(a);
    expect(await refusal(mergeIdea(pm, first.id, first.id))).toMatchObject({
      status: 400,
      message: "An idea cannot be merged into itself.",
    });
    expect(await refusal(mergeIdea(a, first.id, second.id))).toMatchObject({ status: 403 });
    await mergeIdea(pm, first.id, second.id);
    expect(await refusal(mergeIdea(pm, second.id, first.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining("cycle"),
    });
    expect(await ideaRow(second.id)).toMatchObject({ mergedIntoId: null, voteCount: 1 });
  });

  it("shipping an idea with merged duplicates tells each person who asked exactly once", async () => {
    const [a, b, both, follower, pm] = await Promise.all([actor(), actor(), actor(), actor(), actor("moderator")]);
    const duplicate = await submitIdea(a);
    const original = await submitIdea(b);
    await castVote(both, duplicate.id);
    await castVote(both, original.id);
    await prisma.ideaFollow.create({ data: { ideaId: original.id, userId: follower.id } });
    await mergeIdea(pm, duplicate.id, original.id);
    for (const status of ["under-review", "planned", "in-progress", "shipped"] as const)
      await changeStatus(pm, original.id, status, status === "shipped" ? "Out now." : "");
    for (const person of [a, b, both, follower]) {
      const shipped = (await notificationsOf(person.id)).filter((row) => row.title.startsWith("Shipped:"));
      expect(shipped, person.id).toHaveLength(1);
    }
  });
});
