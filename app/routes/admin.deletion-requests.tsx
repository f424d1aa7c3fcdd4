import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FormMessage } from "~/components/forms";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { optionalText } from "~/lib/form-intent";
import { isRefusal } from "~/lib/refusal";
import { confirmDeletion, pendingRequests } from "~/privacy/deletion.server";
import { withSeo } from "~/seo/meta";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** /admin/deletion-requests: administrators confirm customers' data deletion requests. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "users:delete-data");
  const pending = await pendingRequests();
  return data(
    {
      requests: pending.map((entry) => ({
        id: entry.id,
        requestedAt: entry.requestedAt.toISOString(),
        note: entry.note,
        name: entry.user?.name ?? "(unknown user)",
        email: entry.user?.email ?? "",
      })),
    },
    { headers: PRIVATE },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireCapability(request, "users:delete-data");
  const id = optionalText(await request.formData(), "requestId");
  if (!id) return data({ message: null, error: "No request chosen." }, { status: 400, headers: PRIVATE });
  let result;
  try {
    result = await confirmDeletion(staff, id);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data({ message: null, error: error.message }, { status: error.status, headers: PRIVATE });
  }
  const { moved } = result;
  return data(
    {
      message: `Deleted. ${moved.threads} threads, ${moved.posts} posts, ${moved.ideas} ideas and ${moved.ideaComments} comments now show “Deleted user”; ${result.sessionsRevoked} sessions revoked; ${result.ticketsKept} tickets kept until retention ends.`,
      error: null,
    },
    { headers: PRIVATE },
  );
}

export const meta: MetaFunction = withSeo(() => [{ title: "Deletion requests · Admin · TechFlow Help Center" }]);

export default function DeletionRequests() {
  const { requests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Data deletion requests</h1>
      {result?.message ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      {requests.length === 0 ? (
        <p>No requests are waiting.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
          {requests.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div>
                <p className="font-medium">
                  {entry.name} <span className="text-sm text-slate-600 dark:text-slate-300">{entry.email}</span>
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-300">
                  Asked {new Date(entry.requestedAt).toUTCString()}
                </p>
                {entry.note ? <p className="text-sm">“{entry.note}”</p> : null}
              </div>
              <Form method="post">
                <input type="hidden" name="requestId" value={entry.id} />
                <button type="submit" className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white">
                  Confirm deletion
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
