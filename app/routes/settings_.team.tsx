import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { decideJoinRequest, inviteMember, teamOverview } from "~/auth/account-membership.server";
import { requireUser } from "~/auth/guards.server";
import { inviteSchema, teamSchema } from "~/auth/membership-schemas";
import { formReply, type FormReply } from "~/auth/responses.server";
import { isRefusal, refusalHeaders } from "~/lib/refusal";
import { ErrorSummary, Field, FormMessage, SubmitButton, useServerErrorFocus } from "~/components/forms";
import { forwardHeaders } from "~/lib/headers";
import { withSeo } from "~/seo/meta";

/** /settings/team: who belongs to the user's customer account; owners invite colleagues and answer join requests. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const team = await teamOverview(user);
  if (!team) return { team: null };
  return {
    team: {
      accountName: team.account.name,
      accountNumber: team.account.accountNumber,
      canManage: team.canManage,
      members: team.members.map((member) => ({
        id: member.id,
        name: member.name,
        email: member.email,
        owner: member.accountRole === "owner",
      })),
      requests: team.requests.map((entry) => ({
        id: entry.id,
        name: entry.user.name,
        email: entry.user.email,
        createdAt: entry.createdAt.toISOString(),
      })),
      invitations: team.invitations.map((entry) => ({ email: entry.email, expiresAt: entry.expiresAt.toISOString() })),
    },
  };
}

/** What the page shows after a post: the invite form's own result, a saved note, or a problem with a request. */
type TeamAnswer = { result?: FormReply; saved?: string; problem?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: teamSchema });
  if (submission.status !== "success") {
    if (submission.payload.intent === "invite")
      return data<TeamAnswer>({ result: formReply(submission) }, { status: 400 });
    return data<TeamAnswer>(
      { problem: Object.values(submission.error ?? {}).flat()[0] ?? "Unknown team action." },
      { status: 400 },
    );
  }
  if (!user.account) return data<TeamAnswer>({ problem: "You are not part of a customer account." }, { status: 403 });
  const input = submission.value;
  const invite = input.intent === "invite";
  try {
    const saved =
      input.intent === "invite"
        ? await inviteMember(user, user.account.id, input.email)
        : await decideJoinRequest(user, input.requestId, input.decision);
    return data<TeamAnswer>({ saved });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data<TeamAnswer>(
      invite ? { result: formReply(submission, { form: error.message }) } : { problem: error.message },
      { status: error.status, headers: refusalHeaders(error) },
    );
  }
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Your team · Settings · TechFlow Help Center" }]);

export default function Team() {
  const { team } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "invite",
    lastResult: answer?.result,
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  useServerErrorFocus(form, answer?.result);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header>
        <p className="text-sm">
          <Link to="/settings" className="text-sky-700 underline dark:text-sky-400">
            Settings
          </Link>
        </p>
        <h1 className="text-3xl font-bold tracking-tight">Your team</h1>
      </header>
      {answer?.saved ? <FormMessage tone="success">{answer.saved}</FormMessage> : null}
      {answer?.problem ? <FormMessage tone="error">{answer.problem}</FormMessage> : null}
      {!team ? (
        <p>You are not part of a customer account. Ask your company’s account owner to invite you.</p>
      ) : (
        <>
          <section aria-labelledby="members-heading">
            <h2 id="members-heading" className="text-xl font-semibold">
              {team.accountName} ({team.accountNumber})
            </h2>
            <ul
              className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
              data-testid="members"
            >
              {team.members.map((member) => (
                <li key={member.id} className="p-3">
                  {member.name} · {member.email}
                  {member.owner ? " · owner" : ""}
                </li>
              ))}
            </ul>
          </section>
          {team.canManage ? (
            <>
              <section aria-labelledby="requests-heading">
                <h2 id="requests-heading" className="text-xl font-semibold">
                  Requests to join
                </h2>
                {team.requests.length === 0 ? (
                  <p className="mt-2 text-slate-600 dark:text-slate-300">No pending requests.</p>
                ) : (
                  <ul
                    className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
                    data-testid="join-requests"
                  >
                    {team.requests.map((entry) => (
                      <li key={entry.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                        <span>
                          {entry.name} · {entry.email}
                        </span>
                        <Form method="post" className="flex gap-2">
                          <input type="hidden" name="intent" value="decide" />
                          <input type="hidden" name="requestId" value={entry.id} />
                          <button
                            type="submit"
                            name="decision"
                            value="approve"
                            className="rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white"
                          >
                            Approve<span className="sr-only"> {entry.email}</span>
                          </button>
                          <button
                            type="submit"
                            name="decision"
                            value="decline"
                            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
                          >
                            Decline<span className="sr-only"> {entry.email}</span>
                          </button>
                        </Form>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby="invite-heading" className="space-y-3">
                <h2 id="invite-heading" className="text-xl font-semibold">
                  Invite a colleague
                </h2>
                {team.invitations.length > 0 ? (
                  <p className="text-sm text-slate-600 dark:text-slate-300">
                    Invited, not yet accepted: {team.invitations.map((entry) => entry.email).join(", ")}
                  </p>
                ) : null}
                <Form method="post" {...getFormProps(form)} className="space-y-4">
                  <ErrorSummary form={form} />
                  <input type="hidden" name="intent" value="invite" />
                  <Field
                    label="Colleague’s work email"
                    field={fields.email}
                    type="email"
                    autoComplete="off"
                    hint="They get a link that works only for this address, for 7 days."
                  />
                  <SubmitButton pending={pending}>Send invitation</SubmitButton>
                </Form>
              </section>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
