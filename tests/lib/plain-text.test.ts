import { describe, expect, it } from "vitest";
import { profileSchema, signUpSchema } from "~/auth/schemas";
import { newCategorySchema, newThreadSchema } from "~/forum/schemas";
import { editIdeaSchema, newIdeaSchema } from "~/ideas/schemas";
import { hasControlOrBidiCharacters, toPlainLine } from "~/lib/plain-text";
import { openIncidentSchema } from "~/status/schemas";

/** Names and titles are one plain line: no control characters, no text-direction formatting. */

const REFUSED = {
  "CR/LF": "\r\n",
  "a line feed": "\n",
  NUL: "\u0000",
  BEL: "\u0007",
  "a tab": "\t",
  DEL: "\u007f",
  "a C1 control (NEL)": "\u0085",
  "a C1 control (CSI)": "\u009b",
  "right-to-left override": "\u202e",
  "left-to-right embedding": "\u202a",
  "first strong isolate": "\u2068",
  "pop directional isolate": "\u2069",
  "left-to-right mark": "\u200e",
  "right-to-left mark": "\u200f",
  "Arabic letter mark": "\u061c",
} as const;

const name = (value: string) => profileSchema.safeParse({ intent: "profile", name: value, bio: "" });
const signUpName = (value: string) =>
  signUpSchema.safeParse({ name: value, email: "ada@example.com", password: "tidy-orchard-window-88" });
const threadTitle = (value: string) =>
  newThreadSchema.safeParse({ category: "questions", title: value, body: "Body." });
const ideaTitle = (value: string) => newIdeaSchema.safeParse({ title: value, description: "Why.", area: "reporting" });

describe("names and titles refuse control and bidirectional characters", () => {
  for (const [label, character] of Object.entries(REFUSED)) {
    it(`refuses ${label} inside a display name, a thread title and an idea title`, () => {
      const inName = name(`Ada${character}Novak`);
      expect(inName.success).toBe(false);
      expect(inName.error?.issues[0]?.message).toBe(
        "Your name cannot contain line breaks, tabs, control characters or text-direction marks.",
      );
      expect(signUpName(`Ada${character}Novak`).success).toBe(false);
      expect(threadTitle(`How do I reset${character}my password?`).success).toBe(false);
      expect(ideaTitle(`Export reports${character}to CSV files`).success).toBe(false);
      expect(hasControlOrBidiCharacters(`x${character}y`)).toBe(true);
    });
  }

  it("refuses the mail-injection name that wrote a fake notice into mention mails", () => {
    expect(
      name("Ada\r\n\r\nSECURITY NOTICE: your account is locked. Sign in at https://evil.invalid to unlock it.").success,
    ).toBe(false);
  });

  it("refuses titles with line breaks in the other forms too: editing an idea, a category, a status incident", () => {
    expect(
      editIdeaSchema.safeParse({
        intent: "edit",
        title: "Export reports\r\nto CSV",
        description: "Why.",
        area: "reporting",
      }).success,
    ).toBe(false);
    expect(
      newCategorySchema.safeParse({ name: "Tips\u202e", slug: "tips", description: "Tips and tricks from members." })
        .success,
    ).toBe(false);
    expect(
      openIncidentSchema.safeParse({
        title: "Logins\nfailing",
        impact: "minor",
        status: "investigating",
        message: "Looking into it.",
        components: ["api"],
      }).success,
    ).toBe(false);
  });

  it("accepts real names and titles: accents, apostrophes, other scripts, emoji sequences, spaces trimmed", () => {
    for (const value of ["Zoë O'Brien-Müller", "李小龙", "محمد علي", "Ana 👩🏽‍💻 Silva", "  Ada Novak  "])
      expect(name(value).success).toBe(true);
    expect(name("  Ada Novak  ").data?.name).toBe("Ada Novak");
    expect(threadTitle("Wie exportiere ich Berichte nach CSV?").success).toBe(true);
    expect(ideaTitle("Dark mode for the agent console").success).toBe(true);
  });

  it("makes stored text one plain line for mail", () => {
    expect(toPlainLine("Ada\r\n\r\nSECURITY NOTICE\u202e: x\u0007")).toBe("Ada SECURITY NOTICE : x");
  });
});
