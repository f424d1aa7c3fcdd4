import { Link } from "@remix-run/react";
import { RelativeTime } from "~/components/forum/relative-time";

export type NotificationItem = {
  id: string;
  kind: string;
  title: string;
  /** The start of the post or reply it is about; "" for notifications written before excerpts were kept. */
  excerpt: string;
  count: number;
  read: boolean;
  at: string;
};

const KIND_MARK: Record<string, string> = {
  reply: "Reply",
  mention: "Mention",
  accepted: "Accepted",
  like: "Like",
  digest: "Digest",
};

/** The /notifications list: each item opens through /notifications/<id>, which marks it read. */
export function NotificationList({ notifications }: { notifications: NotificationItem[] }) {
  return (
    <ul
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
      data-testid="notifications"
    >
      {notifications.map((item) => (
        <li
          key={item.id}
          data-unread={item.read ? undefined : ""}
          className={item.read ? "" : "bg-sky-50 dark:bg-sky-950/40"}
        >
          <Link
            to={`/notifications/${item.id}`}
            className="flex items-start gap-3 p-4 hover:bg-slate-50 dark:hover:bg-slate-900"
          >
            {/* slate-600 keeps 4.5:1 on the unread rows' tint too (slate-500 did not). */}
            <span className="mt-1 w-20 shrink-0 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
              {KIND_MARK[item.kind] ?? item.kind}
            </span>
            <span className="min-w-0 flex-1">
              <span className={item.read ? "" : "font-semibold"}>{item.title}</span>
              {item.read ? null : <span className="sr-only"> (unread)</span>}
              {item.excerpt ? (
                <span className="mt-0.5 line-clamp-2 block text-sm text-slate-700 dark:text-slate-300">
                  {item.excerpt}
                </span>
              ) : null}
              <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">
                <RelativeTime iso={item.at} />
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
