import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { formFailure, refusedForm } from "~/auth/responses.server";
import { forgotPasswordSchema } from "~/auth/schemas";
import { AuthCard, ErrorSummary, Field, FormMessage, SubmitButton, useServerErrorFocus } from "~/components/forms";
import { forwardHeaders } from "~/lib/headers";
import { clientAddress } from "~/lib/rate-limit.server";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return formFailure(submission, 400);
  try {
    await requestPasswordReset(submission.value.email, clientAddress(request));
  } catch (error) {
    return refusedForm(submission, error);
  }
  // The same answer whether or not the address has an account.
  return redirect("/forgot-password?sent=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Reset your password · TechFlow Help Center" }]);

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult,
    constraint: getZodConstraint(forgotPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotPasswordSchema }),
  });
  useServerErrorFocus(form, lastResult);
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <FormMessage tone="info">
          If an account uses that address, we sent it a link to choose a new password. The link works once and expires
          in 1 hour.
        </FormMessage>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <ErrorSummary form={form} />
        <Field label="Email" field={fields.email} type="email" autoComplete="email" />
        <SubmitButton pending={pending}>Send reset link</SubmitButton>
      </Form>
    </AuthCard>
  );
}
