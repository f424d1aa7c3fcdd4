import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { STAFF_ROLES } from "~/auth/roles";
import { prisma } from "~/lib/db.server";
import { PLAN_NAMES, PLANS, type Plan } from "~/support/policy";

/** Staff look up a customer's account and plan before answering them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().toLowerCase().slice(0, 100);
  const users = await prisma.user.findMany({
    where: query ? { OR: [{ email: { contains: query } }, { name: { contains: query } }, { account: { accountNumber: { contains: query.toUpperCase() } } }] } : {},
    select: { id: true, name: true, email: true, role: true, emailVerifiedAt: true, account: { select: { name: true, accountNumber: true, plan: true } } },
    orderBy: { email: "asc" },
    take: 50,
  });
  return {
    query,
    isAdmin: user.role === "admin",
    users: users.map((entry) => ({
      ...entry,
      emailVerifiedAt: entry.emailVerifiedAt?.toISOString() ?? null,
      planName: entry.account && (PLANS as readonly string[]).includes(entry.account.plan) ? PLAN_NAMES[entry.account.plan as Plan] : null,
    })),
  };
}

export const meta: MetaFunction = () => [{ title: "Users · Staff · TechFlow Help Center" }];

export default function AdminUsers() {
  const { query, users, isAdmin } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold tracking-tight">Users and accounts</h1>
      {isAdmin ? (
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
        <input id="user-search" name="q" defaultValue={query} placeholder="Email, name or account ID" className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900" />
        <button type="submit" className="rounded-md bg-sky-700 px-4 font-medium text-white">
          Find
        </button>
      </Form>
      {users.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">No users match “{query}”.</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th scope="col" className="py-2 pr-4">Name</th>
                <th scope="col" className="py-2 pr-4">Email</th>
                <th scope="col" className="py-2 pr-4">Role</th>
                <th scope="col" className="py-2 pr-4">Account</th>
                <th scope="col" className="py-2 pr-4">Plan</th>
              </tr>
            </thead>
            <tbody>
              {users.map((entry) => (
                <tr key={entry.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="py-2 pr-4">{entry.name}</td>
                  <td className="py-2 pr-4">
                    {entry.email}
                    {entry.emailVerifiedAt ? null : <span className="ml-1 text-xs text-amber-700 dark:text-amber-300">(unconfirmed)</span>}
                  </td>
                  <td className="py-2 pr-4">{entry.role}</td>
                  <td className="py-2 pr-4">{entry.account ? `${entry.account.name} (${entry.account.accountNumber})` : "—"}</td>
                  <td className="py-2 pr-4">{entry.planName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
