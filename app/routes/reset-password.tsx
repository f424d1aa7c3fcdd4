import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { resetPassword, tokenIsUsable } from "~/auth/accounts.server";
import { formFailure } from "~/auth/responses.server";
import { fieldErrorsOf, resetPasswordSchema } from "~/auth/schemas";
import { AuthCard, FormMessage, NewPasswordField, SubmitButton, useFocusFirstError } from "~/components/forms";
import { prisma } from "~/lib/db.server";
import { forwardHeaders } from "~/lib/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token")?.slice(0, 200) ?? "";
  return { token, usable: token ? await tokenIsUsable(prisma, token, "reset-password") : false };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = resetPasswordSchema.safeParse({ token: form.get("token") ?? undefined, password: form.get("password") ?? undefined });
  if (!parsed.success) return formFailure(400, { fieldErrors: fieldErrorsOf(parsed.error) });
  const result = await resetPassword(prisma, parsed.data.token, parsed.data.password);
  if (!result.ok) return formFailure(400, { fieldErrors: result.fieldErrors });
  return redirect("/login?reset=1");
}

export const headers = forwardHeaders;
export const meta: MetaFunction = () => [{ title: "Choose a new password · TechFlow Help Center" }];

export default function ResetPassword() {
  const { token, usable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pending = useNavigation().state === "submitting";
  const errors = actionData?.fieldErrors;
  const formRef = useFocusFirstError(errors);
  if (!usable) {
    return (
      <AuthCard title="Choose a new password">
        <FormMessage tone="error">
          This reset link has expired or was already used. <Link className="underline" to="/forgot-password">Ask for a new one</Link>.
        </FormMessage>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <Form method="post" ref={formRef} className="space-y-4" noValidate>
        {errors?.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
        <input type="hidden" name="token" value={token} />
        <NewPasswordField label="New password" name="password" error={errors?.password} note="Every device signed in to your account will be signed out." />
        <SubmitButton pending={pending}>Change password</SubmitButton>
      </Form>
    </AuthCard>
  );
}
