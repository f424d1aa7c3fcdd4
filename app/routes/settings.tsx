import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { pendingJoinRequestCount } from "~/auth/account-membership.server";
import { changePassword } from "~/auth/accounts.server";
import { clearedSessionCookie } from "~/auth/cookie.server";
import { describeDevice } from "~/auth/device";
import { describeLocation } from "~/auth/location";
import { requireSession } from "~/auth/guards.server";
import { formReply, type FormReply } from "~/auth/responses.server";
import { changePasswordSchema, profileSchema, settingsSchema, type SettingsInput, type SettingsIntent } from "~/auth/schemas";
import { getProfile, listSessions, revokeSession, signOutEverywhere, updateProfile } from "~/auth/users.server";
import { ErrorSummary, Field, FormMessage, NewPasswordField, PasswordField, SubmitButton, TextAreaField, useServerErrorFocus } from "~/components/forms";
import { PlanSummary } from "~/components/plan-summary";
import { ViewerTime } from "~/components/viewer-time";
import { forwardHeaders } from "~/lib/headers";
import { PLAN_NAMES } from "~/support/policy";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const profile = await getProfile(session.user);
  const sessions = await listSessions(session);
  const account = session.user.account;
  return {
    profile,
    account: account ? { name: account.name, accountNumber: account.accountNumber, plan: account.plan, planName: PLAN_NAMES[account.plan], isOwner: account.role === "owner", pendingRequests: await pendingJoinRequestCount(session.user) } : null,
    // This device first, then the others by when they were last seen.
    sessions: [...sessions].sort((a, b) => Number(b.current) - Number(a.current)).map((entry) => ({
      id: entry.id,
      device: describeDevice(entry.userAgent),
      location: describeLocation(entry.location),
      lastSeenAt: entry.lastSeenAt.toISOString(),
      createdAt: entry.createdAt.toISOString(),
      current: entry.current,
    })),
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
  };
}

/** What the page shows after a post: the posting form's own result, a saved note, or a problem. */
type SettingsAnswer = { intent: SettingsIntent | null; result?: FormReply; saved?: string; problem?: string };

function answer(body: SettingsAnswer, status = 200) {
  return data(body, { status });
}

const SETTINGS_INTENTS: readonly SettingsIntent[] = settingsSchema.options.map((option) => option.shape.intent.value);
/** Which form a refused post came from, so its errors go back to that form. */
function intentOf(value: unknown): SettingsIntent | null {
  return SETTINGS_INTENTS.find((intent) => intent === value) ?? null;
}

type Session = Awaited<ReturnType<typeof requireSession>>;

