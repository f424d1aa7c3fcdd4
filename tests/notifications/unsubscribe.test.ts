import { describe, expect, it } from "vitest";
import { getEmailPreferences, setEmailPreference, unsubscribeTarget } from "~/notifications/preferences.server";
import { createUnsubscribeToken, verifyUnsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { createMember } from "./factories";

describe("unsubscribe tokens", () => {
  it("name the member and the kind of email they were made for", async () => {
    const member = await createMember();
    const token = createUnsubscribeToken(member.id, "mention");
    expect(verifyUnsubscribeToken(token)).toEqual({ userId: member.id, kind: "mention" });
    expect(await unsubscribeTarget(token)).toEqual({ userId: member.id, kind: "mention", email: member.email });
  });

  it("refuse a tampered token: another member, another kind, a changed signature, another secret, junk", async () => {
    const [member, other] = await Promise.all([createMember(), createMember()]);
    const token = createUnsubscribeToken(member.id, "reply");
    const [version, , kind, signature] = token.split(".");
    expect(verifyUnsubscribeToken(`${version}.${other.id}.${kind}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(`${version}.${member.id}.mention.${signature}`)).toBeNull();
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    expect(verifyUnsubscribeToken(`${version}.${member.id}.${kind}.${flipped}`)).toBeNull();
    expect(verifyUnsubscribeToken(token.slice(0, -4))).toBeNull();
    expect(
      verifyUnsubscribeToken(createUnsubscribeToken(member.id, "reply", "another-secret-another-secret-0123456789")),
    ).toBeNull();
    for (const junk of [
      "",
      "u1",
      "u1...",
      `u2.${member.id}.reply.${signature}`,
      `u1.${member.id}.like.${signature}`,
      null,
      undefined,
      "x".repeat(1000),
    ]) {
      expect(verifyUnsubscribeToken(junk)).toBeNull();
    }
    // A valid signature for a member who no longer exists unsubscribes nobody.
    expect(await unsubscribeTarget(createUnsubscribeToken("deleted-member-id", "reply"))).toBeNull();
  });

  it("turning one kind off leaves the others as they were", async () => {
    const member = await createMember();
    expect(await getEmailPreferences(member.id)).toMatchObject({ reply: true, mention: true, digest: true });
    const target = await unsubscribeTarget(createUnsubscribeToken(member.id, "digest"));
    if (!target) throw new Error("token refused");
    await setEmailPreference(target.userId, target.kind, false);
    expect(await getEmailPreferences(member.id)).toMatchObject({ reply: true, mention: true, digest: false });
  });
});
