import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { countAttempt } from "~/auth/limits.server";
import { formFailure, tooManyAttempts } from "~/auth/responses.server";
import { fieldErrorsOf, forgotPasswordSchema } from "~/auth/schemas";
import { AuthCard, Field, FormMessage, SubmitButton, useFocusFirstError } from "~/components/forms";
import { prisma } from "~/lib/db.server";
import { forwardHeaders } from "~/lib/headers";
import { clientAddress } from "~/lib/rate-limit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = { email: String(form.get("email") ?? "").slice(0, 254) };
  const parsed = forgotPasswordSchema.safeParse({ email: form.get("email") ?? undefined });
  if (!parsed.success) return formFailure(400, { fieldErrors: fieldErrorsOf(parsed.error), values });
  const limit = await countAttempt([
    ["resetPerAddress", clientAddress(request)],
    ["resetPerAccount", parsed.data.email],
  ]);
  if (!limit.allowed) return tooManyAttempts(limit, values);
  await requestPasswordReset(prisma, parsed.data.email, new URL(request.url).origin);
  // The same answer whether or not the address has an account.
  return redirect("/forgot-password?sent=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = () => [{ title: "Reset your password · TechFlow Help Center" }];

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors;
  const formRef = useFocusFirstError(errors);
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <FormMessage tone="info">If an account uses that address, we sent it a link to choose a new password. The link works once and expires in 1 hour.</FormMessage>
      ) : null}
      <Form method="post" ref={formRef} className="space-y-4" noValidate>
        {errors?.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
        <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={actionData?.values?.email} error={errors?.email} />
        <SubmitButton pending={pending}>Send reset link</SubmitButton>
      </Form>
    </AuthCard>
  );
}
