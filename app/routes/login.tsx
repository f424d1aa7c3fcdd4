import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { signIn } from "~/auth/accounts.server";
import { getOptionalUser, safeRedirect } from "~/auth/guards.server";
import { countAttempt, isLimited } from "~/auth/limits.server";
import { formFailure, signInAndRedirect, tooManyAttempts } from "~/auth/responses.server";
import { fieldErrorsOf, signInSchema } from "~/auth/schemas";
import { AuthCard, Field, FormMessage, SubmitButton, useFocusFirstError } from "~/components/forms";
import { prisma } from "~/lib/db.server";
import { forwardHeaders } from "~/lib/headers";
import { clientAddress } from "~/lib/rate-limit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "/settings");
  if (await getOptionalUser(request)) throw redirect(redirectTo);
  return { redirectTo, notice: url.searchParams.get("reset") ? "reset" : url.searchParams.get("verified") ? "verified" : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const redirectTo = safeRedirect(form.get("redirectTo"), "/settings");
  const values = { email: String(form.get("email") ?? "").slice(0, 254) };
  const parsed = signInSchema.safeParse({ email: form.get("email") ?? undefined, password: form.get("password") ?? undefined });
  if (!parsed.success) return formFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  const { email, password } = parsed.data;
  const address = clientAddress(request);
  const checks: Parameters<typeof countAttempt>[0] = [
    ["failedSignInPerAccount", email],
    ["failedSignInPerAccountHourly", email],
    ["failedSignInPerAddress", address],
  ];
  const limited = await isLimited(checks);
  if (!limited.allowed) return tooManyAttempts(limited, values);
  const result = await signIn(prisma, email, password);
  if (!result.ok) {
    if (result.reason === "unverified") {
      return formFailure(403, { fieldErrors: { form: "Please confirm your email address first: open the link we sent when you signed up." }, values });
    }
    await countAttempt(checks);
    return formFailure(401, { fieldErrors: { form: "That email and password don’t match an account. Check them and try again." }, values });
  }
  return signInAndRedirect(request, result.userId, redirectTo);
}

export const headers = forwardHeaders;
export const meta: MetaFunction = () => [{ title: "Sign in · TechFlow Help Center" }];

export default function Login() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors;
  const formRef = useFocusFirstError(errors);
  return (
    <AuthCard title="Sign in">
      {notice === "reset" ? <FormMessage tone="success">Your password was changed. Sign in with the new one.</FormMessage> : null}
      {notice === "verified" ? <FormMessage tone="success">Your email is confirmed. You can sign in.</FormMessage> : null}
      <Form method="post" ref={formRef} className="space-y-4" noValidate>
        {errors?.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={actionData?.values?.email} error={errors?.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors?.password} />
        <div className="flex items-center justify-between">
          <SubmitButton pending={pending}>Sign in</SubmitButton>
          <Link to="/forgot-password" className="text-sm text-sky-700 underline dark:text-sky-400">
            Forgot your password?
          </Link>
        </div>
      </Form>
      <p className="text-sm">
        New here?{" "}
        <Link to="/signup" className="text-sky-700 underline dark:text-sky-400">
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
