import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import { isRefusal } from "~/lib/refusal";
import { acknowledgeByToken, pageForToken } from "~/tickets/ticket-pages.server";
import { withSeo } from "~/seo/meta";

/**
 * /admin/on-call/ack/<token>: the acknowledge link in a page mail. The signed token names the page and
 * the engineer, so it works from a phone without signing in; the GET only shows the page and a button
 * (mail scanners follow links), the POST acknowledges.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const page = await pageForToken(params.token);
  if (!page) throw data({ message: "This acknowledge link is not valid." }, { status: 404 });
  return data({ page }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ params }: ActionFunctionArgs) {
  try {
    await acknowledgeByToken(params.token);
    return data({ ok: "Acknowledged: the paging has stopped." as string, error: null });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data({ ok: null, error: error.message }, { status: error.status });
  }
}

export const meta: MetaFunction = withSeo(() => [
  { title: "Acknowledge a page · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export default function AcknowledgePage() {
  const { page } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const open = !page.acknowledged && !page.resolved && !answer?.ok;
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">
        Priority 1 page: {page.key} {page.title}
      </h1>
      {answer?.ok ? <FormMessage tone="success">{answer.ok}</FormMessage> : null}
      {answer?.error ? <FormMessage tone="error">{answer.error}</FormMessage> : null}
      {page.resolved ? <p>The ticket is solved; nothing is paging.</p> : null}
      {page.acknowledged && !answer?.ok ? <p>Someone already acknowledged this page.</p> : null}
      {open ? (
        <Form method="post">
          <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800">
            Acknowledge
          </button>
        </Form>
      ) : null}
      <p>
        <a className="text-sky-700 underline dark:text-sky-400" href={`/admin/tickets/${page.key}`}>
          Open the ticket
        </a>{" "}
        (signing in as staff).
      </p>
    </div>
  );
}
