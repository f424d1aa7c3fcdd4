import type { ContentKind } from "./schema";

export type Category = { slug: string; title: string; description: string };

/** Knowledge-base categories and docs sections, in the order the site lists them. */
export const CATEGORIES: Record<ContentKind, readonly Category[]> = {
  kb: [
    { slug: "getting-help", title: "Contacting support", description: "Email, phone, live chat and the support portal: which to use and when." },
    { slug: "tickets", title: "Tickets and priorities", description: "Choosing a priority, what to include, and how fast we answer." },
    { slug: "escalation", title: "Escalations and incidents", description: "How tickets move up, and what happens during a major incident." },
    { slug: "policies", title: "Plans, SLA and policies", description: "Uptime guarantees, data retention, privacy and after-hours cover." },
    { slug: "self-service", title: "Self-service and training", description: "Find answers yourself: knowledge base, community, docs, status and training." },
    { slug: "account", title: "Your help center account", description: "Signing in, passwords, your email address and your company's account." },
  ],
  docs: [
    { slug: "portal", title: "Using the support portal", description: "Submit, track and follow your tickets." },
    { slug: "community", title: "Community and ideas", description: "Ask the community and vote on feature requests." },
    { slug: "api", title: "API reference", description: "Search the help center from your own tools." },
  ],
  webinars: [{ slug: "recording", title: "On-demand recordings", description: "Past webinars to watch any time." }],
  training: [
    { slug: "course", title: "Courses", description: "Self-paced courses with a quiz and a certificate." },
    { slug: "lesson", title: "Lessons", description: "The lessons of a training course." },
  ],
};

export function findCategory(kind: ContentKind, slug: string): Category | undefined {
  return CATEGORIES[kind].find((category) => category.slug === slug);
}
