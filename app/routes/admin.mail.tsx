import { parseForm } from "~/lib/form-parse";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireCapability } from "~/auth/guards.server";
import { FormMessage } from "~/components/forms";
import { discardUnmatched, fileForNewContact, linkUnmatched, listUnmatched } from "~/email/unmatched.server";
import { isRefusal } from "~/lib/refusal";
import { senderVerdictLabel } from "~/tickets/sender-verdicts";
import { firstError, formIntent } from "~/lib/form-intent";
import { EMAIL_TOPIC_LABELS, type EmailTopic } from "~/support/policy";
import { withSeo } from "~/seo/meta";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** /admin/mail: mail that reached no ticket (unknown or unverified senders…), for agents to file or discard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireCapability(request, "email:unmatched");
  return data({ mails: await listUnmatched(staff) }, { headers: PRIVATE });
}

const linkSchema = z.object({
  mailId: z.string({ required_error: "No mail chosen." }).min(1).max(40),
  email: z
    .string({ required_error: "Enter the address of a customer account member." })
    .trim()
    .email("Enter an email address.")
    .max(320),
});
const discardSchema = z.object({ mailId: z.string({ required_error: "No mail chosen." }).min(1).max(40) });
const contactSchema = z.object({
  mailId: z.string({ required_error: "No mail chosen." }).min(1).max(40),
  accountNumber: z
    .string({ required_error: "Enter the customer account's ID (TF-…)." })
    .trim()
    .regex(/^TF-\d{6}$/i, "An account ID looks like TF-100001.")
    .max(20),
  name: z.string({ required_error: "Enter the contact's name." }).trim().min(1, "Enter the contact's name.").max(120),
});

type Outcome = { ok: boolean; message: string };

async function answer(work: () => Promise<string>) {
  try {
    return data<Outcome>({ ok: true, message: await work() }, { headers: PRIVATE });
  } catch (error) {
    if (isRefusal(error))
      return data<Outcome>({ ok: false, message: error.message }, { status: error.status, headers: PRIVATE });
    throw error;
  }
}

function invalid(message: string) {
  return data<Outcome>({ ok: false, message }, { status: 400, headers: PRIVATE });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireCapability(request, "email:unmatched");
  const formData = await request.formData();
  const intent = formIntent(formData, ["link", "contact", "discard"] as const);
  if (intent === "link") {
    const submission = parseForm(formData, linkSchema);
    if (submission.status !== "success") return invalid(firstError(submission.reply(), "Check the form."));
    const { mailId, email } = submission.value;
    return answer(() => linkUnmatched(staff, mailId, email));
  }
  if (intent === "contact") {
    const submission = parseForm(formData, contactSchema);
    if (submission.status !== "success") return invalid(firstError(submission.reply(), "Check the form."));
    const { mailId, ...contact } = submission.value;
    return answer(() => fileForNewContact(staff, mailId, contact));
  }
  if (intent === "discard") {
    const submission = parseForm(formData, discardSchema);
    if (submission.status !== "success") return invalid("No mail chosen.");
    return answer(() => discardUnmatched(staff, submission.value.mailId));
  }
  return invalid("Unknown action.");
}

export const meta: MetaFunction = withSeo(() => [{ title: "Unmatched mail · Staff · TechFlow Help Center" }]);

export default function UnmatchedMail() {
  const { mails } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Unmatched mail</h1>
      <p className="text-slate-600 dark:text-slate-300">
        Mail to the support addresses that reached no ticket: the sender is not a verified customer address, a reply
        came from another address than the one it was sent to, or the sender check failed. File it as a ticket for a
        member of a customer account, for its sender as a new contact of an account, or discard it.
      </p>
      {result ? <FormMessage tone={result.ok ? "success" : "error"}>{result.message}</FormMessage> : null}
      {mails.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">
          No mail is waiting.
        </p>
      ) : (
        <ol className="space-y-4">
          {mails.map((mail) => (
            <li
              key={mail.id}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
              data-testid="unmatched-mail"
            >
              <p className="text-sm text-slate-600 dark:text-slate-300">
                From <strong>{mail.from}</strong> to {mail.to} ·{" "}
                {EMAIL_TOPIC_LABELS[mail.queue as EmailTopic] ?? mail.queue} queue · {mail.receivedAt}
              </p>
              <h2 className="mt-1 font-semibold">{mail.subject}</h2>
              <p className="mt-1 text-sm">
                <span className="font-medium">{senderVerdictLabel(mail.authResult) || "Sender not checked"}</span>
                {mail.note ? ` · ${mail.note}` : null}
              </p>
              <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-words text-sm">{mail.excerpt}</pre>
              {mail.attachments ? <p className="mt-1 text-sm">{mail.attachments} attachment(s)</p> : null}
              <div className="mt-3 flex flex-wrap items-end gap-3">
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="link" />
                  <input type="hidden" name="mailId" value={mail.id} />
                  <label className="text-sm">
                    <span className="block font-medium">Requester (customer account member)</span>
                    <input
                      name="email"
                      type="email"
                      required
                      defaultValue={mail.fromAddress}
                      className="mt-1 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                    />
                  </label>
                  <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white">
                    File as ticket
                  </button>
                </Form>
                {mail.authResult === "fail" ? null : (
                  <details className="w-full rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
                    <summary className="cursor-pointer font-medium">
                      File for {mail.fromAddress} as a new contact
                    </summary>
                    <p className="mt-1 text-slate-600 dark:text-slate-300">
                      The sender follows the ticket by mail. They see the account&apos;s plan and tickets on the site
                      only after an owner of the account approves them on the team page.
                    </p>
                    <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="contact" />
                      <input type="hidden" name="mailId" value={mail.id} />
                      <label>
                        <span className="block font-medium">Customer account ID</span>
                        <input
                          name="accountNumber"
                          required
                          placeholder="TF-100001"
                          pattern="[Tt][Ff]-[0-9]{6}"
                          className="mt-1 w-32 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                        />
                      </label>
                      <label>
                        <span className="block font-medium">Contact name</span>
                        <input
                          name="name"
                          required
                          maxLength={120}
                          defaultValue={mail.fromName || ""}
                          className="mt-1 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
                        />
                      </label>
                      <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white">
                        File for new contact
                      </button>
                    </Form>
                  </details>
                )}
                <Form method="post">
                  <input type="hidden" name="intent" value="discard" />
                  <input type="hidden" name="mailId" value={mail.id} />
                  <button
                    type="submit"
                    className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
                  >
                    Discard
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
