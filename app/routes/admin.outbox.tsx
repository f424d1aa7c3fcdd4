import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { prisma } from "~/lib/db.server";

/** Mail the site would have sent, when no SMTP server is configured (admins only). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const emails = await prisma.outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  return { emails: emails.map((email) => ({ ...email, createdAt: email.createdAt.toISOString() })) };
}

export const meta: MetaFunction = () => [{ title: "Outbox · Staff · TechFlow Help Center" }];

export default function Outbox() {
  const { emails } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-bold tracking-tight">Outbox</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">The newest 50 messages. Set SMTP_URL to deliver mail instead.</p>
      {emails.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">No mail yet.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {emails.map((email) => (
            <li key={email.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700" data-testid="outbox-email">
              <p className="text-sm text-slate-600 dark:text-slate-300">
                To <strong>{email.to}</strong> · {email.createdAt}
              </p>
              <p className="mt-1 font-semibold">{email.subject}</p>
              <pre className="mt-2 whitespace-pre-wrap break-words text-sm">{email.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
