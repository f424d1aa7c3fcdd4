import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { tokenIsUsable, verifyEmail } from "~/auth/accounts.server";
import { formFailure, signInAndRedirect } from "~/auth/responses.server";
import { AuthCard, FormMessage, SubmitButton } from "~/components/forms";
import { prisma } from "~/lib/db.server";
import { forwardHeaders } from "~/lib/headers";

/** The link from the sign-up email. Confirming is a POST, so mail scanners that open links change nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token")?.slice(0, 200) ?? "";
  return { token, usable: token ? await tokenIsUsable(prisma, token, "verify-email") : false };
}

export async function action({ request }: ActionFunctionArgs) {
  const token = String((await request.formData()).get("token") ?? "").slice(0, 200);
  const userId = token ? await verifyEmail(prisma, token) : null;
  if (!userId) return formFailure(400, { fieldErrors: { form: "This confirmation link has expired or was already used." } });
  return signInAndRedirect(request, userId, "/settings?welcome=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = () => [{ title: "Confirm your email · TechFlow Help Center" }];

export default function VerifyEmail() {
  const { token, usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AuthCard title="Confirm your email">
      {actionData?.fieldErrors.form || !usable ? (
        <FormMessage tone="error">
          {actionData?.fieldErrors.form ?? "This confirmation link has expired or was already used."} You can <Link className="underline" to="/signup">sign up again</Link> or{" "}
          <Link className="underline" to="/login">sign in</Link>.
        </FormMessage>
      ) : (
        <Form method="post" className="space-y-4">
          <input type="hidden" name="token" value={token} />
          <p>Confirm this email address to finish creating your account.</p>
          <SubmitButton>Confirm and sign in</SubmitButton>
        </Form>
      )}
    </AuthCard>
  );
}
