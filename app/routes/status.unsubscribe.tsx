import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import { maskEmail } from "~/lib/email-address";
import { optionalText } from "~/lib/form-intent";
import { PRIVATE_PAGE_HEADERS, privatePageHeaders } from "~/lib/private-page-headers";
import { unsubscribe, unsubscribeTarget } from "~/status/subscriptions.server";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [
  { title: "Unsubscribe from status updates · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);
export const headers = privatePageHeaders;

/** GET shows what the link does (mail scanners follow links); one click on the button (a POST, also RFC 8058 style without a body) does it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const target = await unsubscribeTarget(token);
  return data(
    { token: token ?? "", email: target ? maskEmail(target.email) : null },
    { status: target || token === null ? 200 : 400, headers: PRIVATE_PAGE_HEADERS },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const fromQuery = new URL(request.url).searchParams.get("token");
  const form = await request.formData().catch(() => new FormData());
  const token = optionalText(form, "token") ?? fromQuery;
  const done = await unsubscribe(token);
  return data({ done }, { status: done ? 200 : 400, headers: PRIVATE_PAGE_HEADERS });
}

export default function StatusUnsubscribe() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md space-y-5 py-6">
      <h1 className="text-3xl font-bold tracking-tight">Unsubscribe from status updates</h1>
      {answer?.done ? (
        <FormMessage tone="success">Done: you will get no more status emails.</FormMessage>
      ) : answer && !answer.done ? (
        <FormMessage tone="error">
          This unsubscribe link is not valid: it may have been cut short when it was copied.
        </FormMessage>
      ) : page.email ? (
        <Form method="post" className="space-y-4">
          <p>
            Stop status emails to <strong>{page.email}</strong>?
          </p>
          <input type="hidden" name="token" value={page.token} />
          <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800">
            Unsubscribe
          </button>
        </Form>
      ) : (
        <FormMessage tone="error">
          This unsubscribe link is not valid (or the address is already unsubscribed).
        </FormMessage>
      )}
      <p>
        <Link to="/status" className="text-sky-700 underline dark:text-sky-400">
          Go to the status page
        </Link>
      </p>
    </div>
  );
}
