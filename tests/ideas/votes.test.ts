import { describe, expect, it } from "vitest";
import { castVote, removeVote, voteInsteadOfDuplicate } from "~/ideas/votes.server";
import { prisma } from "~/lib/db.server";
import { actor, ideaRow, submitIdea } from "./factories";
import { Refusal } from "~/lib/refusal";

describe("concurrent votes", () => {
  it("50 members voting at once give exactly 50 more votes", async () => {
    const author = await actor();
    const { id } = await submitIdea(author);
    const members = await Promise.all(Array.from({ length: 50 }, () => actor()));
    const results = await Promise.allSettled(members.map((member) => castVote(member, id)));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect((await ideaRow(id)).voteCount).toBe(51);
    expect(await prisma.ideaVote.count({ where: { ideaId: id } })).toBe(51);
  });

  it("the same member voting from two tabs at once counts once; the other request is told it already voted", async () => {
    const [author, member] = await Promise.all([actor(), actor()]);
    const { id } = await submitIdea(author);
    const results = await Promise.allSettled([castVote(member, id), castVote(member, id)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(Refusal);
    expect(rejected.reason).toMatchObject({ status: 409, message: "You have already voted for this idea." });
    expect((await ideaRow(id)).voteCount).toBe(2);
    expect(await prisma.ideaVote.count({ where: { ideaId: id, userId: member.id } })).toBe(1);
  });

  it("vote, un-vote, vote again: the count follows", async () => {
    const [author, member] = await Promise.all([actor(), actor()]);
    const { id } = await submitIdea(author);
    expect((await castVote(member, id)).voteCount).toBe(2);
    expect((await removeVote(member, id)).voteCount).toBe(1);
    expect((await castVote(member, id)).voteCount).toBe(2);
  });

  it("'vote for this instead' votes once and records the duplicate avoided", async () => {
    const [author, member] = await Promise.all([actor(), actor()]);
    const { id } = await submitIdea(author);
    await voteInsteadOfDuplicate(member, id, "Export to spreadsheet");
    await voteInsteadOfDuplicate(member, id, "Export to spreadsheet please");
    expect((await ideaRow(id)).voteCount).toBe(2);
    expect(await prisma.ideaDuplicateAvoided.count({ where: { ideaId: id, userId: member.id } })).toBe(2);
  });
});
