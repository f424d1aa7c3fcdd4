import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { FormMessage, SubmitButton } from "~/components/forms";
import { parseWithZod } from "@conform-to/zod";
import { EMAIL_KINDS, NOTIFICATION_KINDS, type EmailKind } from "~/notifications/kinds";
import { emailPreferencesSchema } from "~/notifications/schemas";
import { getEmailPreferences, saveEmailPreferences, type EmailPreferences } from "~/notifications/preferences.server";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [{ title: "Notification settings · TechFlow Help Center" }]);

/** /settings/notifications: which notifications also come by email (in-app ones are always on). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, preferences: await getEmailPreferences(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: emailPreferencesSchema });
  // A checkbox that is not ticked is not sent: every kind the form lists is decided by this post.
  const chosen = Object.fromEntries(
    EMAIL_KINDS.map((kind) => [kind, submission.status === "success" && submission.value[kind] === "on"]),
  ) as EmailPreferences;
  await saveEmailPreferences(user.id, chosen);
  return { saved: "Your email settings are saved." };
}

export default function NotificationSettings() {
  const { email, preferences } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/settings" className="text-sky-700 underline dark:text-sky-400">
          Settings
        </Link>{" "}
        / Notifications
      </p>
      <h1 className="text-3xl font-bold tracking-tight">Notification settings</h1>
      <p className="text-slate-600 dark:text-slate-300">
        Notifications always appear under the bell and on{" "}
        <Link to="/notifications" className="text-sky-700 underline dark:text-sky-400">
          your notifications page
        </Link>
        . Choose which ones also go to <strong>{email}</strong>. Each of these emails has a one-click unsubscribe link;
        mail about your tickets and your account is not one of them and always comes.
      </p>
      {answer?.saved ? <FormMessage tone="success">{answer.saved}</FormMessage> : null}
      <Form method="post" className="space-y-4">
        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-700">
          <legend className="px-1 font-semibold">Email me about</legend>
          {EMAIL_KINDS.map((kind: EmailKind) => (
            <label key={kind} className="flex items-start gap-3">
              <input
                type="checkbox"
                name={kind}
                defaultChecked={preferences[kind]}
                className="mt-1 h-4 w-4"
                data-testid={`email-${kind}`}
              />
              <span>{NOTIFICATION_KINDS[kind].emailLabel}</span>
            </label>
          ))}
        </fieldset>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Follow or mute threads with the button on each thread; follow categories on the community pages to get their
          new threads in the daily digest.
        </p>
        <SubmitButton pending={saving}>Save email settings</SubmitButton>
      </Form>
    </div>
  );
}
