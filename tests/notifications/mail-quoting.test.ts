import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { quoteBlock, quoteInline } from "~/notifications/email.server";
import { createMember, mailTo, startThread, writePost } from "./factories";

/**
 * Members' words in notification mails are set apart: names and titles quoted on one line, post text
 * as a "> " quoted line. A name stored with line breaks (from before names were checked) cannot add
 * a paragraph that reads as ours.
 */

const FAKE_NOTICE = "SECURITY NOTICE: your account is locked. Sign in at https://evil.invalid to unlock it.";

describe("mail templates set members' words apart", () => {
  it("a display name with CR/LF cannot inject a paragraph into an official mention mail", async () => {
    const target = await createMember();
    const author = await createMember();
    await prisma.user.update({ where: { id: author.id }, data: { name: `Ada\r\n\r\n${FAKE_NOTICE}\r\n\r\nRegards` } });
    const { thread } = await startThread(target.id);
    await writePost(thread.id, author.id, `@${target.username} have a look.\n\n${FAKE_NOTICE}`);

    const [mail] = (await mailTo(target.email)).filter((entry) => entry.subject.includes("mentioned you"));
    const lines = mail.text.split("\n");
    // The notice appears only inside quotes: in the quoted name, and on the "> " line of the post.
    for (const line of lines.filter((entry) => entry.includes("SECURITY NOTICE")))
      expect(line.startsWith("> ") || line.startsWith("“Ada SECURITY NOTICE")).toBe(true);
    expect(lines.some((line) => line.startsWith("SECURITY NOTICE"))).toBe(false);
    expect(lines).toContain(`> @${target.username} have a look. ${FAKE_NOTICE}`);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(lines.find((line) => line.includes("mentioned you in a post"))).toMatch(
      /^“Ada SECURITY NOTICE: [^”]*” mentioned you in a post in the TechFlow community thread “.*”\. They wrote:$/,
    );
  });

  it("quotes inline text on one line and shortens it; quotes blocks as one '> ' line", () => {
    expect(quoteInline("Ada\nNovak\u202e")).toBe("“Ada Novak”");
    expect(quoteInline("x".repeat(100))).toBe(`“${"x".repeat(79)}…”`);
    expect(quoteBlock("First line\n\nSecond\n```\ncode\n```\nend")).toBe("> First line Second [code] end");
  });
});
