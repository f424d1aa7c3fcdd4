import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { signUp } from "~/auth/accounts.server";
import { getOptionalUser } from "~/auth/guards.server";
import { countAttempt, isLimited } from "~/auth/limits.server";
import { passwordProblem } from "~/auth/password.server";
import { formFailure, tooManyAttempts } from "~/auth/responses.server";
import { fieldErrorsOf, signUpSchema } from "~/auth/schemas";
import { AuthCard, Field, FormMessage, NewPasswordField, SubmitButton, useFocusFirstError } from "~/components/forms";
import { prisma } from "~/lib/db.server";
import { forwardHeaders } from "~/lib/headers";
import { clientAddress } from "~/lib/rate-limit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/settings");
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = {
    name: String(form.get("name") ?? "").slice(0, 80),
    email: String(form.get("email") ?? "").slice(0, 254),
    accountId: String(form.get("accountId") ?? "").slice(0, 20),
  };
  const parsed = signUpSchema.safeParse({
    name: form.get("name") ?? undefined,
    email: form.get("email") ?? undefined,
    password: form.get("password") ?? undefined,
    accountId: form.get("accountId") ?? undefined,
  });
  if (!parsed.success) {
    // Report a weak password in the same answer as the other mistakes, not on the next try.
    const fieldErrors = fieldErrorsOf(parsed.error);
    const password = form.get("password");
    if (!fieldErrors.password && typeof password === "string") {
      const problem = passwordProblem(password, { email: values.email, name: values.name });
      if (problem) fieldErrors.password = problem;
    }
    return formFailure(400, { fieldErrors, values });
  }
  const address: Parameters<typeof countAttempt>[0] = [["signUpPerAddress", clientAddress(request)]];
  const limited = await isLimited(address);
  if (!limited.allowed) return tooManyAttempts(limited, values);
  const result = await signUp(prisma, parsed.data, new URL(request.url).origin);
  if (!result.ok) return formFailure(400, { fieldErrors: result.fieldErrors, values });
  // Only sign-ups that got as far as hashing a password count: a customer fixing a weak password is not an attack.
  await countAttempt(address);
  // The same answer whether the email was new or already had an account: the mailbox tells its owner which.
  return redirect("/signup?sent=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = () => [{ title: "Create an account · TechFlow Help Center" }];

export default function SignUp() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors;
  const formRef = useFocusFirstError(errors);
  if (sent) {
    return (
      <AuthCard title="Check your email">
        <FormMessage tone="info">
          We sent a message to the address you gave. Open the link in it to confirm your email and finish signing up. The link expires in 24 hours.
        </FormMessage>
        <p className="text-sm">
          Nothing arrived? Check your spam folder, or <Link className="underline" to="/signup">sign up again</Link>.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create an account">
      <Form method="post" ref={formRef} className="space-y-4" noValidate>
        {errors?.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
        <Field label="Name" name="name" autoComplete="name" required defaultValue={actionData?.values?.name} error={errors?.name} />
        <Field label="Work email" name="email" type="email" autoComplete="email" required defaultValue={actionData?.values?.email} error={errors?.email} />
        <NewPasswordField label="Password" name="password" error={errors?.password} note="A few unrelated words make a strong password." />
        <Field
          label="Account ID (optional)"
          name="accountId"
          autoComplete="off"
          placeholder="TF-100042"
          defaultValue={actionData?.values?.accountId}
          error={errors?.accountId}
          hint="Joining your company’s account? Your account administrator can give you its ID."
        />
        <SubmitButton pending={pending}>Create account</SubmitButton>
      </Form>
      <p className="text-sm">
        Already have an account?{" "}
        <Link to="/login" className="text-sky-700 underline dark:text-sky-400">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
