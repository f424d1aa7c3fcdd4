import { can, type Action, type Actor } from "../auth/permissions";

/**
 * The staff tools, each behind the capability its own page's guard asks for: the staff home lists a
 * tool exactly when its page would let the viewer in.
 */
export const STAFF_TOOLS = [
  {
    path: "/admin/tickets",
    title: "Ticket queue",
    description: "Tickets sorted by SLA risk: reply, assign, escalate.",
    action: "ticket:work",
  },
  {
    path: "/admin/chat",
    title: "Live chat",
    description: "Go online, take waiting chats, answer with knowledge-base links, turn a chat into a ticket.",
    action: "chat:work",
  },
  {
    path: "/admin/on-call",
    title: "On call",
    description: "Who is paged for Priority 1 now; the weekly rotation and overrides.",
    action: "oncall:view",
  },
  {
    path: "/admin/training",
    title: "Live training",
    description: "Requests for live training sessions: confirm a time; the customer's contacts get the invitation.",
    action: "training:manage-live-sessions",
  },
  {
    path: "/admin/mail",
    title: "Unmatched mail",
    description: "Mail to the support addresses that reached no ticket: file it for a customer or discard it.",
    action: "email:unmatched",
  },
  {
    path: "/admin/review",
    title: "Review queue",
    description: "Flagged forum posts and answers readers say are outdated.",
    action: "forum:review",
  },
  {
    path: "/admin/content-gaps",
    title: "Content gaps",
    description: "Searches and tickets the help center had no answer for.",
    action: "insights:view",
  },
  {
    path: "/admin/jobs",
    title: "Scheduled jobs",
    description: "Each job's schedule, its latest run and its errors.",
    action: "jobs:view",
  },
  {
    path: "/admin/insights",
    title: "Search and deflection insights",
    description: "What people search for, and which answers keep tickets away.",
    action: "insights:view",
  },
  {
    path: "/admin/ideas",
    title: "Ideas triage",
    description: "New feature requests, with voters and plan-weighted views.",
    action: "idea:triage",
  },
  {
    path: "/admin/status",
    title: "Status page",
    description: "Open incidents, post updates, schedule maintenance.",
    action: "status:manage",
  },
  {
    path: "/admin/users",
    title: "Users and accounts",
    description: "Look up a customer's account and plan; attach people to accounts.",
    action: "users:view",
  },
  {
    path: "/admin/audit",
    title: "Audit log",
    description: "Every moderation and staff decision, with its reason.",
    action: "audit:view",
  },
  {
    path: "/admin/deletion-requests",
    title: "Data deletion requests",
    description: "Confirm or refuse customers' requests to erase their data.",
    action: "users:delete-data",
  },
  {
    path: "/admin/outbox",
    title: "Outbox",
    description: "Mail the site has sent or is about to send.",
    action: "outbox:view",
  },
] as const satisfies readonly { path: string; title: string; description: string; action: Action }[];

export type StaffTool = (typeof STAFF_TOOLS)[number];

export function staffToolsFor(actor: Actor | null): StaffTool[] {
  return STAFF_TOOLS.filter((tool) => can(actor, tool.action));
}
