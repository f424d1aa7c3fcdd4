import { describe, expect, it } from "vitest";
import {
  AUTHOR_EDIT_WINDOW_MS,
  CAPABILITIES,
  can,
  canAt,
  describeCapability,
  type Action,
  type Actor,
} from "~/auth/permissions";

/**
 * The capability table, restated here as who may and who may not, row by row.
 * Every row of app/auth/permissions.ts must appear below (the last test checks),
 * so adding a capability without deciding its test fails.
 */

const A = "account-a";
const B = "account-b";
const ACTORS = {
  member: { id: "u-member", role: "member", account: null },
  memberOfA: { id: "u-member-a", role: "member", account: { id: A, role: "member" } },
  ownerOfA: { id: "u-owner-a", role: "member", account: { id: A, role: "owner" } },
  ownerOfB: { id: "u-owner-b", role: "member", account: { id: B, role: "owner" } },
  agent: { id: "u-agent", role: "agent", account: null },
  moderator: { id: "u-moderator", role: "moderator", account: null },
  admin: { id: "u-admin", role: "admin", account: null },
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;
const EVERYONE = Object.keys(ACTORS) as ActorName[];
const STAFF: ActorName[] = ["agent", "moderator", "admin"];

const NOW = new Date("2026-11-28T12:00:00Z");
const fresh = new Date(NOW.getTime() - 5 * 60_000);
const stale = new Date(NOW.getTime() - AUTHOR_EDIT_WINDOW_MS - 60_000);

/** For each action: subjects to try, and for each subject the actors who may (everyone else may not). */
type Case = { subject?: unknown; label: string; allowed: ActorName[] };
const EXPECTED: Record<Action, Case[]> = {
  "users:view": [{ label: "the user list", allowed: STAFF }],
  "users:attach-to-account": [{ label: "any user", allowed: STAFF }],
  "users:set-role": [{ label: "any user", allowed: ["admin"] }],
  "users:delete-data": [{ label: "any user's deletion request", allowed: ["admin"] }],
  "outbox:view": [{ label: "the outbox (reset links)", allowed: ["admin"] }],
  "jobs:view": [{ label: "job runs", allowed: STAFF }],
  "jobs:run": [{ label: "a job", allowed: ["admin"] }],
  "insights:view": [{ label: "analytics", allowed: STAFF }],
  "status:manage": [{ label: "the status page", allowed: STAFF }],
  "incident:link": [{ label: "a ticket to an incident", allowed: ["agent", "admin"] }],
  "oncall:view": [{ label: "the on-call schedule", allowed: STAFF }],
  "oncall:manage": [{ label: "the on-call rotation", allowed: ["agent", "admin"] }],
  "account:view": [
    { label: "account A", subject: { accountId: A }, allowed: ["memberOfA", "ownerOfA", ...STAFF] },
    { label: "account B", subject: { accountId: B }, allowed: ["ownerOfB", ...STAFF] },
  ],
  "account:invite-member": [
    { label: "into account A", subject: { accountId: A }, allowed: ["ownerOfA", ...STAFF] },
    { label: "into account B", subject: { accountId: B }, allowed: ["ownerOfB", ...STAFF] },
  ],
  "account:decide-join-request": [
    { label: "for account A", subject: { accountId: A }, allowed: ["ownerOfA", ...STAFF] },
    { label: "for account B", subject: { accountId: B }, allowed: ["ownerOfB", ...STAFF] },
  ],
  "ticket:create": [{ label: "a ticket", allowed: ["memberOfA", "ownerOfA", "ownerOfB"] }],
  "ticket:read": [
    { label: "a ticket of account A", subject: { accountId: A }, allowed: ["memberOfA", "ownerOfA", ...STAFF] },
    { label: "a ticket of account B", subject: { accountId: B }, allowed: ["ownerOfB", ...STAFF] },
  ],
  "ticket:reply": [
    { label: "a ticket of account A", subject: { accountId: A }, allowed: ["memberOfA", "ownerOfA", ...STAFF] },
  ],
  "ticket:work": [{ label: "any ticket", allowed: ["agent", "admin"] }],
  "chat:start": [{ label: "a new chat", allowed: ["memberOfA", "ownerOfA", "ownerOfB"] }],
  "chat:read": [
    { subject: { customerId: "u-member-a" }, label: "a colleague's chat", allowed: ["memberOfA", "agent", "admin"] },
    { subject: { customerId: "u-owner-b" }, label: "another account's chat", allowed: ["ownerOfB", "agent", "admin"] },
  ],
  "chat:write": [
    { subject: { customerId: "u-member-a" }, label: "their own chat", allowed: ["memberOfA", "agent", "admin"] },
  ],
  "chat:work": [{ label: "the chat queue", allowed: ["agent", "admin"] }],
  "ticket:read-internal-notes": [{ label: "internal notes", allowed: STAFF }],
  "email:unmatched": [{ label: "mail from unknown senders", allowed: ["agent", "admin"] }],
  "ticket:restricted-queues": [{ label: "the security queue", allowed: ["admin"] }],
  "forum:thread:create": [{ label: "a thread", allowed: EVERYONE }],
  "forum:post:create": [{ label: "a reply", allowed: EVERYONE }],
  "forum:post:edit": [
    {
      label: "the member's own post, 5 minutes old",
      subject: { authorId: "u-member", createdAt: fresh },
      allowed: ["member", "moderator", "admin"],
    },
    {
      label: "the member's own post, past the edit window",
      subject: { authorId: "u-member", createdAt: stale },
      allowed: ["moderator", "admin"],
    },
    {
      label: "an agent's own fresh post",
      subject: { authorId: "u-agent", createdAt: fresh },
      allowed: ["agent", "moderator", "admin"],
    },
  ],
  "forum:post:hide": [{ label: "any post", allowed: ["moderator", "admin"] }],
  "forum:thread:lock": [{ label: "any thread", allowed: ["moderator", "admin"] }],
  "forum:answer:accept": [
    {
      label: "an answer in the member's thread",
      subject: { authorId: "u-member" },
      allowed: ["member", "moderator", "admin"],
    },
    { label: "an answer in someone else's thread", subject: { authorId: "u-other" }, allowed: ["moderator", "admin"] },
  ],
  "forum:post:delete-own": [
    { label: "the member's own post", subject: { authorId: "u-member" }, allowed: ["member"] },
    { label: "a moderator's own post", subject: { authorId: "u-moderator" }, allowed: ["moderator"] },
  ],
  "forum:post:like": [
    {
      label: "the member's own post",
      subject: { authorId: "u-member" },
      allowed: EVERYONE.filter((name) => name !== "member"),
    },
    { label: "someone else's post", subject: { authorId: "u-other" }, allowed: EVERYONE },
  ],
  "forum:announcement:create": [{ label: "an announcement", allowed: STAFF }],
  "forum:category:create": [{ label: "a category", allowed: STAFF }],
  "forum:post:flag": [
    {
      label: "the member's own post",
      subject: { authorId: "u-member" },
      allowed: EVERYONE.filter((name) => name !== "member"),
    },
    { label: "someone else's post", subject: { authorId: "u-other" }, allowed: EVERYONE },
  ],
  "forum:review": [{ label: "the review queue", allowed: ["moderator", "admin"] }],
  "forum:thread:pin": [{ label: "any thread", allowed: ["moderator", "admin"] }],
  "forum:thread:move": [{ label: "any thread", allowed: ["moderator", "admin"] }],
  "forum:thread:merge": [{ label: "two threads", allowed: ["moderator", "admin"] }],
  "forum:post:edit-any": [{ label: "any post, any age", allowed: ["moderator", "admin"] }],
  "user:suspend": [{ label: "any member", allowed: ["moderator", "admin"] }],
  "audit:view": [{ label: "the audit log", allowed: STAFF }],
  "idea:create": [{ label: "an idea", allowed: EVERYONE }],
  "idea:vote": [{ label: "an idea", allowed: EVERYONE }],
  "idea:comment": [{ label: "an idea", allowed: EVERYONE }],
  "idea:set-status": [{ label: "an idea", allowed: ["moderator", "admin"] }],
  "idea:merge": [{ label: "two ideas", allowed: ["moderator", "admin"] }],
  "idea:moderate": [{ label: "an idea (edit, hide, pin)", allowed: ["moderator", "admin"] }],
  "idea:internal-note": [{ label: "an internal note", allowed: STAFF }],
  "idea:triage": [{ label: "the ideas triage queue", allowed: STAFF }],
  "write-limits:exempt": [{ label: "the member write limits", allowed: STAFF }],
  "names:staff": [{ label: "a staff mark or a staff member's name", allowed: STAFF }],
  "training:revoke-certificate": [{ label: "a certificate", allowed: STAFF }],
  "training:manage-live-sessions": [{ label: "live training requests", allowed: STAFF }],
  "training:request-live-session": [
    { label: "a live session for one's account", allowed: ["memberOfA", "ownerOfA", "ownerOfB"] },
  ],
};

const check = (actor: Actor | null, action: Action, subject: unknown) => canAt(NOW, actor, action, subject as never);

describe("capability table", () => {
  for (const [action, cases] of Object.entries(EXPECTED) as [Action, Case[]][]) {
    for (const entry of cases) {
      it(`${action} on ${entry.label}: ${describeCapability(action)}`, () => {
        const answers = Object.fromEntries(EVERYONE.map((name) => [name, check(ACTORS[name], action, entry.subject)]));
        const expected = Object.fromEntries(EVERYONE.map((name) => [name, entry.allowed.includes(name)]));
        expect(answers).toEqual(expected);
        expect(check(null, action, entry.subject)).toBe(false);
      });
    }
  }

  it("has a test case for every row, and no case for a row that does not exist", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(CAPABILITIES).sort());
  });

  it("`can` asks the table at the current time (the edit window runs from now)", () => {
    const author = ACTORS.member;
    expect(can(author, "forum:post:edit", { authorId: author.id, createdAt: new Date() })).toBe(true);
    expect(
      can(author, "forum:post:edit", {
        authorId: author.id,
        createdAt: new Date(Date.now() - AUTHOR_EDIT_WINDOW_MS - 1000),
      }),
    ).toBe(false);
    expect(can(ACTORS.admin, "users:view")).toBe(true);
    expect(can(null, "users:view")).toBe(false);
  });
});
