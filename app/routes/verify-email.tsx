import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { tokenIsUsable, verifyEmail } from "~/auth/accounts.server";
import { safeRedirect } from "~/auth/guards.server";
import { formFailure, signInAndRedirect } from "~/auth/responses.server";
import { verifyEmailSchema } from "~/auth/schemas";
import { AuthCard, FormMessage, SubmitButton } from "~/components/forms";
import { forwardHeaders } from "~/lib/headers";
import { withSeo } from "~/seo/meta";

/** The link from the sign-up email. Confirming is a POST, so mail scanners that open links change nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token")?.slice(0, 200) ?? "";
  // The page the person was on when they went to sign up, if the sign-up form carried one.
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "");
  return { token, redirectTo, usable: token ? await tokenIsUsable(token, "verify-email") : false };
}

const LINK_USED = "This confirmation link has expired or was already used.";

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: verifyEmailSchema });
  const userId = submission.status === "success" ? await verifyEmail(submission.value.token) : null;
  if (!userId) return formFailure(submission, 400, { form: LINK_USED });
  return signInAndRedirect(
    request,
    userId,
    submission.status === "success" ? (submission.value.redirectTo ?? null) : null,
    "/settings?welcome=1",
  );
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Confirm your email · TechFlow Help Center" }]);

export default function VerifyEmail() {
  const { token, redirectTo, usable } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.status === "error";
  const pending = useNavigation().state === "submitting";
  return (
    <AuthCard title="Confirm your email">
      {refused || !usable ? (
        <FormMessage tone="error">
          {LINK_USED} If you confirmed already,{" "}
          <Link className="underline" to="/login">
            sign in
          </Link>
          . If not,{" "}
          <Link className="underline" to="/forgot-password">
            set a new password
          </Link>
          : its link confirms your address too.
        </FormMessage>
      ) : (
        <Form method="post" className="space-y-4">
          <input type="hidden" name="token" value={token} />
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <p>Confirm this email address to finish creating your account.</p>
          <SubmitButton pending={pending}>Confirm and sign in</SubmitButton>
        </Form>
      )}
    </AuthCard>
  );
}
