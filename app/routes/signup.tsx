import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { optionalText } from "~/lib/form-intent";
import { redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { signUp } from "~/auth/accounts.server";
import { getOptionalUser, safeRedirect } from "~/auth/guards.server";
import { passwordProblem } from "~/auth/password.server";
import { formFailure, refusedForm } from "~/auth/responses.server";
import { signUpSchema } from "~/auth/schemas";
import {
  AuthCard,
  ErrorSummary,
  Field,
  FormMessage,
  NewPasswordField,
  SubmitButton,
  useServerErrorFocus,
} from "~/components/forms";
import { forwardHeaders } from "~/lib/headers";
import { clientAddress } from "~/lib/rate-limit.server";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // The page someone was on when they chose to sign in: kept through sign-up and the confirmation link.
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "");
  if (await getOptionalUser(request)) throw redirect(redirectTo || "/settings");
  return {
    sent: url.searchParams.get("sent") === "1",
    redirectTo,
    signInPath: redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseForm(formData, signUpSchema);
  if (submission.status !== "success") {
    // Report a weak password in the same answer as the other mistakes, not on the next try.
    const password = optionalText(formData, "password");
    const problem =
      !submission.error?.password && password !== undefined
        ? passwordProblem(password, { email: optionalText(formData, "email") ?? "" })
        : null;
    return formFailure(submission, 400, problem ? { password: problem } : undefined);
  }
  // signUp counts the attempt (and any account-ID lookup) before doing the work; a weak password is refused uncounted.
  try {
    await signUp(
      { ...submission.value, returnTo: safeRedirect(submission.value.redirectTo, "") || null },
      clientAddress(request),
    );
  } catch (error) {
    return refusedForm(submission, error);
  }
  // The same answer whether the email was new or already had an account: the mailbox tells its owner which.
  return redirect("/signup?sent=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Create an account · TechFlow Help Center" }]);

export default function SignUp() {
  const { sent, redirectTo, signInPath } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "sign-up",
    lastResult,
    constraint: getZodConstraint(signUpSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signUpSchema }),
  });
  useServerErrorFocus(form, lastResult);
  if (sent) {
    return (
      <AuthCard title="Check your email">
        <FormMessage tone="info">
          We sent a message to the address you gave. Open the link in it to confirm your email and finish signing up.
          The link expires in 24 hours.
        </FormMessage>
        <p className="text-sm">
          Nothing arrived? Check your spam folder. If the link has expired,{" "}
          <Link className="underline" to="/forgot-password">
            set a new password
          </Link>
          : its link confirms your address too.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create an account">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <ErrorSummary form={form} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field label="Name" field={fields.name} autoComplete="name" />
        <Field label="Work email" field={fields.email} type="email" autoComplete="email" />
        <NewPasswordField
          label="Password"
          field={fields.password}
          note="A few unrelated words make a strong password."
          context={{ email: typeof fields.email.value === "string" ? fields.email.value : "" }}
        />
        <Field
          label="Account ID (optional)"
          autoComplete="off"
          placeholder="TF-100042"
          field={fields.accountId}
          hint="Joining your company’s account? Enter its ID and the account’s owner will be asked to approve you."
        />
        <SubmitButton pending={pending}>Create account</SubmitButton>
      </Form>
      <p className="text-sm">
        Already have an account?{" "}
        <Link to={signInPath} className="text-sky-700 underline dark:text-sky-400">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
