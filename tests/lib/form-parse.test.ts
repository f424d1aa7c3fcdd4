import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { replySchema } from "~/forum/schemas";
import { formEnvelope, formIntent, optionalText } from "~/lib/form-intent";
import { parseForm } from "~/lib/form-parse";

/**
 * Server actions parse forms through `parseForm`, which builds a schema's form coercion once instead of
 * on every request (decision record 018). What a member's submission turns into must not change: the
 * same values, the same field errors, as Conform's `parseWithZod` gives.
 */

function form(fields: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

const signUpLike = z.object({
  name: z.string().trim().min(2, "Your name, please."),
  seats: z.number().int().min(1, "At least one seat."),
  newsletter: z.boolean().optional(),
  note: z.string().max(20, "Keep the note short.").optional(),
  tags: z.array(z.string()).max(2, "Two tags at most."),
});

const submissions: [string, [string, string][]][] = [
  [
    "a complete form",
    [
      ["name", "Sam"],
      ["seats", "3"],
      ["newsletter", "on"],
      ["note", "hi"],
      ["tags", "a"],
    ],
  ],
  [
    "empty optional fields (missing, not empty text)",
    [
      ["name", "Sam"],
      ["seats", "1"],
      ["note", ""],
      ["tags", "a"],
    ],
  ],
  [
    "a number that is not one",
    [
      ["name", "Sam"],
      ["seats", "three"],
    ],
  ],
  [
    "blank required fields",
    [
      ["name", ""],
      ["seats", ""],
    ],
  ],
  [
    "too many of a repeated field, and a note too long",
    [
      ["name", "Sam"],
      ["seats", "2"],
      ["note", "x".repeat(21)],
      ["tags", "a"],
      ["tags", "b"],
      ["tags", "c"],
    ],
  ],
];

describe("parseForm", () => {
  for (const [what, fields] of submissions) {
    it(`gives what parseWithZod gives for ${what}`, () => {
      const expected = parseWithZod(form(fields), { schema: signUpLike });
      // Twice: the second parse uses the coercion kept from the first.
      for (let round = 0; round < 2; round++) {
        const actual = parseForm(form(fields), signUpLike);
        expect(actual.status).toBe(expected.status);
        expect(actual.payload).toEqual(expected.payload);
        expect(actual.status === "success" ? actual.value : actual.error).toEqual(
          expected.status === "success" ? expected.value : expected.error,
        );
      }
    });
  }

  it("reads a reply as before: the body kept, a blank one refused with the schema's message", () => {
    const good = form([
      ["intent", "reply"],
      ["body", "Restart the sync agent, then check the status page."],
    ]);
    const blank = form([
      ["intent", "reply"],
      ["body", "   "],
    ]);
    for (const data of [good, blank]) {
      const expected = parseWithZod(data, { schema: replySchema });
      const actual = parseForm(data, replySchema);
      expect(actual.status).toBe(expected.status);
      expect(actual.status === "success" ? actual.value : actual.error).toEqual(
        expected.status === "success" ? expected.value : expected.error,
      );
    }
    expect(parseForm(blank, replySchema).status).toBe("error");
  });

  it("keeps the shared helpers' answers: intent, background flag, return address, optional text", () => {
    const data = form([
      ["intent", "like"],
      ["_fetch", "1"],
      ["redirectTo", "/community"],
      ["postId", ""],
    ]);
    expect(formEnvelope(data)).toEqual({ intent: "like", inBackground: true, redirectTo: "/community" });
    expect(formEnvelope(form([]))).toEqual({ intent: "", inBackground: false, redirectTo: null });
    expect(formIntent(data, ["like", "accept"] as const)).toBe("like");
    expect(formIntent(data, ["accept", "delete"] as const)).toBeNull();
    // The same list again, from the kept schema.
    expect(formIntent(form([["intent", "accept"]]), ["like", "accept"] as const)).toBe("accept");
    expect(optionalText(data, "postId")).toBeUndefined();
    expect(optionalText(form([["postId", "42"]]), "postId")).toBe("42");
    expect(optionalText(form([["postId", "x".repeat(11)]]), "postId", 10)).toBeUndefined();
  });
});
