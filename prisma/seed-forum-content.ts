import {
  CHANNELS,
  EMAIL_ADDRESSES,
  ESCALATION_LEVELS,
  ESCALATION_ON_REQUEST,
  PLAN_NAMES,
  REQUEST_ESSENTIALS,
  RESOLUTION_COMMITMENTS,
  RETENTION,
  SLA_UPTIME,
  SUPPORT_TIME_ZONE_NAME,
  WEEKLY_WEBINAR,
  formatAvailability,
  formatHour,
  formatMinutes,
  formatRetention,
  formatUptime,
  priority,
  targetCountingShort,
  targetCountingSentence,
  type Plan,
  type PriorityLevel,
} from "../app/support/policy";

/**
 * The seeded community: questions customers of TechFlow ask, with answers that agree with the
 * support guide. Every number comes from app/support/policy.ts, so a change there changes the seed.
 */

export type SeedMember = { username: string; name: string; email: string; isExpert?: boolean };

/** Community members besides the demo users (they cannot sign in: their password is random). */
export const SEED_COMMUNITY_MEMBERS: SeedMember[] = [
  { username: "priya", name: "Priya Shah", email: "priya@community.example", isExpert: true },
  { username: "tomas", name: "Tomás Herrera", email: "tomas@community.example" },
  { username: "jordan", name: "Jordan Blake", email: "jordan@community.example", isExpert: true },
  { username: "lena", name: "Lena Fischer", email: "lena@community.example" },
  { username: "marcus", name: "Marcus Webb", email: "marcus@community.example" },
  { username: "aiko", name: "Aiko Tanaka", email: "aiko@community.example" },
];

/** Usernames for the demo users of prisma/seed-data.ts, by email. */
export const SEED_USERNAMES: Record<string, string> = {
  "sam@acme.example": "sam",
  "pat@globex.example": "pat",
  "erin@initech.example": "erin",
  "alex.agent@techflow.example": "alex",
  "morgan.mod@techflow.example": "morgan",
  "ada.admin@techflow.example": "ada",
};

export const SEED_CATEGORIES = [
  {
    slug: "questions",
    name: "Questions & answers",
    description: "Ask how something works; other customers and our experts answer, and the best answer is marked.",
    position: 1,
    isQuestions: true,
    staffOnlyThreads: false,
  },
  {
    slug: "tips",
    name: "Tips & tricks",
    description: "Shortcuts, set-ups and habits that make TechFlow and its support work better for you.",
    position: 2,
    isQuestions: false,
    staffOnlyThreads: false,
  },
  {
    slug: "discussions",
    name: "Discussions",
    description: "Talk with other customers about workflows, integrations and how your teams use TechFlow.",
    position: 3,
    isQuestions: false,
    staffOnlyThreads: false,
  },
  {
    slug: "announcements",
    name: "Announcements",
    description: "News from the TechFlow team: releases, maintenance and changes to support. Everyone can reply.",
    position: 4,
    isQuestions: false,
    staffOnlyThreads: true,
  },
] as const;

export type SeedReply = { by: string; body: string; likes?: string[] };
export type SeedThread = {
  category: (typeof SEED_CATEGORIES)[number]["slug"];
  by: string;
  title: string;
  tags: string[];
  body: string;
  daysAgo: number;
  pinned?: boolean;
  likes?: string[];
  replies: SeedReply[];
  /** Index into replies of the accepted answer. */
  accepted?: number;
};

/** A first-response target with how it is counted ("4 hours (around the clock)"), as every page states one. */
const target = (level: PriorityLevel, plan: Plan) =>
  `${formatMinutes(priority(level).responseTarget[plan])} (${targetCountingShort(plan, level)})`;
