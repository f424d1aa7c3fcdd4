import { Link } from "@remix-run/react";
import { LocalTime } from "~/components/local-time";

export type NotificationItem = { id: string; kind: string; title: string; count: number; read: boolean; at: string };

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
            <span className="mt-1 w-20 shrink-0 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
              {KIND_MARK[item.kind] ?? item.kind}
            </span>
            <span className="min-w-0 flex-1">
              <span className={item.read ? "" : "font-semibold"}>{item.title}</span>
              {item.read ? null : <span className="sr-only"> (unread)</span>}
              <span className="block text-sm text-slate-500 dark:text-slate-400">
                <LocalTime iso={item.at} />
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
