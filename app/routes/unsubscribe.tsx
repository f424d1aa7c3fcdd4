import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import { maskEmail } from "~/lib/email-address";
import { optionalText } from "~/lib/form-intent";
import { PRIVATE_PAGE_HEADERS, privatePageHeaders } from "~/lib/private-page-headers";
import { NOTIFICATION_KINDS } from "~/notifications/kinds";
import { setEmailPreference, unsubscribeTarget } from "~/notifications/preferences.server";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [
  { title: "Unsubscribe · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export const headers = privatePageHeaders;

const INVALID =
  "This unsubscribe link is not valid: it may have been cut short when it was copied. You can choose your emails in your notification settings after signing in.";

/**
 * /unsubscribe?token=…: the link at the end of every notification email. It works without signing
 * in; GET only shows what the link will do (mail scanners follow links), the button's POST does it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const target = await unsubscribeTarget(token);
  // No token at all (the page after a post without one in the address) is not an error of the link.
  if (!target)
    return data(
      { valid: false as const, token: "", label: "", email: "" },
      { status: token === null ? 200 : 400, headers: PRIVATE_PAGE_HEADERS },
    );
  return data(
    {
      valid: true as const,
      token: token ?? "",
      label: NOTIFICATION_KINDS[target.kind].emailLabel ?? target.kind,
      email: maskEmail(target.email),
    },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const target = await unsubscribeTarget(optionalText(await request.formData(), "token") ?? null);
  if (!target) return data({ done: false as const, label: "" }, { status: 400, headers: PRIVATE_PAGE_HEADERS });
  await setEmailPreference(target.userId, target.kind, false);
  return data(
    { done: true as const, label: NOTIFICATION_KINDS[target.kind].emailLabel ?? target.kind },
    { headers: PRIVATE_PAGE_HEADERS },
  );
}

export default function Unsubscribe() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-5 py-6">
      <h1 className="text-3xl font-bold tracking-tight">Unsubscribe</h1>
      {answer?.done ? (
        <FormMessage tone="success">
          Done: you will no longer get emails for “{answer.label}”. You can turn them back on in{" "}
          <Link to="/settings/notifications" className="underline">
            your notification settings
          </Link>
          .
        </FormMessage>
      ) : answer && !answer.done ? (
        <FormMessage tone="error">{INVALID}</FormMessage>
      ) : page.valid ? (
        <Form method="post" className="space-y-4">
          <p>
            Stop emails for “<strong>{page.label}</strong>” to <strong>{page.email}</strong>? In-app notifications are
            not affected.
          </p>
          <input type="hidden" name="token" value={page.token} />
          <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800">
            Unsubscribe
          </button>
        </Form>
      ) : (
        <FormMessage tone="error">{INVALID}</FormMessage>
      )}
    </div>
  );
}