/** One function per intent: the zod union has already checked the fields each one needs. */
async function act(request: Request, session: Session, input: SettingsInput, reply: (messages?: Record<string, string>) => FormReply) {
  switch (input.intent) {
    case "profile": {
      const result = await updateProfile(session.user, input);
      if (!result.ok) return answer({ intent: input.intent, result: reply(result.fieldErrors) }, 400);
      return answer({ intent: input.intent, result: reply(), saved: "Profile saved." });
    }
    case "password": {
      const result = await changePassword({ userId: session.user.id, sessionId: session.sessionId }, input.currentPassword, input.newPassword);
      if (!result.ok) return answer({ intent: input.intent, result: reply(result.fieldErrors) }, 400);
      return answer({ intent: input.intent, saved: "Password changed. Every other device was signed out." });
    }
    case "revoke": {
      // Scoped to the signed-in user: nobody can end someone else's session by guessing its id.
      const revoked = await revokeSession(session, input.sessionId);
      if (revoked === "current") return redirect("/signed-out", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
      if (revoked === "not-found") return answer({ intent: input.intent, problem: "No such session of yours: nothing was signed out." }, 404);
      return answer({ intent: input.intent, saved: "That device was signed out." });
    }
    case "sign-out-everywhere":
      await signOutEverywhere(session.user);
      return redirect("/signed-out?everywhere=1", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const submission = parseWithZod(await request.formData(), { schema: settingsSchema });
  if (submission.status !== "success") {
    const intent = intentOf(submission.payload.intent);
    if (intent === "profile" || intent === "password") return answer({ intent, result: formReply(submission) }, 400);
    return answer({ intent, problem: Object.values(submission.error ?? {}).flat()[0] ?? "Unknown settings action." }, 400);
  }
  return act(request, session, submission.value, (messages) => formReply(submission, messages));
}

export const headers = forwardHeaders;
export const meta: MetaFunction = () => [{ title: "Settings · TechFlow Help Center" }];

export default function Settings() {
  const { profile, account, sessions, welcome } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const resultFor = (intent: SettingsIntent) => (actionData?.intent === intent ? actionData.result : undefined);
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: resultFor("profile"),
    defaultValue: { intent: "profile", name: profile.name, bio: profile.bio },
    constraint: getZodConstraint(profileSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: resultFor("password"),
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  useServerErrorFocus(profileForm, resultFor("profile"));
  useServerErrorFocus(passwordForm, resultFor("password"));
  const saved = actionData?.saved;
  const problem = actionData?.problem;

  // The welcome is shown once: the address loses ?welcome=1, so a reload or a bookmark does not greet again.
  const [welcomed] = useState(welcome);
  const navigate = useNavigate();
  useEffect(() => {
    if (welcome) navigate("/settings", { replace: true, preventScrollReset: true });
  }, [welcome, navigate]);

  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Settings</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Signed in as <strong>{profile.email}</strong>
          {profile.role !== "member" ? ` (${profile.role})` : ""}
        </p>
      </header>
      {welcomed ? <FormMessage tone="success">Welcome! Your email is confirmed and you are signed in.</FormMessage> : null}
      {saved ? <FormMessage tone="success">{saved}</FormMessage> : null}
      {problem ? <FormMessage tone="error">{problem}</FormMessage> : null}

      <section aria-labelledby="account-heading" className="rounded-lg border border-slate-200 p-5 dark:border-slate-700">
        <h2 id="account-heading" className="text-xl font-semibold">
          Your company account
        </h2>
        {account ? (
          <>
            <p className="mt-2">
              {account.name} · Account ID <strong data-testid="account-id">{account.accountNumber}</strong> · <strong>{account.planName}</strong> plan
            </p>
            <p className="mt-2">
              <Link to="/settings/team" className="text-sky-700 underline dark:text-sky-400">
                {account.isOwner ? "Your team: invite colleagues and answer requests to join" : "Your team"}
              </Link>
              {account.pendingRequests > 0 ? <strong data-testid="pending-join-requests"> · {account.pendingRequests} waiting for your approval</strong> : null}
            </p>
            <p className="mt-2">
              <Link to="/support/tickets" className="text-sky-700 underline dark:text-sky-400">
                Your company’s support tickets
              </Link>
            </p>
            {account.plan ? (
              <div className="mt-4">
                <PlanSummary plan={account.plan} />
              </div>
            ) : null}
          </>
        ) : (
          <p className="mt-2 text-slate-600 dark:text-slate-300">You are not part of a customer account. Ask your company’s account owner to invite you.</p>
        )}
      </section>

      <Form method="post" {...getFormProps(profileForm)} className="space-y-4" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="text-xl font-semibold">
          Profile
        </h2>
        <ErrorSummary form={profileForm} />
        <input type="hidden" name="intent" value="profile" />
        <Field label="Display name" field={profileFields.name} autoComplete="name" />
        <TextAreaField label="Bio" field={profileFields.bio} rows={3} />
        <SubmitButton pending={pendingIntent === "profile"}>Save profile</SubmitButton>
      </Form>

      <Form method="post" {...getFormProps(passwordForm)} className="space-y-4" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-xl font-semibold">
          Change password
        </h2>
        <ErrorSummary form={passwordForm} />
        <input type="hidden" name="intent" value="password" />
        <PasswordField label="Current password" field={passwordFields.currentPassword} autoComplete="current-password" />
        <NewPasswordField
          label="New password"
          field={passwordFields.newPassword}
          note="Changing your password signs out every other device."
          context={{ email: profile.email, name: profile.name }}
        />
        <SubmitButton pending={pendingIntent === "password"}>Change password</SubmitButton>
      </Form>

      <section aria-labelledby="sessions-heading" className="space-y-3">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Where you’re signed in
        </h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700" data-testid="sessions">
          {sessions.map((entry) => (
            <li key={entry.id} className="flex flex-wrap items-center justify-between gap-3 p-4" data-current={entry.current || undefined}>
              <div>
                <p className="font-medium">
                  {entry.device} <span className="font-normal text-slate-600 dark:text-slate-300">· {entry.location}</span>{" "}
                  {entry.current ? <span className="ml-1 rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">This device</span> : null}
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  Last seen <ViewerTime iso={entry.lastSeenAt} /> · signed in <ViewerTime iso={entry.createdAt} />
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="sessionId" value={entry.id} />
                <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
                  {entry.current ? "Sign out" : "Revoke"}
                  <span className="sr-only"> {entry.device}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit" className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950">
            Sign out everywhere
          </button>
        </Form>
      </section>

      <section aria-labelledby="your-data-heading" className="space-y-2">
        <h2 id="your-data-heading" className="text-xl font-semibold">
          Your data
        </h2>
        <p>
          <a href="/settings/export" download className="text-sky-700 underline dark:text-sky-400">
            Download your data (JSON)
          </a>
          : your profile, the tickets you filed with their public replies, your forum posts and your votes.
        </p>
        <p>
          <Link to="/settings/delete-data" className="text-sky-700 underline dark:text-sky-400">
            Ask for deletion of your data
          </Link>
        </p>
      </section>
    </div>
  );
}
