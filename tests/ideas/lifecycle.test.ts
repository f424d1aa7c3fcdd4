import { describe, expect, it } from "vitest";
import { addComment } from "~/ideas/comments.server";
import { castVote, removeVote } from "~/ideas/votes.server";
import { changeStatus } from "~/ideas/staff-actions.server";
import { prisma } from "~/lib/db.server";
import { setEmailPreference } from "~/notifications/preferences.server";
import { actor, ideaRow, mailTo, notificationsOf, refusal, submitIdea, votersOf } from "./factories";

describe("an idea's life from submit to shipped", () => {
  it("the author's vote is added, voters follow, every status change and staff comment tells followers, shipping once", async () => {
    const [author, voter, quietVoter, pm] = await Promise.all([actor(), actor(), actor(), actor("moderator")]);
    const { id } = await submitIdea(author, "Export ticket reports to CSV");
    expect(await ideaRow(id)).toMatchObject({ voteCount: 1, status: "open" });
    expect(await votersOf(id)).toEqual([author.id]);

    await castVote(voter, id, "critical");
    await castVote(quietVoter, id);
    await setEmailPreference(quietVoter.id, "idea", false);
    expect((await ideaRow(id)).voteCount).toBe(3);
    expect(await prisma.ideaFollow.count({ where: { ideaId: id } })).toBe(3);

    await changeStatus(pm, id, "under-review", "");
    await changeStatus(pm, id, "planned", "Planned for next quarter.");
    await addComment(pm, id, { body: "We would love your **examples**.", internal: false });
    await addComment(pm, id, { body: "Costly: needs the new report engine.", internal: true });
    await changeStatus(pm, id, "in-progress", "");
    await changeStatus(pm, id, "shipped", "Export is on every report.");

    const idea = await ideaRow(id);
    expect(idea).toMatchObject({ status: "shipped", statusNote: "Export is on every report.", commentCount: 1 });
    expect(idea.shippedAt).not.toBeNull();
    expect(await prisma.ideaStatusChange.count({ where: { ideaId: id } })).toBe(4);

    for (const member of [author, voter, quietVoter]) {
      const titles = (await notificationsOf(member.id)).map((row) => row.title);
      // 4 status changes + 1 public staff comment; the internal note tells nobody.
      expect(titles).toHaveLength(5);
      expect(titles.filter((title) => title.startsWith("Shipped:"))).toHaveLength(1);
      expect(titles.some((title) => title.includes("commented on"))).toBe(true);
      // Each carries a line of what was said, shown under its title on /notifications (none for a silent change).
      const excerpts = (await notificationsOf(member.id)).map((row) => row.excerpt);
      expect(excerpts).toEqual(expect.arrayContaining(["Export is on every report.", "Planned for next quarter.", ""]));
      expect(excerpts.some((excerpt) => excerpt.includes("examples"))).toBe(true);
    }
    expect(await mailTo(voter.email)).toHaveLength(5);
    expect((await mailTo(voter.email))[4].text).toContain("Export is on every report.");
    expect(await mailTo(quietVoter.email)).toHaveLength(0);
    // The staff member who made the changes is not told of their own changes.
    expect(await notificationsOf(pm.id)).toHaveLength(0);

    // Shipped ideas take no more votes, and never leave Shipped.
    expect(await refusal(castVote(await actor(), id))).toMatchObject({
      status: 409,
      message: expect.stringContaining("shipped"),
    });
    expect(await refusal(changeStatus(pm, id, "in-progress", ""))).toMatchObject({ status: 409 });
  });

  it("refuses a status change by a member, a skipped step and a decline without a reason; the idea stays as it was", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const { id } = await submitIdea(author);
    expect(await refusal(changeStatus(author, id, "under-review", ""))).toMatchObject({ status: 403 });
    expect(await refusal(changeStatus(await actor("agent"), id, "under-review", ""))).toMatchObject({ status: 403 });
    expect(await refusal(changeStatus(pm, id, "shipped", ""))).toMatchObject({
      status: 409,
      message: expect.stringContaining("cannot move to Shipped"),
    });
    expect(await refusal(changeStatus(pm, id, "declined", ""))).toMatchObject({
      status: 409,
      message: expect.stringContaining("Say why"),
    });
    expect(await ideaRow(id)).toMatchObject({ status: "open", statusNote: "" });
    expect(await prisma.ideaStatusChange.count({ where: { ideaId: id } })).toBe(0);
  });

  it("a declined idea takes no votes; un-voting what one never voted for is refused", async () => {
    const [author, pm, late] = await Promise.all([actor(), actor("moderator"), actor()]);
    const { id } = await submitIdea(author);
    expect(await refusal(removeVote(late, id))).toMatchObject({
      status: 409,
      message: "You have not voted for this idea.",
    });
    await changeStatus(pm, id, "declined", "Covered by the status page alerts.");
    expect(await refusal(castVote(late, id))).toMatchObject({
      status: 409,
      message: expect.stringContaining("declined"),
    });
    expect((await ideaRow(id)).voteCount).toBe(1);
  });

  it("a suspended member cannot vote", async () => {
    const [author, suspended] = await Promise.all([actor(), actor()]);
    const { id } = await submitIdea(author);
    await prisma.user.update({
      where: { id: suspended.id },
      data: { suspendedUntil: new Date(Date.now() + 86_400_000) },
    });
    expect(await refusal(castVote(suspended, id))).toMatchObject({
      status: 403,
      message: expect.stringContaining("suspended"),
    });
    expect((await ideaRow(id)).voteCount).toBe(1);
  });

  it("stores descriptions and comments as sanitized HTML (script and handlers are inert)", async () => {
    const author = await actor();
    const { id } = await submitIdea(author);
    await addComment(author, id, {
      body: '<img src=x onerror="alert(1)"> [x](javascript:alert(1)) <script>alert(1)</script>',
      internal: false,
    });
    const comment = await prisma.ideaComment.findFirstOrThrow({ where: { ideaId: id } });
    expect(comment.bodyHtml).not.toMatch(/onerror|<script|javascript:/i);
  });

  it("members cannot write internal notes", async () => {
    const author = await actor();
    const { id } = await submitIdea(author);
    expect(await refusal(addComment(author, id, { body: "secret", internal: true }))).toMatchObject({ status: 403 });
  });
});
