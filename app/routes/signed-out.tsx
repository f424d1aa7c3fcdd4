import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { AuthCard, FormMessage } from "~/components/forms";
import { withSeo } from "~/seo/meta";

/** Where signing out lands: it says so, rather than dropping the customer on the home page without a word. */
export async function loader({ request }: LoaderFunctionArgs) {
  // Someone signed in (another tab signed in again, or a bookmark) is not signed out: don't say they are.
  if (await getOptionalUser(request)) throw redirect("/");
  return { everywhere: new URL(request.url).searchParams.get("everywhere") === "1" };
}

export const meta: MetaFunction = withSeo(() => [
  { title: "Signed out · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export default function SignedOut() {
  const { everywhere } = useLoaderData<typeof loader>();
  return (
    <AuthCard title="Signed out">
      <FormMessage tone="success">
        {everywhere ? "You are signed out on every device." : "You are signed out."}
      </FormMessage>
      <p className="text-sm">
        <Link to="/login" className="text-sky-700 underline dark:text-sky-400">
          Sign in again
        </Link>{" "}
        or{" "}
        <Link to="/" className="text-sky-700 underline dark:text-sky-400">
          go to the help center
        </Link>
        .
      </p>
    </AuthCard>
  );
}
