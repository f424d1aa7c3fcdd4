import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { pendingJoinRequestCount } from "~/auth/account-membership.server";
import { changePassword } from "~/auth/accounts.server";
import { clearedSessionCookie } from "~/auth/cookie.server";
import { describeDevice } from "~/auth/device";
import { describeLocation } from "~/auth/location";
import { requireSession } from "~/auth/guards.server";
import { formReply, type FormReply } from "~/auth/responses.server";
import { settingsSchema, type SettingsInput, type SettingsIntent } from "~/auth/schemas";
import { getProfile, listSessions, revokeSession, signOutEverywhere, updateProfile } from "~/auth/users.server";
import { FormMessage } from "~/components/forms";
import { AppearanceSection } from "~/components/settings/appearance-section";
import { CompanyAccountSection } from "~/components/settings/company-account-section";
import { PasswordForm, ProfileForm } from "~/components/settings/profile-forms";
import { SignedInDevices } from "~/components/settings/signed-in-devices";
import { useWelcomeOnce } from "~/components/settings/use-welcome-once";
import { TrainingSection } from "~/components/settings/training-section";
import { YourDataSection } from "~/components/settings/your-data-section";
import { forwardHeaders } from "~/lib/headers";
import { isRefusal } from "~/lib/refusal";
import { resolveTheme } from "~/lib/theme";
import { PLAN_NAMES } from "~/support/policy";
import { myTraining } from "~/training/catalogue.server";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const profile = await getProfile(session.user);
  const sessions = await listSessions(session);
  const account = session.user.account;
  return {
    profile,
    account: account
      ? {
          name: account.name,
          accountNumber: account.accountNumber,
          plan: account.plan,
          planName: PLAN_NAMES[account.plan],
          isOwner: account.role === "owner",
          pendingRequests: await pendingJoinRequestCount(session.user),
        }
      : null,
    // This device first, then the others by when they were last seen.
    sessions: [...sessions]
      .sort((a, b) => Number(b.current) - Number(a.current))
      .map((entry) => ({
        id: entry.id,
        device: describeDevice(entry.userAgent),
        location: describeLocation(entry.location),
        lastSeenAt: entry.lastSeenAt.toISOString(),
        createdAt: entry.createdAt.toISOString(),
        current: entry.current,
      })),
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
    training: await myTraining(session.user),
    theme: resolveTheme(request.headers.get("cookie"), session.user.theme),
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
async function act(
  request: Request,
  session: Session,
  input: SettingsInput,
  reply: (messages?: Record<string, string>) => FormReply,
) {
  switch (input.intent) {
    case "profile": {
      try {
        await updateProfile(session.user, input);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return answer(
          { intent: input.intent, result: reply({ [error.field ?? "form"]: error.message }) },
          error.status,
        );
      }
      return answer({ intent: input.intent, result: reply(), saved: "Profile saved." });
    }
    case "password": {
      try {
        await changePassword(
          { userId: session.user.id, sessionId: session.sessionId },
          input.currentPassword,
          input.newPassword,
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return answer(
          { intent: input.intent, result: reply({ [error.field ?? "form"]: error.message }) },
          error.status,
        );
      }
      return answer({ intent: input.intent, saved: "Password changed. Every other device was signed out." });
    }
    case "revoke": {
      // Scoped to the signed-in user: nobody can end someone else's session by guessing its id.
      const revoked = await revokeSession(session, input.sessionId);
      if (revoked === "current")
        return redirect("/signed-out", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
      if (revoked === "not-found")
        return answer({ intent: input.intent, problem: "No such session of yours: nothing was signed out." }, 404);
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
    return answer(
      { intent, problem: Object.values(submission.error ?? {}).flat()[0] ?? "Unknown settings action." },
      400,
    );
  }
  return act(request, session, submission.value, (messages) => formReply(submission, messages));
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Settings · TechFlow Help Center" }]);

export default function Settings() {
  const { profile, account, sessions, welcome, training, theme } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const resultFor = (intent: SettingsIntent) => (actionData?.intent === intent ? actionData.result : undefined);
  const welcomed = useWelcomeOnce(welcome, "/settings");
  return (
    <div className="mx-auto max-w-3xl space-y-10">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Settings</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Signed in as <strong>{profile.email}</strong>
          {profile.role !== "member" ? ` (${profile.role})` : ""}
        </p>
      </header>
      {welcomed ? (
        <FormMessage tone="success">Welcome! Your email is confirmed and you are signed in.</FormMessage>
      ) : null}
      {actionData?.saved ? <FormMessage tone="success">{actionData.saved}</FormMessage> : null}
      {actionData?.problem ? <FormMessage tone="error">{actionData.problem}</FormMessage> : null}
      <CompanyAccountSection account={account} />
      <ProfileForm profile={profile} result={resultFor("profile")} pending={pendingIntent === "profile"} />
      <PasswordForm profile={profile} result={resultFor("password")} pending={pendingIntent === "password"} />
      <TrainingSection courses={training.courses} certificates={training.certificates} />
      <AppearanceSection theme={theme} />
      <SignedInDevices sessions={sessions} />
      <YourDataSection />
    </div>
  );
}
