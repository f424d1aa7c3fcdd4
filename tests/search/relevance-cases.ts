import type { SearchEngine } from "~/search/types";

/**
 * Questions customers type, written from the support guide: typos, prefixes,
 * synonyms and wording unlike the titles. Each names the page that must be in
 * the top three results.
 */
export type RelevanceCase = { query: string; expect: string | string[] };

/**
 * Questions in customers' own words (issue 30): acronyms and wording from the synonyms file
 * (content/search/synonyms.yml) and questions about ideas. Each must rank its page in the top three,
 * not only count towards the suite's share.
 */
export const CUSTOMER_WORD_CASES: RelevanceCase[] = [
  { query: "how do I vote on an idea", expect: "kb/how-do-i-vote-on-an-idea" },
  { query: "upvote a feature request", expect: "kb/how-do-i-vote-on-an-idea" },
  { query: "what does planned mean on the roadmap", expect: "kb/how-do-i-vote-on-an-idea" },
  { query: "suggestion for a new feature", expect: ["kb/how-do-i-vote-on-an-idea", "docs/community/forum-and-ideas"] },
  { query: "sev1 response time", expect: "kb/how-fast-will-we-respond-to-my-ticket" },
  { query: "teammate access", expect: "kb/how-do-i-invite-a-colleague-to-our-company-account" },
];

