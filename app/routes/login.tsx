import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { signIn } from "~/auth/accounts.server";
import { getOptionalUser, safeRedirect } from "~/auth/guards.server";
import { formFailure, refusedForm, signInAndRedirect } from "~/auth/responses.server";
import { signInSchema } from "~/auth/schemas";
import {
  AuthCard,
  ErrorSummary,
  Field,
  FormMessage,
  PasswordField,
  SubmitButton,
  useServerErrorFocus,
} from "~/components/forms";
import { forwardHeaders } from "~/lib/headers";
import { clientAddress } from "~/lib/rate-limit.server";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "/settings");
  if (await getOptionalUser(request)) throw redirect(redirectTo);
  // Someone who came to sign in from a page and creates an account instead still goes back there.
  const signUpPath = redirectTo === "/settings" ? "/signup" : `/signup?redirectTo=${encodeURIComponent(redirectTo)}`;
  return {
    redirectTo,
    signUpPath,
    notice: url.searchParams.get("reset") ? "reset" : url.searchParams.get("verified") ? "verified" : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: signInSchema });
  if (submission.status !== "success") return formFailure(submission, 400);
  const { email, password } = submission.value;
  // Only a same-site path: another host, a scheme-relative "//host" or a backslash trick signs in to /settings instead.
  const redirectTo = safeRedirect(submission.value.redirectTo, "/settings");
  let userId: string;
  try {
    userId = await signIn(email, password, clientAddress(request));
  } catch (error) {
    return refusedForm(submission, error);
  }
  return signInAndRedirect(request, userId, redirectTo);
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Sign in · TechFlow Help Center" }]);

export default function Login() {
  const { redirectTo, signUpPath, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    constraint: getZodConstraint(signInSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  useServerErrorFocus(form, lastResult);
  return (
    <AuthCard title="Sign in">
      {notice === "reset" ? (
        <FormMessage tone="success">Your password was changed. Sign in with the new one.</FormMessage>
      ) : null}
      {notice === "verified" ? (
        <FormMessage tone="success">Your email is confirmed. You can sign in.</FormMessage>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <ErrorSummary form={form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Email" field={fields.email} type="email" autoComplete="email" />
        <PasswordField label="Password" field={fields.password} autoComplete="current-password" />
        <div className="flex items-center justify-between">
          <SubmitButton pending={pending}>Sign in</SubmitButton>
          <Link to="/forgot-password" className="text-sm text-sky-700 underline dark:text-sky-400">
            Forgot your password?
          </Link>
        </div>
      </Form>
      <p className="text-sm">
        New here?{" "}
        <Link to={signUpPath} className="text-sky-700 underline dark:text-sky-400">
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
