import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { attachUserToAccount } from "~/auth/account-membership.server";
import { requireCapability } from "~/auth/guards.server";
import { attachUserSchema } from "~/auth/membership-schemas";
import { can } from "~/auth/permissions";
import { listUsersForStaff } from "~/auth/users.server";
import { isRefusal } from "~/lib/refusal";
import { AdminTable } from "~/components/admin-table";
import { withSeo } from "~/seo/meta";

/** Staff look up a customer's account and plan before answering them, and attach people to accounts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "users:view");
  const listing = await listUsersForStaff(user, new URL(request.url).searchParams.get("q") ?? "");
  return {
    query: listing?.query ?? "",
    users: listing?.users ?? [],
    canReadOutbox: can(user, "outbox:view"),
    canAttach: can(user, "users:attach-to-account"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "users:attach-to-account");
  const submission = parseWithZod(await request.formData(), { schema: attachUserSchema });
  if (submission.status !== "success")
    return data(
      { ok: false as const, message: Object.values(submission.error ?? {}).flat()[0] ?? "Check the form." },
      { status: 400 },
    );
  try {
    const { userId, accountNumber, accountRole } = submission.value;
    return { ok: true as const, message: await attachUserToAccount(user, userId, accountNumber, accountRole) };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data({ ok: false as const, message: error.message }, { status: error.status });
  }
}

export const meta: MetaFunction = withSeo(() => [{ title: "Users · Staff · TechFlow Help Center" }]);

export default function AdminUsers() {
  const { query, users, canReadOutbox, canAttach } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold tracking-tight">Users and accounts</h1>
      {outcome ? (
        <p
          role="status"
          className={`mt-4 rounded-md border p-3 ${outcome.ok ? "border-emerald-300 bg-emerald-50 dark:bg-emerald-950" : "border-red-300 bg-red-50 dark:bg-red-950"}`}
        >
          {outcome.message}
        </p>
      ) : null}
      {canReadOutbox ? (
        <p className="mt-2">
          <Link className="text-sky-700 underline dark:text-sky-400" to="/admin/outbox">
            Outbox
          </Link>
        </p>
      ) : null}
      <Form method="get" className="mt-4 flex max-w-lg gap-2" role="search">
        <label htmlFor="user-search" className="sr-only">
          Find a user by email, name or account ID
        </label>
        <input
          id="user-search"
          name="q"
          defaultValue={query}
          placeholder="Email, name or account ID"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        />
        <button type="submit" className="rounded-md bg-sky-700 px-4 font-medium text-white">
          Find
        </button>
      </Form>
      {users.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">
          No users match “{query}”.
        </p>
      ) : (
        <AdminTable columns={["Name", "Email", "Role", "Account", "Plan", canAttach ? "Attach to account" : null]}>
          {users.map((entry) => (
            <tr key={entry.id} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-2 pr-4">{entry.name}</td>
              <td className="py-2 pr-4">
                {entry.email}
                {entry.emailVerifiedAt ? null : (
                  <span className="ml-1 text-xs text-amber-700 dark:text-amber-300">(unconfirmed)</span>
                )}
              </td>
              <td className="py-2 pr-4">{entry.role}</td>
              <td className="py-2 pr-4">
                {entry.account
                  ? `${entry.account.name} (${entry.account.accountNumber})${entry.accountRole === "owner" ? " · owner" : ""}`
                  : "—"}
              </td>
              <td className="py-2 pr-4">{entry.planName ?? "—"}</td>
              {canAttach ? (
                <td className="py-2 pr-4">
                  <Form
                    method="post"
                    className="flex flex-wrap items-center gap-1"
                    aria-label={`Attach ${entry.email} to a customer account`}
                  >
                    <input type="hidden" name="userId" value={entry.id} />
                    <label className="sr-only" htmlFor={`account-${entry.id}`}>
                      Account ID for {entry.email}
                    </label>
                    <input
                      id={`account-${entry.id}`}
                      name="accountNumber"
                      required
                      pattern="TF-[0-9]{6}"
                      placeholder="TF-100042"
                      defaultValue={entry.account?.accountNumber}
                      className="w-28 rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                    />
                    <label className="sr-only" htmlFor={`role-${entry.id}`}>
                      Role in the account for {entry.email}
                    </label>
                    <select
                      id={`role-${entry.id}`}
                      name="accountRole"
                      defaultValue={entry.accountRole ?? "member"}
                      className="rounded border border-slate-300 px-1 py-1 dark:border-slate-600 dark:bg-slate-900"
                    >
                      <option value="member">member</option>
                      <option value="owner">owner</option>
                    </select>
                    <button
                      type="submit"
                      className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
                    >
                      Attach
                    </button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
        </AdminTable>
      )}
    </div>
  );
}
