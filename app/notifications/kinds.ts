/**
 * The kinds of notification, what members call them, and which ones can also arrive by email.
 * No imports: the settings page, the notification list and the server modules share one table.
 * In-app notifications are always on; email is per kind, with the default below when a member
 * never chose (no NotificationPreference row).
 */
export const NOTIFICATION_KINDS = {
  reply: { label: "Replies to threads you follow", emailLabel: "Replies to threads you started", emailByDefault: true },
  mention: { label: "Mentions of your @username", emailLabel: "When someone @mentions you", emailByDefault: true },
  accepted: { label: "Your answer was accepted", emailLabel: null, emailByDefault: false },
  like: { label: "Likes on your posts", emailLabel: null, emailByDefault: false },
  "answer-reminder": {
    label: "Reminders to accept an answer to your question",
    emailLabel: "A reminder when your question has replies but no accepted answer after 3 days",
    emailByDefault: true,
  },
  digest: {
    label: "Daily digest",
    emailLabel: "Daily digest of new threads in categories you follow",
    emailByDefault: true,
  },
  idea: {
    label: "Status changes and staff comments on ideas you follow",
    emailLabel: "Status changes and staff comments on ideas you voted for or follow",
    emailByDefault: true,
  },
  ticket: { label: "Replies, escalations and alerts on support tickets", emailLabel: null, emailByDefault: false },
} as const satisfies Record<string, { label: string; emailLabel: string | null; emailByDefault: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

/** Kinds a member can get by email (and so unsubscribe from), in the order the settings page lists them. */
export const EMAIL_KINDS = [
  "reply",
  "mention",
  "answer-reminder",
  "digest",
  "idea",
] as const satisfies readonly NotificationKind[];
export type EmailKind = (typeof EMAIL_KINDS)[number];

export function isEmailKind(value: unknown): value is EmailKind {
  return typeof value === "string" && (EMAIL_KINDS as readonly string[]).includes(value);
}

/** Notifications on one page of /notifications. */
export const NOTIFICATIONS_PER_PAGE = 30;

/** The follow states of a thread or category as the follow button shows and posts them ("none" removes the row). */
export const FOLLOW_STATES = ["following", "muted", "none"] as const;
export type FollowState = (typeof FOLLOW_STATES)[number];

/** A shown count: "99+" past 99, so the bell keeps its size. */
export function badgeCount(count: number): string {
  return count > 99 ? "99+" : String(count);
}