export const RELEVANCE_CASES: RelevanceCase[] = [
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

  // Written from customers' words and the support guide's headings before looking at which page answers;
  // the expected pages were set afterwards. Typos, run-together words and account questions included.
  { query: "respnse time for urgent tickets", expect: "kb/how-fast-will-we-respond-to-my-ticket" },
  { query: "escalaton to a manager", expect: "kb/how-does-escalation-work" },
  { query: "livechat", expect: "kb/how-do-i-use-live-chat" },
  {
    query: "is livechat open on weekends",
    expect: ["kb/what-are-your-support-hours", "kb/how-do-i-use-live-chat", "kb/can-i-get-help-outside-business-hours"],
  },
  { query: "resetpassword", expect: ["kb/how-do-i-reset-my-password", "forgot-password"] },
  { query: "how do I reset my password", expect: ["kb/how-do-i-reset-my-password", "forgot-password"] },
  { query: "forgot my password", expect: ["kb/how-do-i-reset-my-password", "forgot-password"] },
  { query: "change my email address", expect: ["kb/how-do-i-change-my-email-address", "settings"] },
  { query: "sign out of my other devices", expect: ["settings", "kb/why-cant-i-sign-in"] },
  { query: "cant log in to my account", expect: ["kb/why-cant-i-sign-in", "login"] },
  { query: "create an account", expect: ["signup", "kb/how-do-i-invite-a-colleague-to-our-company-account"] },
  {
    query: "invite a colleague to our company account",
    expect: "kb/how-do-i-invite-a-colleague-to-our-company-account",
  },
  { query: "add my coworker to our account", expect: "kb/how-do-i-invite-a-colleague-to-our-company-account" },
  { query: "where is my account id", expect: "kb/where-do-i-find-my-account-id" },
  {
    query: "whats the phone number for support",
    expect: ["kb/can-i-call-support-by-phone", "kb/how-do-i-contact-support"],
  },
  // The plan page shows the same response-time table, so its hit answers too.
  {
    query: "how many hours until someone replies to a critical ticket",
    expect: ["kb/how-fast-will-we-respond-to-my-ticket", "kb/what-does-my-support-plan-include"],
  },
  { query: "P1 response time", expect: "kb/how-fast-will-we-respond-to-my-ticket" },
  {
    query: "critical ticket response",
    expect: ["kb/how-fast-will-we-respond-to-my-ticket", "kb/how-do-i-choose-a-ticket-priority"],
  },
  {
    query: "our whole system is down",
    expect: [
      "kb/how-do-i-choose-a-ticket-priority",
      "kb/what-happens-during-a-major-incident",
      "kb/how-do-i-check-system-status",
    ],
  },
  { query: "difference between priority 2 and priority 3", expect: "kb/how-do-i-choose-a-ticket-priority" },
  {
    query: "my ticket is stuck who do I talk to",
    expect: ["kb/can-i-ask-for-my-ticket-to-be-escalated", "kb/how-does-escalation-work"],
  },
  {
    query: "talk to a manager about my ticket",
    expect: ["kb/how-does-escalation-work", "kb/can-i-ask-for-my-ticket-to-be-escalated"],
  },
  { query: "what information should I send with my ticket", expect: "kb/what-should-i-include-in-a-support-request" },
  {
    query: "steps to reproduce the problem",
    expect: [
      "kb/what-should-i-include-in-a-support-request",
      "webinars/writing-a-support-request-that-gets-solved-fast",
    ],
  },
  { query: "community forum", expect: ["docs/community/forum-and-ideas", "kb/where-can-i-find-answers-myself"] },
  { query: "api documentation", expect: ["docs/api/tickets", "docs/api/search", "kb/where-can-i-find-answers-myself"] },
  { query: "training videos", expect: "kb/what-training-is-available" },
  { query: "is there a status page", expect: "kb/how-do-i-check-system-status" },
  {
    query: "do you record phone calls",
    expect: ["kb/how-long-do-you-keep-my-support-data", "kb/how-do-you-protect-my-data"],
  },
  { query: "is my data encrypted", expect: "kb/how-do-you-protect-my-data" },
  {
    query: "support on holidays",
    expect: ["kb/can-i-get-help-outside-business-hours", "kb/what-are-your-support-hours"],
  },
  { query: "after hours emergency", expect: "kb/can-i-get-help-outside-business-hours" },
  { query: "money back if you miss the sla", expect: "kb/what-uptime-does-my-plan-guarantee" },
  { query: "99.9 uptime", expect: "kb/what-uptime-does-my-plan-guarantee" },
  {
    query: "how often will you update me on my ticket",
    expect: ["kb/what-can-i-expect-while-my-ticket-is-open", "kb/what-happens-during-a-major-incident"],
  },
  {
    query: "root cause report after an outage",
    expect: ["kb/what-happens-during-a-major-incident", "kb/what-can-i-expect-while-my-ticket-is-open"],
  },
  { query: "enterprise plan features", expect: "kb/what-does-my-support-plan-include" },
  { query: "which email for billing questions", expect: "kb/which-email-address-should-i-use" },
  { query: "report a vulnerabilty", expect: "kb/how-do-i-report-a-security-issue" },
  {
    query: "supprt portal",
    expect: ["kb/what-can-i-do-in-the-support-portal", "webinars/getting-the-most-from-the-support-portal"],
  },
  { query: "network trace chrome", expect: "kb/how-do-i-collect-browser-logs-and-network-traces" },
  ...CUSTOMER_WORD_CASES,
];

export type RelevanceReport = { precisionAt3: number; misses: { query: string; expect: string[]; got: string[] }[] };

function pageOf(url: string) {
  return url.replace(/^\//, "").replace(/#.*$/, "");
}

/** Share of cases with an expected page in the top three; `cases` is a parameter so a test can prove the suite fails. */
export async function runRelevanceSuite(
  engine: Pick<SearchEngine, "search">,
  cases: readonly RelevanceCase[] = RELEVANCE_CASES,
): Promise<RelevanceReport> {
  const misses: RelevanceReport["misses"] = [];
  for (const { query, expect } of cases) {
    const expected = Array.isArray(expect) ? expect : [expect];
    const result = await engine.search({ query, limit: 3 });
    const got = result.hits.map((hit) => pageOf(hit.url));
    if (!got.some((page) => expected.includes(page))) misses.push({ query, expect: expected, got });
  }
  return { precisionAt3: cases.length === 0 ? 0 : (cases.length - misses.length) / cases.length, misses };
}
