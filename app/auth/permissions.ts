import type { Role } from "./roles";

/**
 * Every permission question the app asks, answered from one table. A row says
 * which site roles may always do the action, and optionally one ownership rule
 * that lets anyone else through when it holds for the subject. Guards
 * (requireCapability) and the UI (which buttons to show) both ask `can`, so
 * they cannot disagree. Decision record 008 explains the shape.
 *
 * No row grants anything to an anonymous visitor: public reading needs no
 * capability, and everything else needs an account.
 */

/** The part of a signed-in user that permissions look at (SessionUser satisfies it). */
export type Actor = { id: string; role: Role; account: { id: string; role: "owner" | "member" } | null };

/** How long an author may still edit their own forum post or reply. */
export const AUTHOR_EDIT_WINDOW_MS = 30 * 60 * 1000;

const EVERYONE: readonly Role[] = ["member", "agent", "moderator", "admin"];
const STAFF: readonly Role[] = ["agent", "moderator", "admin"];
const MODERATORS: readonly Role[] = ["moderator", "admin"];
const AGENTS: readonly Role[] = ["agent", "admin"];
const ADMINS: readonly Role[] = ["admin"];
const NOBODY: readonly Role[] = [];

type Ownership<Subject> = { rule: string; holds: (actor: Actor, subject: Subject, now: Date) => boolean };
type Row<Subject> = { roles: readonly Role[]; owner?: Ownership<Subject> };

/** Subjects the ownership rules look at: only the fields they need, so any row shape that has them fits. */
export type AccountSubject = { accountId: string };
export type TicketSubject = { accountId: string };
export type AuthoredSubject = { authorId: string; createdAt: Date };
export type ThreadSubject = { authorId: string };
/** A forum post, for the rules that only look at who wrote it. */
export type PostSubject = { authorId: string };
/** A live chat, for the rule that lets its customer in. */
export type ChatSubject = { customerId: string };
/** A user whose account membership is being decided (a join request or an invitation). */
export type MembershipSubject = { accountId: string };

const ownsAccount: Ownership<AccountSubject> = {
  rule: "the owner of that customer account",
  holds: (actor, subject) => actor.account?.id === subject.accountId && actor.account.role === "owner",
};
const inAccount: Ownership<AccountSubject> = {
  rule: "a member of that customer account",
  holds: (actor, subject) => actor.account?.id === subject.accountId,
};
const authorWithinEditWindow: Ownership<AuthoredSubject> = {
  rule: `the author, within ${AUTHOR_EDIT_WINDOW_MS / 60_000} minutes of posting`,
  holds: (actor, subject, now) =>
    actor.id === subject.authorId && now.getTime() - subject.createdAt.getTime() <= AUTHOR_EDIT_WINDOW_MS,
};
const threadAuthor: Ownership<ThreadSubject> = {
  rule: "the author of the thread",
  holds: (actor, subject) => actor.id === subject.authorId,
};
const postAuthor: Ownership<PostSubject> = {
  rule: "the author of the post",
  holds: (actor, subject) => actor.id === subject.authorId,
};
const notPostAuthor: Ownership<PostSubject> = {
  rule: "any member but the author of the post",
  holds: (actor, subject) => actor.id !== subject.authorId,
};
const chatCustomer: Ownership<ChatSubject> = {
  rule: "the customer who started the chat",
  holds: (actor, subject) => actor.id === subject.customerId,
};
const hasCustomerAccount: Ownership<undefined> = {
  rule: "anyone who belongs to a customer account",
  holds: (actor) => actor.account !== null,
};

function row<Subject = undefined>(roles: readonly Role[], owner?: Ownership<Subject>): Row<Subject> {
  return { roles, owner };
}

