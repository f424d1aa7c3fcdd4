import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { forwardHeaders } from "~/lib/headers";
import { readOutbox } from "~/lib/mailer.server";
import { isOutboxStatus, OUTBOX_STATUSES, type OutboxStatus } from "~/lib/outbox-status";
import { withSeo } from "~/seo/meta";

const SHOWN = 50;

const STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "Pending",
  held: "Held (no SMTP)",
  sent: "Sent",
  failed: "Failed",
};

/** Every email the site writes, and what the send-mail job did with it (admins only: it shows reset links). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "outbox:view");
  const requested = new URL(request.url).searchParams.get("status");
  if (requested !== null && !isOutboxStatus(requested)) {
    throw data(
      { message: `Unknown status "${requested.slice(0, 40)}". Use one of: ${OUTBOX_STATUSES.join(", ")}.` },
      { status: 400 },
    );
  }
  const outbox = await readOutbox({ status: requested ?? undefined, limit: SHOWN });
  return data({ ...outbox, status: requested }, { headers: { "Cache-Control": "no-store" } });
}

export const headers = forwardHeaders;

export const meta: MetaFunction = withSeo(() => [{ title: "Outbox · Staff · TechFlow Help Center" }]);

export default function Outbox() {
  const { emails, counts, status } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold tracking-tight">Outbox</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        Every email the site sends is written here first; the{" "}
        <Link className="text-sky-700 underline dark:text-sky-400" to="/admin/jobs">
          send-mail job
        </Link>{" "}
        delivers it through SMTP when SMTP_URL is set, and holds it here when not.
      </p>
      <nav aria-label="Filter by status" className="mt-4 flex flex-wrap gap-2 text-sm">
        <FilterLink to="/admin/outbox" current={status === null}>
          All
        </FilterLink>
        {OUTBOX_STATUSES.map((value) => (
          <FilterLink key={value} to={`/admin/outbox?status=${value}`} current={status === value}>
            {STATUS_LABELS[value]} ({counts[value]})
          </FilterLink>
        ))}
      </nav>
      {emails.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">
          No mail{status ? " with this status" : " yet"}.
        </p>
      ) : (
        <ol className="mt-6 space-y-4">
          {emails.map((email) => (
            <li
              key={email.id}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
              data-testid="outbox-email"
            >
              <p className="text-sm text-slate-600 dark:text-slate-300">
                To <strong>{email.to}</strong> · {email.createdAt}
              </p>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600 dark:text-slate-300">
                <dt>From</dt>
                <dd className="break-all">{email.from}</dd>
                {email.replyTo ? (
                  <>
                    <dt>Reply-To</dt>
                    <dd className="break-all">{email.replyTo}</dd>
                  </>
                ) : null}
                <dt>Message-ID</dt>
                <dd className="break-all">{email.messageId || "(made when sent)"}</dd>
                {email.inReplyTo ? (
                  <>
                    <dt>In-Reply-To</dt>
                    <dd className="break-all">{email.inReplyTo}</dd>
                  </>
                ) : null}
              </dl>
              <p className="mt-1 font-semibold">{email.subject}</p>
              <p className="mt-1 text-sm" data-testid="outbox-status">
                <span className="font-medium">{STATUS_LABELS[email.status]}</span>
                {email.status === "sent" && email.sentAt ? ` at ${email.sentAt}` : null}
                {email.attempts > 0 ? ` · ${email.attempts} ${email.attempts === 1 ? "attempt" : "attempts"}` : null}
                {email.status === "pending" && email.attempts > 0 ? ` · next try ${email.nextAttemptAt}` : null}
              </p>
              {email.lastError ? (
                <p className="mt-1 text-sm text-red-700 dark:text-red-400">Last error: {email.lastError}</p>
              ) : null}
              <pre className="mt-2 whitespace-pre-wrap break-words text-sm">{email.text}</pre>
              {email.calendar ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm font-medium">Calendar invitation (invite.ics)</summary>
                  <pre className="mt-1 whitespace-pre-wrap break-all text-xs">{email.calendar}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function FilterLink({ to, current, children }: { to: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      to={to}
      aria-current={current ? "page" : undefined}
      className={`rounded-full border px-3 py-1 ${current ? "border-sky-700 bg-sky-700 text-white" : "border-slate-300 text-sky-700 underline dark:border-slate-600 dark:text-sky-400"}`}
    >
      {children}
    </Link>
  );
}
