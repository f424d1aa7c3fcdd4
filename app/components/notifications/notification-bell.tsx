import { Link, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";

/** Keep in step with app/notifications/kinds.ts badgeCount (components import no server code). */
function shown(count: number) {
  return count > 99 ? "99+" : String(count);
}

/**
 * The header's bell for signed-in members. The unread count is fetched by the browser from
 * /notifications/count (on load, after each navigation and when the tab regains focus), so pages
 * stay identical for everyone and the page cache keeps working. Without JavaScript it is a plain link.
 */
export function NotificationBell() {
  const { pathname, search } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () => {
      fetch("/notifications/count", { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((response) => (response.ok ? (response.json() as Promise<{ unread: number }>) : null))
        .then((body) => {
          if (!cancelled && body && typeof body.unread === "number") setUnread(body.unread);
        })
        .catch(() => {
          // Offline or the server restarting: the bell keeps its last number.
        });
    };
    load();
    const onFocus = () => {
      if (document.visibilityState === "visible") load();
    };
    document.addEventListener("visibilitychange", onFocus);
    return () => {
      cancelled = true;
      document.removeEventListener("visibilitychange", onFocus);
    };
  }, [pathname, search]);

  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <Link
      to="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex items-center rounded-md p-1 hover:bg-slate-100 dark:hover:bg-slate-800"
      data-testid="notification-bell"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread ? (
        <span
          className="absolute -right-1.5 -top-1 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[0.7rem] font-bold leading-[1.1rem] text-white"
          data-testid="notification-count"
        >
          {shown(unread)}
        </span>
      ) : null}
    </Link>
  );
}