const p = (level: PriorityLevel) => `Priority ${level} (${priority(level).name})`;
const email = (plan: Plan) => formatMinutes(CHANNELS.email.responseTime[plan]);
const level2 = ESCALATION_LEVELS[1];
const level3 = ESCALATION_LEVELS[2];
const afterL2 = formatMinutes(level2.priority1EscalationAfter ?? 0);
const afterL3 = formatMinutes(level3.priority1EscalationAfter ?? 0);
const phone = `${CHANNELS.phone.mnemonic} (${CHANNELS.phone.number})`;
const onRequestPlans = ESCALATION_ON_REQUEST.map((plan) => PLAN_NAMES[plan]).join(" and ");
const webinar = `${WEEKLY_WEBINAR.weekdayName}s at ${formatHour(WEEKLY_WEBINAR.hour)} ${SUPPORT_TIME_ZONE_NAME}`;
const retention = (record: string) => formatRetention(RETENTION.find((rule) => rule.record === record) ?? RETENTION[0]);
const table = (level: PriorityLevel) =>
  `| Plan | First response |\n| --- | --- |\n${(["standard", "professional", "enterprise"] as Plan[]).map((plan) => `| ${PLAN_NAMES[plan]} | ${target(level, plan)} |`).join("\n")}`;

export const SEED_THREADS: SeedThread[] = [
  {
    category: "announcements",
    by: "ada",
    title: "Welcome to the TechFlow Community: how it works",
    tags: ["welcome", "community"],
    daysAgo: 40,
    pinned: true,
    likes: ["sam", "pat", "erin", "priya", "tomas", "lena"],
    body: `Welcome! This is where TechFlow customers help each other, share tips and hear from our team.\n\n- **Questions & answers**: ask a how-to question; when a reply solves it, the asker marks it as the accepted answer.\n- **Tips & tricks** and **Discussions**: share what works for your team.\n- **Feature requests** live in [Ideas](/ideas), where you can vote.\n\nThe community is peer help, not a support channel with response targets. For anything urgent, open a ticket in the support portal (${CHANNELS.portal.url}) and choose the right priority:\n\n/kb/how-do-i-choose-a-ticket-priority\n\nBe kind, keep customer data out of posts, and flag anything that does not belong here.`,
    replies: [
      {
        by: "priya",
        body: "Great to have this. The accepted-answer marks make old threads so much more useful.",
        likes: ["lena", "tomas"],
      },
      {
        by: "tomas",
        body: "Is there a way to follow a category so I see new tips? Asking for our whole ops team.",
        likes: ["pat"],
      },
      {
        by: "morgan",
        body: "Yes: open the category and choose **Follow**. You can pick email or in-app notifications in your settings.",
        likes: ["tomas", "priya"],
      },
    ],
  },
  {
    category: "announcements",
    by: "alex",
    title: `Weekly webinars: ${WEEKLY_WEBINAR.weekdayName}s at ${formatHour(WEEKLY_WEBINAR.hour)} ${SUPPORT_TIME_ZONE_NAME}`,
    tags: ["webinars", "training"],
    daysAgo: 21,
    likes: ["erin", "lena"],
    body: `Our live webinar runs every week, ${webinar}. Each session covers one topic with time for questions, and recordings land in the webinar library.\n\nCustomers on the ${PLAN_NAMES.professional} and ${PLAN_NAMES.enterprise} plans can also book live training sessions for their team.`,
    replies: [
      {
        by: "lena",
        body: "Could you do one on writing good ticket descriptions? Our new hires struggle with that.",
        likes: ["aiko"],
      },
      {
        by: "alex",
        body: "Noted! Until then, the checklist in this article is what we use internally:\n\n/kb/what-should-i-include-in-a-support-request",
        likes: ["lena"],
      },
      { by: "aiko", body: "The recordings are great for people in other time zones. Thanks for keeping them up." },
    ],
  },
  {
    category: "announcements",
    by: "morgan",
    title: "Scheduled maintenance windows are now on the status page",
    tags: ["status", "maintenance"],
    daysAgo: 9,
    body: "You can now see planned maintenance on the status page ahead of time and subscribe to updates by email. Recent incidents stay there too, so you can check whether a problem you saw was on our side.",
    replies: [
      { by: "pat", body: "Subscribed. Would love an RSS feed as well.", likes: ["marcus"] },
      { by: "marcus", body: "Same here; we pipe everything into a team channel." },
    ],
  },
  {
    category: "questions",
    by: "sam",
    title: "Which priority should I choose when the dashboard is slow?",
    tags: ["priority", "tickets"],
    daysAgo: 30,
    likes: ["tomas"],
    body: "Our dashboard takes 20+ seconds to load since this morning, but it does load eventually. Is that a Priority 2 or Priority 3 ticket? I don't want to over-escalate.",
    replies: [
      {
        by: "priya",
        body: `If performance is *severely* degraded for many users, that is ${p(2)}: "performance severely degraded" is one of its examples. If it's slow but people can work, or you have a workaround, it's ${p(3)}.`,
        likes: ["sam", "lena", "jordan"],
      },
      {
        by: "tomas",
        body: "We had the same last month. I filed P3 and support bumped it to P2 after they saw how many users were affected, so don't worry about getting it exactly right.",
      },
      {
        by: "alex",
        body: `Priya is right. For ${p(2)} our first response targets are:\n\n${table(2)}\n\nTell us the number of users affected and when it started; that is what decides the priority.`,
        likes: ["sam", "priya"],
      },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "pat",
    title: "How fast does support respond to a Priority 1 ticket on the Professional plan?",
    tags: ["priority", "response-time", "professional"],
    daysAgo: 28,
    body: "We're on Professional. If production goes down at night, how quickly can we expect someone to respond?",
    replies: [
      {
        by: "jordan",
        body: `On ${PLAN_NAMES.professional}, the first response target for ${p(1)} is **${target(1, "professional")}**. Priority 1 also gets on-call engineers after hours.`,
        likes: ["pat", "erin"],
      },
      {
        by: "erin",
        body: `For comparison we're on ${PLAN_NAMES.enterprise} and it's ${target(1, "enterprise")} for us. Worth it if your business runs overnight.`,
      },
      { by: "pat", body: "Thanks both, that's what I needed for our internal runbook." },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "lena",
    title: "When does a Priority 1 ticket get escalated to a senior engineer?",
    tags: ["escalation", "priority"],
    daysAgo: 26,
    likes: ["marcus"],
    body: "We had an outage last quarter and I wasn't sure who was working on it. How does escalation work for a critical ticket?",
    replies: [
      {
        by: "alex",
        body: `A ${p(1)} ticket starts with a ${ESCALATION_LEVELS[0].title}. If it isn't resolved it goes to a ${level2.title} after ${afterL2}, and to the ${level3.title} after ${afterL3}. You also get updates every ${formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery)} while it's open.\n\n/kb/how-does-escalation-work`,
        likes: ["lena", "marcus", "priya"],
      },
      {
        by: "marcus",
        body: "The regular updates made a big difference for us during an incident: we could tell our own customers what was going on.",
      },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "erin",
    title: "Can we ask for escalation ourselves, or do we have to wait?",
    tags: ["escalation", "enterprise"],
    daysAgo: 24,
    body: "Sometimes we know right away that a problem needs an engineer. Can we request escalation directly?",
    replies: [
      {
        by: "morgan",
        body: `${onRequestPlans} customers can request escalation at any time: say so in the ticket or on the phone. On other plans tickets escalate on the timers for critical issues, and you can always add impact details that raise the priority.`,
        likes: ["erin", "jordan"],
      },
      {
        by: "jordan",
        body: "Tip: when you request it, include the business impact and number of users affected. It speeds things up a lot.",
      },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "tomas",
    title: "Is phone support included in the Standard plan?",
    tags: ["phone", "plans", "standard"],
    daysAgo: 22,
    body: "I can't find a phone number in our portal. Do Standard customers get phone support?",
    replies: [
      {
        by: "priya",
        body: `No: phone support is for ${PLAN_NAMES.professional} (${formatAvailability(CHANNELS.phone.availability.professional)}) and ${PLAN_NAMES.enterprise} (${formatAvailability(CHANNELS.phone.availability.enterprise)}). On ${PLAN_NAMES.standard} you have email and live chat (${formatAvailability(CHANNELS.chat.availability.standard)}).`,
        likes: ["tomas", "sam"],
      },
      { by: "sam", body: "We're on Standard and live chat has been quick for us; usually a couple of minutes." },
      { by: "tomas", body: "Thanks, chat it is." },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "marcus",
    title: "What's the phone number for support, and is it open around the clock?",
    tags: ["phone", "hours"],
    daysAgo: 20,
    body: "Our team is on Enterprise. What number do we call, and at what hours?",
    replies: [
      {
        by: "jordan",
        body: `The main line is ${phone}. On ${PLAN_NAMES.enterprise} it's ${formatAvailability(CHANNELS.phone.availability.enterprise)}; on ${PLAN_NAMES.professional} it's ${formatAvailability(CHANNELS.phone.availability.professional)}. The average wait is under ${CHANNELS.phone.averageWaitUnder} minutes.`,
        likes: ["marcus", "erin", "aiko"],
      },
      {
        by: "erin",
        body: "After hours the same number is how Enterprise customers reach the emergency line, in our experience.",
      },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "aiko",
    title: "Which email address should billing questions go to?",
    tags: ["billing", "email"],
    daysAgo: 19,
    body: "We were charged twice this month. Should I write to the general support address or is there a billing one?",
    replies: [
      {
        by: "priya",
        body: `Use ${EMAIL_ADDRESSES.billing} for invoices and charges. General questions go to ${EMAIL_ADDRESSES.general}, and security issues to ${EMAIL_ADDRESSES.security}.\n\n/kb/which-email-address-should-i-use`,
        likes: ["aiko"],
      },
      { by: "aiko", body: "Sent it there and it was sorted within a day. Thanks!" },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "sam",
    title: "How long will an email to support take on the Standard plan?",
    tags: ["email", "response-time", "standard"],
    daysAgo: 18,
    body: "Just want to set expectations with my team: if we email support, when do we hear back?",
    replies: [
      {
        by: "lena",
        body: `Email response times by plan: ${PLAN_NAMES.standard} ${email("standard")}, ${PLAN_NAMES.professional} ${email("professional")}, ${PLAN_NAMES.enterprise} ${email("enterprise")}. For urgent problems open a ticket with the right priority instead of emailing.`,
        likes: ["sam", "priya"],
      },
      {
        by: "alex",
        body: `Correct. A ticket also gets the priority's own target: for ${p(1)} on ${PLAN_NAMES.standard} that's ${target(1, "standard")}.`,
      },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "pat",
    title: "What should I include in a ticket so support doesn't have to ask again?",
    tags: ["tickets", "best-practices"],
    daysAgo: 17,
    likes: ["lena"],
    body: "Our tickets often go back and forth a few times before anyone starts on the actual problem. What does support need up front?",
    replies: [
      {
        by: "jordan",
        body: `The support guide lists ${REQUEST_ESSENTIALS.length} essentials:\n\n${REQUEST_ESSENTIALS.map((item, index) => `${index + 1}. ${item}`).join("\n")}\n\nScreenshots, console logs (F12) and network traces help too.`,
        likes: ["pat", "lena", "tomas", "marcus"],
      },
      { by: "pat", body: "Turned this into a ticket template for our team. Back-and-forth dropped noticeably." },
      { by: "priya", body: 'The "what you\'ve already tried" part saves the most time in my experience.' },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "erin",
    title: "What uptime does the Enterprise SLA guarantee?",
    tags: ["sla", "uptime", "enterprise"],
    daysAgo: 16,
    body: "Our procurement team wants the SLA numbers per plan. Are there credits if it's breached?",
    replies: [
      {
        by: "morgan",
        body: `Guaranteed uptime: ${PLAN_NAMES.standard} ${formatUptime(SLA_UPTIME.standard)}, ${PLAN_NAMES.professional} ${formatUptime(SLA_UPTIME.professional)}, ${PLAN_NAMES.enterprise} ${formatUptime(SLA_UPTIME.enterprise)}. Credits are available for SLA breaches.\n\n/kb/what-uptime-does-my-plan-guarantee`,
        likes: ["erin"],
      },
      { by: "erin", body: "Perfect, forwarded to procurement." },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "marcus",
    title: "How long do you keep chat transcripts and call recordings?",
    tags: ["privacy", "retention"],
    daysAgo: 15,
    body: "Our compliance officer asked how long TechFlow keeps what we say to support.",
    replies: [
      {
        by: "priya",
        body: `Support tickets: ${retention("Support tickets")}. Chat transcripts: ${retention("Chat transcripts")}. Call recordings: ${retention("Call recordings")}.\n\n/kb/how-long-do-you-keep-my-support-data`,
        likes: ["marcus", "aiko"],
      },
      {
        by: "aiko",
        body: "Also worth knowing: screen sharing requires your consent, and an NDA is available on request.",
      },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "tomas",
    title: "Where do I find our account ID for a support request?",
    tags: ["account", "portal"],
    daysAgo: 14,
    body: "Support asked for our account name and ID. Where is the ID shown?",
    replies: [
      {
        by: "sam",
        body: "It's on your account settings page in the help center, it looks like TF-123456.\n\n/kb/where-do-i-find-my-account-id",
        likes: ["tomas"],
      },
      { by: "tomas", body: "Found it, thanks." },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "lena",
    title: "Is live chat available on weekends?",
    tags: ["chat", "hours"],
    daysAgo: 12,
    body: "We're on Professional and sometimes work Saturdays.",
    replies: [
      {
        by: "jordan",
        body: `Live chat on ${PLAN_NAMES.professional} is ${formatAvailability(CHANNELS.chat.availability.professional)}; on ${PLAN_NAMES.enterprise} it's ${formatAvailability(CHANNELS.chat.availability.enterprise)}. For a weekend emergency open a ${p(1)} ticket: on-call engineers handle those.`,
        likes: ["lena"],
      },
      { by: "lena", body: "Makes sense, thanks." },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "aiko",
    title: "Our Salesforce integration stopped syncing: what priority is that?",
    tags: ["integrations", "priority"],
    daysAgo: 8,
    body: "Since yesterday records aren't syncing to Salesforce. Everything else works.",
    replies: [
      {
        by: "priya",
        body: `"Integration failures" is listed under ${p(2)}. On ${PLAN_NAMES.professional} that's a ${target(2, "professional")} first response.`,
        likes: ["aiko", "marcus"],
      },
      { by: "marcus", body: "Check the status page first, we once had a sync issue that was a known incident." },
      { by: "aiko", body: "Filed as P2 with the error message and a timestamp. Will report back." },
    ],
  },
  {
    category: "questions",
    by: "sam",
    title: "Can I invite a colleague to our company account?",
    tags: ["account", "portal"],
    daysAgo: 6,
    body: "I'm the owner of our account. How do I add a colleague so they can see our tickets?",
    replies: [
      {
        by: "pat",
        body: "As owner you can invite them from the team page in settings; they get an email link. Or they sign up and ask to join, and you approve.\n\n/kb/how-do-i-invite-a-colleague-to-our-company-account",
        likes: ["sam"],
      },
    ],
    accepted: 0,
  },
  {
    category: "questions",
    by: "marcus",
    title: "Does the API have a sandbox for testing integrations?",
    tags: ["api", "integrations"],
    daysAgo: 3,
    body: "We'd like to test a new integration without touching production data. Is there a sandbox environment?",
    replies: [{ by: "tomas", body: "Following. We'd use this too." }],
  },
  {
    category: "questions",
    by: "lena",
    title: "How do I report a security vulnerability I found?",
    tags: ["security"],
    daysAgo: 2,
    body: "I think I found a security problem in a shared link. Where should I report it privately?",
    replies: [
      {
        by: "morgan",
        body: `Please email ${EMAIL_ADDRESSES.security} and don't post details here. A suspected breach is ${p(1)}.\n\n/kb/how-do-i-report-a-security-issue`,
        likes: ["lena", "priya"],
      },
    ],
    accepted: 0,
  },
  {
    category: "tips",
    by: "priya",
    title: "Tip: collect browser logs before you open a ticket",
    tags: ["tickets", "troubleshooting"],
    daysAgo: 27,
    likes: ["sam", "pat", "tomas", "jordan"],
    body: "Press F12, open the Console tab, reproduce the problem, then right-click and *Save as…*. For slow pages, the Network tab's **Export HAR** is gold. Attaching these to the first message usually skips a whole round of questions.\n\n/kb/how-do-i-collect-browser-logs-and-network-traces",
    replies: [
      { by: "sam", body: "Didn't know about HAR export. Thanks!", likes: ["priya"] },
      {
        by: "jordan",
        body: "Remember to scrub tokens from HAR files before you share them anywhere public.",
        likes: ["priya", "lena"],
      },
      { by: "lena", body: "Adding this to our onboarding doc." },
    ],
  },
  {
    category: "tips",
    by: "jordan",
    title: "A ticket template that gets faster answers",
    tags: ["tickets", "best-practices"],
    daysAgo: 25,
    likes: ["pat", "aiko", "marcus"],
    body: "Our team pastes this into every ticket:\n\n```\nAccount: <name, ID>\nContact: <name, phone>\nProblem: <one sentence>\nImpact: <who can't do what>\nUsers affected: <number>\nStarted: <date, time, zone>\nError: <exact text>\nSteps: <1, 2, 3>\nTried: <what we did>\nUrgency: <priority and why>\n```",
    replies: [
      { by: "pat", body: "Stealing this.", likes: ["jordan"] },
      { by: "aiko", body: 'We added a "recent changes" line: half our issues came after a config change.' },
      { by: "tomas", body: 'Great template. The time zone on "Started" matters more than people think.' },
      {
        by: "priya",
        body: "Thanks @jordan. Our checklist before pressing Submit:\n\n- [x] Account ID and a contact phone filled in\n- [x] The exact error text pasted, not paraphrased\n- [ ] A screenshot attached\n- [ ] What we already tried, step by step",
      },
    ],
  },
  {
    category: "tips",
    by: "erin",
    title: "Use the status page before calling support",
    tags: ["status"],
    daysAgo: 23,
    body: "If something is broken for everyone, the status page usually says so first, and you can subscribe to updates. Saves you a call and tells you when it's fixed.",
    replies: [
      { by: "marcus", body: "Subscribed our on-call alias; works well." },
      { by: "lena", body: "The incident history is handy for post-mortems too." },
    ],
  },
  {
    category: "tips",
    by: "tomas",
    title: "Search the knowledge base with the exact error message",
    tags: ["knowledge-base", "search"],
    daysAgo: 13,
    likes: ["sam"],
    body: "Put the error text in quotes in the help center search. It finds the article that mentions it far more often than describing the problem in your own words.",
    replies: [
      { by: "priya", body: "And the community threads show up in the same search now, which helps for odd errors." },
      { by: "sam", body: "Good one." },
    ],
  },
  {
    category: "tips",
    by: "aiko",
    title: "Keep ticket numbers in your own incident notes",
    tags: ["tickets", "incidents"],
    daysAgo: 11,
    body: "When you open a follow-up, reference the earlier ticket number. Support sees the history immediately instead of asking you to repeat it.",
    replies: [
      {
        by: "jordan",
        body: '"Related ticket numbers" is literally on the list of helpful additions in the support guide. Underrated tip.',
      },
      { by: "pat", body: "We keep a shared sheet of open tickets per system for this." },
    ],
  },
  {
    category: "tips",
    by: "sam",
    title: "Set your priority by business impact, not frustration",
    tags: ["priority"],
    daysAgo: 7,
    likes: ["priya", "jordan"],
    body: `A rule of thumb that helped us: ${p(1)} means the service is down, data is lost or there's a security breach. Everything else is P2 to P4. Support re-prioritises anyway, so honest priorities get everyone faster help.`,
    replies: [
      {
        by: "alex",
        body: "From the support side: thank you. Honest priorities really do help us get to the real emergencies first.",
        likes: ["sam", "priya", "lena"],
      },
      { by: "marcus", body: "Our team had a habit of filing everything as P1. This thread is going in our wiki." },
    ],
  },
  {
    category: "tips",
    by: "lena",
    title: "Book live training for new team members",
    tags: ["training"],
    daysAgo: 5,
    body: `If you're on ${PLAN_NAMES.professional} or ${PLAN_NAMES.enterprise}, live training sessions are included. We book one per hiring wave and it cut our how-to tickets in half.`,
    replies: [
      { by: "erin", body: "Same experience here. The certification programme is good for admins too." },
      { by: "aiko", body: "Didn't know it was included, will ask our account owner." },
    ],
  },
  {
    category: "discussions",
    by: "pat",
    title: "How do you route TechFlow alerts to your on-call team?",
    tags: ["integrations", "incidents"],
    daysAgo: 29,
    body: "Curious what others use: PagerDuty, Opsgenie, plain email? We're reworking our alerting.",
    replies: [
      { by: "marcus", body: "Status page email updates into an Opsgenie email integration. Crude but reliable." },
      {
        by: "jordan",
        body: "Webhooks into PagerDuty here. We tag incidents with the ticket number so everything links up.",
        likes: ["pat"],
      },
      { by: "erin", body: "We call the phone line for anything that pages someone; faster than waiting on email." },
      { by: "pat", body: "Thanks all, lots of ideas." },
    ],
  },
  {
    category: "discussions",
    by: "jordan",
    title: "Was upgrading from Standard to Professional worth it for you?",
    tags: ["plans", "professional"],
    daysAgo: 18,
    likes: ["tomas"],
    body: `For us the deciding factor was response times: ${p(2)} goes from ${target(2, "standard")} on ${PLAN_NAMES.standard} to ${target(2, "professional")} on ${PLAN_NAMES.professional}, plus phone support. How did others decide?`,
    replies: [
      { by: "tomas", body: "Phone support alone was worth it for our non-technical staff.", likes: ["jordan"] },
      { by: "sam", body: "We're still on Standard; chat covers most of what we need. Might revisit when we grow." },
      {
        by: "erin",
        body: `We went straight to ${PLAN_NAMES.enterprise} for the ${formatUptime(SLA_UPTIME.enterprise)} SLA and the around-the-clock phone line.`,
      },
    ],
  },
  {
    category: "discussions",
    by: "aiko",
    title: "Feature wish: dark mode in the portal",
    tags: ["portal", "feature-request"],
    daysAgo: 10,
    body: "Anyone else want dark mode in the support portal? Our night shift would love it.",
    replies: [
      { by: "lena", body: "Yes please! Did you post it in Ideas so people can vote?", likes: ["aiko"] },
      { by: "morgan", body: "Please add it in [Ideas](/ideas): votes there go straight to the product team." },
      { by: "aiko", body: "Done, thanks." },
    ],
  },
  {
    category: "discussions",
    by: "marcus",
    title: "How do you document workarounds for your team?",
    tags: ["best-practices"],
    daysAgo: 4,
    body: "When support gives us a workaround, we lose it in email. How do you keep track?",
    replies: [
      {
        by: "priya",
        body: "We post them here as tips when they're general, and keep a wiki page per ticket otherwise.",
      },
      { by: "tomas", body: "A shared notebook per product area. Messy but searchable." },
      { by: "jordan", body: "Linking the ticket number in the wiki page is the key part for us." },
    ],
  },
  {
    category: "discussions",
    by: "erin",
    title: "What do you include in a post-incident review with TechFlow?",
    tags: ["incidents", "enterprise"],
    daysAgo: 1,
    body: "TechFlow offers root cause analysis and post-incident review meetings for major incidents. What do you bring to those meetings?",
    replies: [
      {
        by: "pat",
        body: "Our own timeline with timestamps and the business impact in numbers. It makes the conversation concrete.",
      },
      { by: "marcus", body: "A list of what we'd like to see earlier on the status page next time." },
    ],
  },
];

/** Later replies: the back-and-forth that makes threads read like a community (added after the first answers). */
const FOLLOW_UPS: Record<string, SeedReply[]> = {
  "Which priority should I choose when the dashboard is slow?": [
    {
      by: "sam",
      body: "Filed it as P2 with the user count. Support replied well within the target. Thanks everyone!",
      likes: ["priya"],
    },
    { by: "marcus", body: "Bookmarking this thread for the next time someone on my team asks." },
  ],
  "How fast does support respond to a Priority 1 ticket on the Professional plan?": [
    { by: "tomas", body: "Does the target count from when the ticket is created, or from when someone reads it?" },
    {
      by: "alex",
      body: `From when the ticket is created. ${targetCountingSentence()}`,
      likes: ["tomas", "pat"],
    },
  ],
  "When does a Priority 1 ticket get escalated to a senior engineer?": [
    { by: "lena", body: "That's clearer than our internal doc was. Updating it now." },
    {
      by: "aiko",
      body: "And Level 4 is management (VP of Support, CTO) for major incidents, in case anyone wondered who's at the top.",
    },
  ],
  "Can we ask for escalation ourselves, or do we have to wait?": [
    { by: "pat", body: "Good to know this differs by plan. We'll mention it in our renewal discussion." },
    { by: "erin", body: "Used it last week: mentioned it in the ticket and a senior engineer joined within the hour." },
  ],
  "Is phone support included in the Standard plan?": [
    { by: "lena", body: "If you need phone for a few key people only, ask sales about options; worth a conversation." },
  ],
  "What's the phone number for support, and is it open around the clock?": [
    { by: "marcus", body: "Saved in our on-call runbook. Thanks!" },
    { by: "tomas", body: "Handy that the mnemonic spells FLOW-TECH, easy to remember." },
  ],
  "What should I include in a ticket so support doesn't have to ask again?": [
    { by: "marcus", body: "We add a screen recording whenever steps are hard to describe. Support thanked us for it." },
    { by: "aiko", body: "Also: paste the exact error text, not a paraphrase. Search finds it that way too." },
  ],
  "How long will an email to support take on the Standard plan?": [
    { by: "tomas", body: "Good reminder that email isn't the place for emergencies." },
  ],
  "What uptime does the Enterprise SLA guarantee?": [
    {
      by: "jordan",
      body: "Procurement will also ask about GDPR: TechFlow's support processes are GDPR compliant and all communications are encrypted.",
    },
  ],
  "Our Salesforce integration stopped syncing: what priority is that?": [
    { by: "aiko", body: "Update: it was an expired token on our side. Support spotted it from the logs I attached." },
    { by: "priya", body: "Classic! Glad it was quick." },
  ],
  "Does the API have a sandbox for testing integrations?": [
    { by: "lena", body: "Also interested. The docs' integration guides might mention it." },
  ],
  "Tip: collect browser logs before you open a ticket": [
    { by: "aiko", body: "On a Mac it's Option+Command+I to open the developer tools." },
  ],
  "A ticket template that gets faster answers": [
    { by: "lena", body: "We put this template in our internal wiki. Thank you!" },
  ],
  "Use the status page before calling support": [{ by: "sam", body: "Bookmarked it on all our team laptops." }],
  "Search the knowledge base with the exact error message": [{ by: "marcus", body: "Works for threads here too." }],
  "Set your priority by business impact, not frustration": [
    { by: "tomas", body: "Our rule: if customers can't buy, it's P1. If staff are annoyed, it's P3." },
    { by: "jordan", body: "Nice summary." },
  ],
  "How do you route TechFlow alerts to your on-call team?": [
    { by: "aiko", body: "Slack channel fed by status page emails. Low tech, no missed updates so far." },
  ],
  "Was upgrading from Standard to Professional worth it for you?": [
    { by: "pat", body: "Faster P1 response was our reason. Worth it after one bad night." },
    { by: "lena", body: "Live training sessions being included tipped it for us." },
  ],
  "Feature wish: dark mode in the portal": [{ by: "tomas", body: "Voted!" }],
  "How do you document workarounds for your team?": [
    { by: "sam", body: "We tag them in our wiki with the product area so they're easy to find later." },
  ],
  "What do you include in a post-incident review with TechFlow?": [
    { by: "jordan", body: "Questions about monitoring gaps: what would have told us earlier." },
  ],
  "Welcome to the TechFlow Community: how it works": [
    { by: "erin", body: "Hello from Initech! Looking forward to learning from everyone." },
    { by: "aiko", body: "Hi all, Aiko here, I look after our TechFlow integrations." },
  ],
  "Scheduled maintenance windows are now on the status page": [
    {
      by: "morgan",
      body: "Thanks for asking about feeds: the status page already has an Atom feed, which most feed readers take, at /status/feed.atom. For anything else you'd like, add it to Ideas so others can vote.",
    },
  ],
};

for (const thread of SEED_THREADS) thread.replies.push(...(FOLLOW_UPS[thread.title] ?? []));
