import type { Role } from "../app/auth/roles";
import type { AccountRole } from "../app/auth/session.server";
import type { Plan } from "../app/support/policy";

/**
 * The demo data `npm run db:setup` seeds (README "Try it" lists it). The seed,
 * the benchmarks and the end-to-end tests read it from here; production code
 * never imports from tests/.
 */
export const SEED_ACCOUNTS: { accountNumber: string; name: string; plan: Plan }[] = [
  { accountNumber: "TF-100001", name: "Acme Retail", plan: "standard" },
  { accountNumber: "TF-100002", name: "Globex Logistics", plan: "professional" },
  { accountNumber: "TF-100003", name: "Initech Health", plan: "enterprise" },
];

/** Each customer account has one owner, who invites colleagues and approves requests to join. */
export const SEED_USERS: {
  email: string;
  name: string;
  password: string;
  role: Role;
  accountNumber: string | null;
  accountRole: AccountRole | null;
}[] = [
  {
    email: "sam@acme.example",
    name: "Sam Rivera",
    password: "blue-harbor-kettle-17",
    role: "member",
    accountNumber: "TF-100001",
    accountRole: "owner",
  },
  {
    email: "pat@globex.example",
    name: "Pat Okafor",
    password: "quiet-meadow-compass-28",
    role: "member",
    accountNumber: "TF-100002",
    accountRole: "owner",
  },
  {
    email: "erin@initech.example",
    name: "Erin Lindqvist",
    password: "silver-canyon-lantern-39",
    role: "member",
    accountNumber: "TF-100003",
    accountRole: "owner",
  },
  {
    email: "alex.agent@techflow.example",
    name: "Alex Chen (Support)",
    password: "amber-falcon-ledger-51",
    role: "agent",
    accountNumber: null,
    accountRole: null,
  },
  {
    email: "morgan.mod@techflow.example",
    name: "Morgan Diaz (Moderator)",
    password: "copper-willow-beacon-63",
    role: "moderator",
    accountNumber: null,
    accountRole: null,
  },
  {
    email: "ada.admin@techflow.example",
    name: "Ada Novak (Admin)",
    password: "granite-orchid-harbor-75",
    role: "admin",
    accountNumber: null,
    accountRole: null,
  },
];

/** Votes that give the home page a realistic "popular articles" order. */
export const SEED_VOTES = [
  { pageId: "kb/how-fast-will-we-respond-to-my-ticket", yes: 9, no: 1 },
  { pageId: "kb/how-do-i-contact-support", yes: 7, no: 1 },
  { pageId: "kb/how-do-i-choose-a-ticket-priority", yes: 6, no: 2 },
  { pageId: "kb/what-should-i-include-in-a-support-request", yes: 5, no: 0 },
  { pageId: "kb/how-does-escalation-work", yes: 4, no: 1 },
] as const;

export function seedVisitorId(index: number) {
  return `seed-visitor-${String(index).padStart(4, "0")}`;
}
