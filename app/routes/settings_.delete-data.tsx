import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FormMessage } from "~/components/forms";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { cancelOwnRequest, pendingRequestOf, requestDeletion } from "~/privacy/deletion.server";
import { formIntent, firstError } from "~/lib/form-intent";
import { isRefusal } from "~/lib/refusal";
import { DELETION_NOTE_MAX_LENGTH, deletionRequestSchema } from "~/privacy/schemas";
import { RETENTION, formatRetention } from "~/support/policy";
import { withSeo } from "~/seo/meta";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** /settings/delete-data: a customer asks for the deletion of their data; an administrator confirms it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const pending = await pendingRequestOf(user);
  const ticketRule = RETENTION.find((rule) => rule.record === "Support tickets");
  return data(
    {
      isMember: user.role === "member",
      pendingSince: pending?.requestedAt.toISOString() ?? null,
      ticketRetention: ticketRule ? formatRetention(ticketRule) : "",
      noteMax: DELETION_NOTE_MAX_LENGTH,
    },
    { headers: PRIVATE },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = formIntent(form, ["request", "cancel"]);
  if (intent === "cancel") {
    await cancelOwnRequest(user);
    return data({ message: "Your deletion request is withdrawn.", error: null }, { headers: PRIVATE });
  }
  if (intent !== "request") return data({ message: null, error: "Unknown action." }, { status: 400, headers: PRIVATE });
  const submission = parseForm(form, deletionRequestSchema);
  if (submission.status !== "success")
    return data({ message: null, error: firstError(submission, "Check the form.") }, { status: 400, headers: PRIVATE });
  try {
    await requestDeletion(user, submission.value.note);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data({ message: null, error: error.message }, { status: error.status, headers: PRIVATE });
  }
  return data(
    {
      message: "Your request is received. An administrator confirms it; until then you can withdraw it on this page.",
      error: null,
    },
    { headers: PRIVATE },
  );
}

export const meta: MetaFunction = withSeo(() => [{ title: "Delete my data · Settings · TechFlow Help Center" }]);

export default function DeleteData() {
  const { isMember, pendingSince, ticketRetention, noteMax } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Delete my data</h1>
      <p>When an administrator confirms your request:</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          your community posts, ideas and comments stay, shown as written by “Deleted user”: nothing in them points to
          you;
        </li>
        <li>your name, email address, username and profile are cleared and you are signed out everywhere;</li>
        <li>your support tickets are kept for the retention period ({ticketRetention}) and then deleted;</li>
        <li>your live chat transcripts are deleted (a chat an agent turned into a ticket stays in that ticket).</li>
      </ul>
      <p>
        You can first{" "}
        <Link to="/settings/export" reloadDocument className="text-sky-700 underline dark:text-sky-400">
          download a copy of your data
        </Link>
        .
      </p>
      {result?.message ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      {!isMember ? (
        <p>Staff accounts are removed by an administrator.</p>
      ) : pendingSince ? (
        <Form method="post" className="space-y-2">
          <p data-testid="deletion-pending">
            Your deletion request from {new Date(pendingSince).toUTCString()} is waiting for an administrator.
          </p>
          <button
            type="submit"
            name="intent"
            value="cancel"
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
          >
            Withdraw the request
          </button>
        </Form>
      ) : (
        <Form method="post" className="space-y-3">
          <label className="block text-sm">
            <span className="block">Anything we should know (optional)</span>
            <textarea
              name="note"
              maxLength={noteMax}
              rows={3}
              className="w-full rounded-md border border-slate-300 bg-white p-2 dark:border-slate-600 dark:bg-slate-900"
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="confirm" /> I want my data deleted. I understand this cannot be undone.
          </label>
          <button
            type="submit"
            name="intent"
            value="request"
            className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white"
          >
            Ask for deletion
          </button>
        </Form>
      )}
    </div>
  );
}
