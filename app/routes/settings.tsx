import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { changePassword } from "~/auth/accounts.server";
import { clearedSessionCookie } from "~/auth/cookie.server";
import { describeDevice } from "~/auth/device";
import { requireSession } from "~/auth/guards.server";
import { formFailure } from "~/auth/responses.server";
import { changePasswordSchema, fieldErrorsOf, profileSchema } from "~/auth/schemas";
import { invalidateSession, invalidateUserSessions, listUserSessions } from "~/auth/session.server";
import { Field, FormMessage, NewPasswordField, SubmitButton, useFocusFirstError } from "~/components/forms";
import { PlanSummary } from "~/components/plan-summary";
import { prisma } from "~/lib/db.server";
import { forwardHeaders } from "~/lib/headers";
import { PLAN_NAMES, PLANS, type Plan } from "~/support/policy";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const profile = await prisma.user.findUniqueOrThrow({ where: { id: session.user.id }, select: { name: true, email: true, bio: true, role: true } });
  const sessions = await listUserSessions(prisma, session.user.id);
  const account = session.user.account;
  const plan = account && (PLANS as readonly string[]).includes(account.plan) ? (account.plan as Plan) : null;
  return {
    profile,
    account: account ? { name: account.name, accountNumber: account.accountNumber, plan, planName: plan ? PLAN_NAMES[plan] : account.plan } : null,
    sessions: sessions.map((entry) => ({
      id: entry.id,
      device: describeDevice(entry.userAgent),
      lastSeenAt: entry.lastSeenAt.toISOString(),
      createdAt: entry.createdAt.toISOString(),
      current: entry.id === session.sessionId,
    })),
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
  };
}

type Intent = "profile" | "password" | "revoke" | "sign-out-everywhere";

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as Intent;
  switch (intent) {
    case "profile": {
      const parsed = profileSchema.safeParse({ name: form.get("name") ?? undefined, bio: form.get("bio") ?? undefined });
      const values = { name: String(form.get("name") ?? "").slice(0, 80), bio: String(form.get("bio") ?? "").slice(0, 500) };
      if (!parsed.success) return formFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
      await prisma.user.update({ where: { id: session.user.id }, data: parsed.data });
      return data({ fieldErrors: {} as Record<string, string>, values, saved: "Profile saved." });
    }
    case "password": {
      const parsed = changePasswordSchema.safeParse({ currentPassword: form.get("currentPassword") ?? undefined, newPassword: form.get("newPassword") ?? undefined });
      if (!parsed.success) return formFailure(400, { fieldErrors: fieldErrorsOf(parsed.error) });
      const result = await changePassword(prisma, session.user.id, session.sessionId, parsed.data.currentPassword, parsed.data.newPassword);
      if (!result.ok) return formFailure(400, { fieldErrors: result.fieldErrors });
      return data({ fieldErrors: {} as Record<string, string>, saved: "Password changed. Every other device was signed out." });
    }
    case "revoke": {
      const target = String(form.get("sessionId") ?? "");
      if (target === session.sessionId) {
        await invalidateSession(prisma, target);
        return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
      }
      // Scoped to the signed-in user: nobody can end someone else's session by guessing its id.
      await prisma.session.deleteMany({ where: { id: target, userId: session.user.id } });
      return data({ fieldErrors: {} as Record<string, string>, saved: "That device was signed out." });
    }
    case "sign-out-everywhere": {
      await invalidateUserSessions(prisma, session.user.id);
      return redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
    }
    default:
      return formFailure(400, { fieldErrors: { form: "Unknown settings action." } });
  }
}

export const headers = forwardHeaders;
export const meta: MetaFunction = () => [{ title: "Settings · TechFlow Help Center" }];

function formatTime(iso: string) {
  return new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

export default function Settings() {
  const { profile, account, sessions, welcome } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const errors = actionData?.fieldErrors;
  const formRef = useFocusFirstError(errors);
  const values = actionData && "values" in actionData ? actionData.values : undefined;
  const saved = actionData && "saved" in actionData ? actionData.saved : null;
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Settings</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Signed in as <strong>{profile.email}</strong>
          {profile.role !== "member" ? ` (${profile.role})` : ""}
        </p>
      </header>
      {welcome ? <FormMessage tone="success">Welcome! Your email is confirmed and you are signed in.</FormMessage> : null}
      {saved ? <FormMessage tone="success">{saved}</FormMessage> : null}
      {errors?.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}

      <section aria-labelledby="account-heading" className="rounded-lg border border-slate-200 p-5 dark:border-slate-700">
        <h2 id="account-heading" className="text-xl font-semibold">
          Your company account
        </h2>
        {account ? (
          <>
            <p className="mt-2">
              {account.name} · Account ID <strong data-testid="account-id">{account.accountNumber}</strong> · <strong>{account.planName}</strong> plan
            </p>
            {account.plan ? (
              <div className="mt-4">
                <PlanSummary plan={account.plan} />
              </div>
            ) : null}
          </>
        ) : (
          <p className="mt-2 text-slate-600 dark:text-slate-300">You are not part of a customer account. Ask your account administrator for your company’s account ID.</p>
        )}
      </section>

      <Form method="post" ref={formRef} className="space-y-4" aria-labelledby="profile-heading" noValidate>
        <h2 id="profile-heading" className="text-xl font-semibold">
          Profile
        </h2>
        <input type="hidden" name="intent" value="profile" />
        <Field label="Display name" name="name" autoComplete="name" defaultValue={values?.name ?? profile.name} error={errors?.name} />
        <div className="space-y-1">
          <label htmlFor="field-bio" className="block text-sm font-medium">
            Bio
          </label>
          <textarea
            id="field-bio"
            name="bio"
            rows={3}
            defaultValue={values?.bio ?? profile.bio}
            aria-invalid={errors?.bio ? true : undefined}
            aria-describedby={errors?.bio ? "field-bio-error" : undefined}
            className="w-full rounded-md border border-slate-300 bg-white p-2 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          />
          {errors?.bio ? (
            <p id="field-bio-error" className="text-sm text-red-700 dark:text-red-400">
              {errors.bio}
            </p>
          ) : null}
        </div>
        <SubmitButton pending={pendingIntent === "profile"}>Save profile</SubmitButton>
      </Form>

      <Form method="post" className="space-y-4" aria-labelledby="password-heading" noValidate>
        <h2 id="password-heading" className="text-xl font-semibold">
          Change password
        </h2>
        <input type="hidden" name="intent" value="password" />
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors?.currentPassword} />
        <NewPasswordField label="New password" name="newPassword" error={errors?.newPassword} note="Changing your password signs out every other device." />
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
                  {entry.device} {entry.current ? <span className="ml-1 rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">This device</span> : null}
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-300">
                  Last seen {formatTime(entry.lastSeenAt)} · signed in {formatTime(entry.createdAt)}
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
    </div>
  );
}
