import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import { PRIVATE_PAGE_HEADERS, privatePageHeaders } from "~/lib/private-page-headers";
import { confirmSubscription } from "~/status/subscriptions.server";
import { withSeo } from "~/seo/meta";

export const meta: MetaFunction = withSeo(() => [
  { title: "Confirm status updates · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);
export const headers = privatePageHeaders;

/** The double opt-in link: confirming is harmless to repeat, so a GET may do it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const confirmed = await confirmSubscription(new URL(request.url).searchParams.get("token"));
  return data({ confirmed }, { status: confirmed ? 200 : 400, headers: PRIVATE_PAGE_HEADERS });
}

export default function ConfirmSubscription() {
  const { confirmed } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md space-y-5 py-6">
      <h1 className="text-3xl font-bold tracking-tight">Status updates</h1>
      {confirmed ? (
        <FormMessage tone="success">You are subscribed: we will email you about incidents and maintenance.</FormMessage>
      ) : (
        <FormMessage tone="error">
          This confirmation link is not valid: it may have been cut short, or replaced by a newer one. Subscribe again
          to get a fresh link.
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
