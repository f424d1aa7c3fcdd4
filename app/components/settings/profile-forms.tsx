import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { changePasswordSchema, profileSchema } from "~/auth/schemas";
import {
  ErrorSummary,
  Field,
  NewPasswordField,
  PasswordField,
  SubmitButton,
  TextAreaField,
  useServerErrorFocus,
} from "~/components/forms";

type FormProps = {
  profile: { email: string; name: string; bio: string; phone: string | null };
  result: SubmissionResult<string[]> | undefined;
  pending: boolean;
};

/** Display name, bio and phone; a refused save comes back here with its errors and focus on the first. */
export function ProfileForm({ profile, result, pending }: FormProps) {
  const [form, fields] = useForm({
    id: "profile",
    lastResult: result,
    defaultValue: { intent: "profile", name: profile.name, bio: profile.bio, phone: profile.phone ?? "" },
    constraint: getZodConstraint(profileSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  useServerErrorFocus(form, result);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4" aria-labelledby="profile-heading">
      <h2 id="profile-heading" className="text-xl font-semibold">
        Profile
      </h2>
      <ErrorSummary form={form} />
      <input type="hidden" name="intent" value="profile" />
      <Field label="Display name" field={fields.name} autoComplete="name" />
      <TextAreaField label="Bio" field={fields.bio} rows={3} />
      <Field
        label="Phone (optional)"
        field={fields.phone}
        type="tel"
        autoComplete="tel"
        hint="Not shown on your community profile. New tickets fill in their contact phone with it; leave it empty to remove it."
      />
      <SubmitButton pending={pending}>Save profile</SubmitButton>
    </Form>
  );
}

/** Changing the password asks for the current one and checks the new one against the rules as it is typed. */
export function PasswordForm({ profile, result, pending }: FormProps) {
  const [form, fields] = useForm({
    id: "password",
    lastResult: result,
    constraint: getZodConstraint(changePasswordSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
  });
  useServerErrorFocus(form, result);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4" aria-labelledby="password-heading">
      <h2 id="password-heading" className="text-xl font-semibold">
        Change password
      </h2>
      <ErrorSummary form={form} />
      <input type="hidden" name="intent" value="password" />
      <PasswordField label="Current password" field={fields.currentPassword} autoComplete="current-password" />
      <NewPasswordField
        label="New password"
        field={fields.newPassword}
        note="Changing your password signs out every other device."
        context={{ email: profile.email, name: profile.name }}
      />
      <SubmitButton pending={pending}>Change password</SubmitButton>
    </Form>
  );
}
