import type { SearchEngine } from "~/search/types";

/**
 * Questions customers type, written from the support guide: typos, prefixes,
 * synonyms and wording unlike the titles. Each names the page that must be in
 * the top three results.
 */
export const RELEVANCE_CASES: { query: string; expect: string }[] = [
  { query: "how fast will you answer my ticket", expect: "kb/how-fast-will-we-respond-to-my-ticket" },
  { query: "first response time enterprise", expect: "kb/how-fast-will-we-respond-to-my-ticket" },
  { query: "escalaton proces", expect: "kb/how-does-escalation-work" },
  { query: "escal", expect: "kb/how-does-escalation-work" },
  { query: "escalating my ticket", expect: "kb/can-i-ask-for-my-ticket-to-be-escalated" },
  { query: "phone number", expect: "kb/can-i-call-support-by-phone" },
  { query: "can i call you", expect: "kb/can-i-call-support-by-phone" },
  { query: "billing email address", expect: "kb/which-email-address-should-i-use" },
  { query: "report a security breach", expect: "kb/how-do-i-report-a-security-issue" },
  { query: "system down which priority", expect: "kb/how-do-i-choose-a-ticket-priority" },
  { query: "priorty levels", expect: "kb/how-do-i-choose-a-ticket-priority" },
  { query: "P1", expect: "kb/how-do-i-choose-a-ticket-priority" },
  { query: "what to include in a support request", expect: "kb/what-should-i-include-in-a-support-request" },
  { query: "browser console logs", expect: "kb/how-do-i-collect-browser-logs-and-network-traces" },
  { query: "har file network", expect: "kb/how-do-i-collect-browser-logs-and-network-traces" },
  { query: "uptime guarantee", expect: "kb/what-uptime-does-my-plan-guarantee" },
  { query: "sla credits", expect: "kb/what-uptime-does-my-plan-guarantee" },
  { query: "how long do you keep chat transcripts", expect: "kb/how-long-do-you-keep-my-support-data" },
  { query: "call recordings retention", expect: "kb/how-long-do-you-keep-my-support-data" },
  { query: "gdpr", expect: "kb/how-do-you-protect-my-data" },
  { query: "screen sharing consent", expect: "kb/how-do-you-protect-my-data" },
  { query: "weekend support", expect: "kb/can-i-get-help-outside-business-hours" },
  { query: "emergency hotline", expect: "kb/can-i-get-help-outside-business-hours" },
  { query: "live chat hours", expect: "kb/how-do-i-use-live-chat" },
  { query: "when are you open", expect: "kb/what-are-your-support-hours" },
  { query: "status page incidents", expect: "kb/how-do-i-check-system-status" },
  { query: "webinars and certification", expect: "kb/what-training-is-available" },
  { query: "root cause analysis", expect: "kb/what-happens-during-a-major-incident" },
  { query: "satisfaction survey", expect: "kb/what-can-i-expect-while-my-ticket-is-open" },
  { query: "ticket statuses", expect: "docs/portal/ticket-statuses" },
  { query: "create ticket api", expect: "docs/api/tickets" },
  { query: "email notifications", expect: "docs/portal/notifications" },
  { query: "vote on feature requests", expect: "docs/community/forum-and-ideas" },
  { query: "track my tickets", expect: "docs/portal/tracking-your-tickets" },
  { query: "what does my plan include", expect: "kb/what-does-my-support-plan-include" },
  { query: "where can I find answers myself", expect: "kb/where-can-i-find-answers-myself" },
];

export type RelevanceReport = { precisionAt3: number; misses: { query: string; expect: string; got: string[] }[] };

function pageOf(url: string) {
  return url.replace(/^\//, "").replace(/#.*$/, "");
}

export async function runRelevanceSuite(engine: SearchEngine): Promise<RelevanceReport> {
  const misses: RelevanceReport["misses"] = [];
  for (const { query, expect } of RELEVANCE_CASES) {
    const result = await engine.search({ query, limit: 3 });
    const got = result.hits.map((hit) => pageOf(hit.url));
    if (!got.includes(expect)) misses.push({ query, expect, got });
  }
  return { precisionAt3: (RELEVANCE_CASES.length - misses.length) / RELEVANCE_CASES.length, misses };
}
