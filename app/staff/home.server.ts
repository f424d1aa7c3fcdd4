import { countUnmatched } from "../email/unmatched.server";
import type { Actor } from "../auth/permissions";
import { countPostsAwaitingReview } from "../forum/review-queue.server";
import { contentGapQueue } from "../insights/content-gaps.server";
import { jobsNeedingAttention } from "../jobs/history.server";
import { ticketsAtSlaRisk } from "../tickets/queue.server";
import { staffToolsFor, type StaffTool } from "./tools";

/** One thing waiting for staff: how many, what they are (words after the number), and where to deal with them. */
export type AttentionItem = { path: string; count: number; text: string };
export type StaffHome = { tools: (StaffTool & { attention: AttentionItem | null })[]; attention: AttentionItem[] };

function plural(count: number, one: string, many: string) {
  return count === 1 ? one : many;
}

/**
 * What each of the viewer's tools has waiting. Only tools the viewer may use are counted, so
 * nobody learns the size of a queue they cannot open.
 */
async function attentionFor(tool: StaffTool, actor: Actor): Promise<AttentionItem | null> {
  switch (tool.path) {
    case "/admin/tickets": {
      const { breached, dueSoon } = await ticketsAtSlaRisk(actor);
      const parts = [
        breached ? `${breached} breached` : null,
        dueSoon ? `${dueSoon} due within the hour` : null,
      ].filter(Boolean);
      return {
        path: tool.path,
        count: breached + dueSoon,
        text: `${plural(breached + dueSoon, "ticket", "tickets")} at SLA risk${parts.length ? ` (${parts.join(", ")})` : ""}`,
      };
    }
    case "/admin/mail": {
      const count = await countUnmatched(actor);
      return { path: tool.path, count, text: `${plural(count, "mail", "mails")} from unknown senders waiting` };
    }
    case "/admin/review": {
      const count = (await countPostsAwaitingReview(actor)) ?? 0;
      return { path: tool.path, count, text: `${plural(count, "flagged post", "flagged posts")} waiting for review` };
    }
    case "/admin/content-gaps": {
      const count = (await contentGapQueue()).open.length;
      return { path: tool.path, count, text: plural(count, "open content gap", "open content gaps") };
    }
    case "/admin/jobs": {
      const failed = await jobsNeedingAttention();
      return {
        path: tool.path,
        count: failed.length,
        text: `${plural(failed.length, "job", "jobs")} failed on the last run${failed.length ? `: ${failed.join(", ")}` : ""}`,
      };
    }
    default:
      return null;
  }
}

export async function staffHome(actor: Actor): Promise<StaffHome> {
  const tools = await Promise.all(
    staffToolsFor(actor).map(async (tool) => ({ ...tool, attention: await attentionFor(tool, actor) })),
  );
  return { tools, attention: tools.flatMap((tool) => (tool.attention ? [tool.attention] : [])) };
}
