/** Votes shared by the seed and the tests, so both see the same popular pages. */
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
