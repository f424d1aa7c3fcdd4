/**
 * What each weekly live session is about, and where to join it. The topics rotate week by
 * week (by the session's date), so every visitor and every calendar file names the same topic.
 */
export const LIVE_WEBINAR_TOPICS = [
  {
    title: "Getting the most from the support portal",
    topic: "A tour of the portal: submitting and tracking tickets, notifications and the status page.",
  },
  {
    title: "Writing a support request that gets solved fast",
    topic: "What to put in a request so an engineer can start right away, with live log and trace demos.",
  },
  {
    title: "Escalations and major incidents explained",
    topic: "How tickets move up the escalation levels and how we run and review major incidents.",
  },
  { title: "Ask us anything", topic: "An open session: bring your questions about TechFlow and our support." },
] as const;

/**
 * The webinar room. Placeholder until the events team publishes the room's address; every
 * page and calendar file reads it from here, so it changes in one place.
 */
export const LIVE_WEBINAR_JOIN_URL = "https://events.techflowsolutions.com/weekly-webinar";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
// A Tuesday; weeks are counted from here so the rotation never depends on the current date.
const ROTATION_EPOCH = Date.UTC(2026, 0, 6);

/** The title and topic of the session on `localDate` (YYYY-MM-DD in the webinar's own zone). */
export function liveSessionTopic(localDate: string) {
  const [year, month, day] = localDate.split("-").map(Number);
  const weeks = Math.floor((Date.UTC(year, month - 1, day) - ROTATION_EPOCH) / WEEK_MS);
  const count = LIVE_WEBINAR_TOPICS.length;
  return LIVE_WEBINAR_TOPICS[((weeks % count) + count) % count];
}