export const CAPABILITIES = {
  // Staff pages
  "users:view": row(STAFF),
  "users:attach-to-account": row(STAFF),
  "users:set-role": row(ADMINS),
  // Confirming a data deletion request cannot be undone.
  "users:delete-data": row(ADMINS),
  // The outbox shows password-reset links: reading it is as good as taking over any account.
  "outbox:view": row(ADMINS),
  "jobs:view": row(STAFF),
  "jobs:run": row(ADMINS),
  "insights:view": row(STAFF),
  // The status page: open incidents, post updates, schedule maintenance.
  "status:manage": row(STAFF),
  // Major incidents: the people who work tickets link Priority 1 tickets to a status-page incident (a new or an open one).
  "incident:link": row(AGENTS),
  // On call for Priority 1 (app/oncall): staff see who is paged; the people who work tickets run the rotation.
  "oncall:view": row(STAFF),
  "oncall:manage": row(AGENTS),
  // Customer accounts
  "account:view": row<AccountSubject>(STAFF, inAccount),
  "account:invite-member": row<MembershipSubject>(STAFF, ownsAccount),
  "account:decide-join-request": row<MembershipSubject>(STAFF, ownsAccount),
  // Tickets
  "ticket:create": row(NOBODY, hasCustomerAccount),
  "ticket:read": row<TicketSubject>(STAFF, inAccount),
  "ticket:reply": row<TicketSubject>(STAFF, inAccount),
  "ticket:work": row(AGENTS),
  "ticket:read-internal-notes": row(STAFF),
  // Live chat (app/chat): customers chat from their account and see only their own chats; agents work the queue.
  "chat:start": row(NOBODY, hasCustomerAccount),
  "chat:read": row<ChatSubject>(AGENTS, chatCustomer),
  "chat:write": row<ChatSubject>(AGENTS, chatCustomer),
  "chat:work": row(AGENTS),
  // The email channel: agents sort mail from unknown senders; the policy's restricted queues (security@) are for admins.
  "email:unmatched": row(AGENTS),
  "ticket:restricted-queues": row(ADMINS),
  // Forum
  "forum:thread:create": row(EVERYONE),
  "forum:post:create": row(EVERYONE),
  "forum:post:edit": row<AuthoredSubject>(MODERATORS, authorWithinEditWindow),
  "forum:post:hide": row(MODERATORS),
  "forum:thread:lock": row(MODERATORS),
  "forum:answer:accept": row<ThreadSubject>(MODERATORS, threadAuthor),
  // Soft delete ("deleted by author"); moderators remove posts through the review queue instead.
  "forum:post:delete-own": row<PostSubject>(NOBODY, postAuthor),
  "forum:post:like": row<PostSubject>(NOBODY, notPostAuthor),
  // Threads in a staff-only category (Announcements); everyone may reply there.
  "forum:announcement:create": row(STAFF),
  "forum:category:create": row(STAFF),
  // Moderation (app/forum/review-queue.server.ts, app/forum/flags.server.ts): every signed-in member may flag others' posts.
  "forum:post:flag": row<PostSubject>(NOBODY, notPostAuthor),
  "forum:review": row(MODERATORS),
  "forum:thread:pin": row(MODERATORS),
  "forum:thread:move": row(MODERATORS),
  "forum:thread:merge": row(MODERATORS),
  "forum:post:edit-any": row(MODERATORS),
  "user:suspend": row(MODERATORS),
  "audit:view": row(STAFF),
  // Ideas
  "idea:create": row(EVERYONE),
  "idea:vote": row(EVERYONE),
  "idea:comment": row(EVERYONE),
  "idea:set-status": row(MODERATORS),
  "idea:merge": row(MODERATORS),
  // Edit, hide and pin ideas; internal notes and the triage queue (voters, importance, plan-weighted views) are for all staff.
  "idea:moderate": row(MODERATORS),
  "idea:internal-note": row(STAFF),
  "idea:triage": row(STAFF),
  // Volume limits on threads, replies, mentions, ideas and tickets (app/auth/write-limits.server.ts): staff write for a living.
  "write-limits:exempt": row(STAFF),
  // Training (app/training): staff withdraw a certificate and confirm the time of a live session; live
  // sessions are requested by a customer account's members (the plan check lives in the training module).
  "training:revoke-certificate": row(STAFF),
  "training:manage-live-sessions": row(STAFF),
  "training:request-live-session": row(NOBODY, hasCustomerAccount),
  // Display names with a staff mark ("(Support)", "(Admin)", …) or a staff member's name (app/auth/display-names.server.ts).
  "names:staff": row(STAFF),
} as const;

export type Action = keyof typeof CAPABILITIES;
export type SubjectOf<A extends Action> = (typeof CAPABILITIES)[A] extends Row<infer Subject> ? Subject : never;
/** Actions that need a subject take it as a third argument; the others take none. */
export type SubjectArgs<A extends Action> = SubjectOf<A> extends undefined ? [] : [subject: SubjectOf<A>];

export function can<A extends Action>(actor: Actor | null, action: A, ...[subject]: SubjectArgs<A>): boolean {
  return canAt(new Date(), actor, action, subject as SubjectOf<A>);
}

/** `can` at a given time, for the rules that depend on it (edit windows). */
export function canAt<A extends Action>(now: Date, actor: Actor | null, action: A, subject: SubjectOf<A>): boolean {
  if (!actor) return false;
  const entry = CAPABILITIES[action] as Row<SubjectOf<A>>;
  if (entry.roles.includes(actor.role)) return true;
  return entry.owner ? entry.owner.holds(actor, subject, now) : false;
}

/** The table as words, for the decision record and the tests. */
export function describeCapability(action: Action): string {
  const entry: { roles: readonly Role[]; owner?: { rule: string } } = CAPABILITIES[action];
  const roles = entry.roles.length ? entry.roles.join(", ") : "no role by itself";
  return entry.owner ? `${roles}; or ${entry.owner.rule}` : roles;
}
