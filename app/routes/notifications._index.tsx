import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { FormMessage } from "~/components/forms";
import { formIntent } from "~/lib/form-intent";
import { NotificationList } from "~/components/notifications/notification-list";
import { listNotifications, markAllRead } from "~/notifications/notify.server";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [
  { title: "Notifications · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

/** /notifications: the member's notifications, newest first, 30 a page (?page=2). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const requested = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  return data(await listNotifications(user.id, page), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (formIntent(await request.formData(), ["mark-all-read"]) !== "mark-all-read")
    return data({ message: "Unknown action." }, { status: 400 });
  const count = await markAllRead(user.id);
  return {
    message:
      count === 0 ? "Nothing was unread." : `Marked ${count} ${count === 1 ? "notification" : "notifications"} read.`,
  };
}

export default function NotificationsPage() {
  const { notifications, page, pageCount, total, unread } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const marking =
    navigation.state !== "idle" &&
    navigation.formData !== undefined &&
    formIntent(navigation.formData, ["mark-all-read"]) === "mark-all-read";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Notifications</h1>
          <p className="mt-1 text-slate-600 dark:text-slate-300" data-testid="unread-summary">
            {unread === 0 ? "You are all caught up." : `${unread} unread`}
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <Link to="/settings/notifications" className="text-sky-700 underline dark:text-sky-400">
            Email settings
          </Link>
          {unread > 0 ? (
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="mark-all-read"
                disabled={marking}
                className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
              >
                {marking ? "Working…" : "Mark all read"}
              </button>
            </Form>
          ) : null}
        </div>
      </header>
      {answer?.message ? <FormMessage tone="success">{answer.message}</FormMessage> : null}
      {total === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600 dark:border-slate-700 dark:text-slate-300">
          No notifications yet. Replies to threads you follow, mentions of you, likes and accepted answers show up here.{" "}
          <Link to="/community" className="text-sky-700 underline dark:text-sky-400">
            Visit the community
          </Link>
          .
        </p>
      ) : (
        <NotificationList notifications={notifications} />
      )}
      {pageCount > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link
              to={page === 2 ? "/notifications" : `/notifications?page=${page - 1}`}
              rel="prev"
              className="text-sky-700 underline dark:text-sky-400"
            >
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link
              to={`/notifications?page=${page + 1}`}
              rel="next"
              className="text-sky-700 underline dark:text-sky-400"
            >
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
