import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { listAuditLog } from "~/audit/audit.server";
import { AdminTable } from "~/components/admin-table";
import { withSeo } from "~/seo/meta";

const SUBJECT_TYPES = ["post", "thread", "user", "idea"] as const;

/** "post:12", "thread:4", "user:ck…": a subject filter from the address bar; anything else is no filter. */
function parseSubject(value: string | null): { subjectType?: string; subjectId?: string } {
  const match = /^([a-z]+):([A-Za-z0-9_-]{1,64})$/.exec((value ?? "").trim());
  if (!match || !(SUBJECT_TYPES as readonly string[]).includes(match[1])) return {};
  return { subjectType: match[1], subjectId: match[2] };
}

/** Staff read who did what to which post, thread or member, when and why. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "audit:view");
  const url = new URL(request.url);
  const subject = parseSubject(url.searchParams.get("subject"));
  const page = Number(url.searchParams.get("page") ?? "1");
  const log = await listAuditLog(user, { ...subject, page: Number.isInteger(page) && page > 0 ? page : 1 });
  return {
    subject: subject.subjectType ? `${subject.subjectType}:${subject.subjectId}` : "",
    filterIgnored: !!url.searchParams.get("subject") && !subject.subjectType,
    log: log ?? { entries: [], total: 0, page: 1, pageCount: 1 },
  };
}

export const meta: MetaFunction = withSeo(() => [{ title: "Audit log · Staff · TechFlow Help Center" }]);

function subjectLink(type: string, id: string) {
  if (type === "thread") return `/community/t/${id}`;
  return null;
}

export default function AdminAudit() {
  const { subject, filterIgnored, log } = useLoaderData<typeof loader>();
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ ...(subject ? { subject } : {}), page: String(page) }).toString()}`;
  return (
    <div className="max-w-6xl">
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Every moderator action: who, what, when and why. Newest first.
      </p>
      <Form method="get" className="mt-4 flex max-w-lg gap-2" role="search">
        <label htmlFor="audit-subject" className="sr-only">
          Subject (for example post:12, thread:4 or user:ID)
        </label>
        <input
          id="audit-subject"
          name="subject"
          defaultValue={subject}
          placeholder="post:12, thread:4 or user:ID"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        />
        <button type="submit" className="rounded-md bg-sky-700 px-4 font-medium text-white">
          Filter
        </button>
        {subject ? (
          <Link to="/admin/audit" className="self-center text-sm text-sky-700 underline dark:text-sky-400">
            Show all
          </Link>
        ) : null}
      </Form>
      {filterIgnored ? (
        <p className="mt-2 text-sm text-amber-800 dark:text-amber-200">
          Write the subject as type:id, for example post:12 or thread:4; showing everything.
        </p>
      ) : null}
      {log.entries.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">
          No moderator actions {subject ? `on ${subject}` : "yet"}.
        </p>
      ) : (
        <AdminTable
          caption="Moderator actions, newest first"
          columns={["When (UTC)", "Who", "What", "Subject", "Why", "Details"]}
        >
          {log.entries.map((entry) => {
            const link = subjectLink(entry.subjectType, entry.subjectId);
            return (
              <tr
                key={entry.id}
                className="border-b border-slate-200 align-top dark:border-slate-800"
                data-testid="audit-row"
              >
                <td className="py-2 pr-3 whitespace-nowrap">
                  <time dateTime={entry.at}>{entry.at.slice(0, 19).replace("T", " ")}</time>
                </td>
                <td className="py-2 pr-3">{entry.actor.name}</td>
                <td className="py-2 pr-3 font-mono">{entry.action}</td>
                <td className="py-2 pr-3">
                  <Link
                    to={`?subject=${entry.subjectType}:${entry.subjectId}`}
                    className="text-sky-700 underline dark:text-sky-400"
                  >
                    {entry.subjectType}:{entry.subjectId}
                  </Link>
                  {link ? (
                    <>
                      {" "}
                      (
                      <Link to={link} className="underline">
                        open
                      </Link>
                      )
                    </>
                  ) : null}
                </td>
                <td className="py-2 pr-3">{entry.reason || <span className="text-slate-500">(none given)</span>}</td>
                <td className="py-2 font-mono text-xs break-all">{JSON.stringify(entry.details)}</td>
              </tr>
            );
          })}
        </AdminTable>
      )}
      {log.pageCount > 1 ? (
        <nav aria-label="Audit log pages" className="mt-4 flex gap-3 text-sm">
          {log.page > 1 ? <Link to={pageLink(log.page - 1)}>← Newer</Link> : null}
          <span>
            Page {log.page} of {log.pageCount}
          </span>
          {log.page < log.pageCount ? <Link to={pageLink(log.page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
