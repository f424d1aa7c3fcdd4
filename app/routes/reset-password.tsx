import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { resetPassword, tokenIsUsable } from "~/auth/accounts.server";
import { formFailure, refusedForm } from "~/auth/responses.server";
import { resetPasswordSchema } from "~/auth/schemas";
import {
  AuthCard,
  ErrorSummary,
  FormMessage,
  NewPasswordField,
  SubmitButton,
  useServerErrorFocus,
} from "~/components/forms";
import { forwardHeaders } from "~/lib/headers";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token")?.slice(0, 200) ?? "";
  return { token, usable: token ? await tokenIsUsable(token, "reset-password") : false };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: resetPasswordSchema });
  if (submission.status !== "success") return formFailure(submission, 400);
  try {
    await resetPassword(submission.value.token, submission.value.password);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirect("/login?reset=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Choose a new password · TechFlow Help Center" }]);

export default function ResetPassword() {
  const { token, usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    constraint: getZodConstraint(resetPasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
  });
  useServerErrorFocus(form, lastResult);
  if (!usable) {
    return (
      <AuthCard title="Choose a new password">
        <FormMessage tone="error">
          This reset link has expired or was already used.{" "}
          <Link className="underline" to="/forgot-password">
            Ask for a new one
          </Link>
          .
        </FormMessage>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <ErrorSummary form={form} hiddenFields={["token"]} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordField
          label="New password"
          field={fields.password}
          note="Every device signed in to your account will be signed out."
        />
        <SubmitButton pending={pending}>Change password</SubmitButton>
      </Form>
    </AuthCard>
  );
}
