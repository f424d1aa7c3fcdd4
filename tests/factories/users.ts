import type { Role } from "../../app/auth/roles";
import type { Plan } from "../../app/support/policy";

/** Demo customer accounts and users, shared by the seed and the tests (README "Try it" lists them). */
export const SEED_ACCOUNTS: { accountNumber: string; name: string; plan: Plan }[] = [
  { accountNumber: "TF-100001", name: "Acme Retail", plan: "standard" },
  { accountNumber: "TF-100002", name: "Globex Logistics", plan: "professional" },
  { accountNumber: "TF-100003", name: "Initech Health", plan: "enterprise" },
];

export const SEED_USERS: { email: string; name: string; password: string; role: Role; accountNumber: string | null }[] = [
  { email: "sam@acme.example", name: "Sam Rivera", password: "blue-harbor-kettle-17", role: "member", accountNumber: "TF-100001" },
  { email: "pat@globex.example", name: "Pat Okafor", password: "quiet-meadow-compass-28", role: "member", accountNumber: "TF-100002" },
  { email: "erin@initech.example", name: "Erin Lindqvist", password: "silver-canyon-lantern-39", role: "member", accountNumber: "TF-100003" },
  { email: "alex.agent@techflow.example", name: "Alex Chen (Support)", password: "amber-falcon-ledger-51", role: "agent", accountNumber: null },
  { email: "morgan.mod@techflow.example", name: "Morgan Diaz (Moderator)", password: "copper-willow-beacon-63", role: "moderator", accountNumber: null },
  { email: "ada.admin@techflow.example", name: "Ada Novak (Admin)", password: "granite-orchid-harbor-75", role: "admin", accountNumber: null },
];
