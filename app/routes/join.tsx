import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { acceptInvitation, findInvitation } from "~/auth/account-membership.server";
import { getOptionalUser, requireUser } from "~/auth/guards.server";
import { acceptInvitationSchema } from "~/auth/membership-schemas";
import { AuthCard, FormMessage, SubmitButton } from "~/components/forms";
import { forwardHeaders } from "~/lib/headers";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

/** The link in an invitation email. Accepting is a POST, so mail scanners that open links change nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token")?.slice(0, 200) ?? "";
  const invitation = token ? await findInvitation(token) : null;
  const user = await getOptionalUser(request);
  return { token, invitation, signedInAs: user?.email ?? null, here: `${url.pathname}${url.search}` };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: acceptInvitationSchema });
  if (submission.status !== "success") return data({ error: "This invitation link is not valid." }, { status: 400 });
  try {
    await acceptInvitation(user, submission.value.token);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return data({ error: error.message }, { status: error.status });
  }
  return redirect("/settings/team");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Join your company’s account · TechFlow Help Center" }]);

export default function Join() {
  const { token, invitation, signedInAs, here } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  if (!invitation) {
    return (
      <AuthCard title="Join your company’s account">
        <FormMessage tone="error">
          This invitation has expired or was already used. Ask the account owner for a new one.
        </FormMessage>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${invitation.accountName}`}>
      {refused ? <FormMessage tone="error">{refused.error}</FormMessage> : null}
      <p>
        This invitation is for <strong>{invitation.email}</strong>.
      </p>
      {signedInAs ? (
        <Form method="post" className="space-y-4">
          <input type="hidden" name="token" value={token} />
          <SubmitButton>Join {invitation.accountName}</SubmitButton>
        </Form>
      ) : (
        <p>
          <Link className="underline" to={`/login?redirectTo=${encodeURIComponent(here)}`}>
            Sign in
          </Link>{" "}
          or{" "}
          <Link className="underline" to="/signup">
            create an account
          </Link>{" "}
          with that address, then open this link again.
        </p>
      )}
    </AuthCard>
  );
}
