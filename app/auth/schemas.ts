import { z } from "zod";

/** Form schemas for the account pages; field names are a contract (tests and tools post to them). */

const email = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.")
  .transform((value) => value.toLowerCase());

const password = z.string({ required_error: "Enter your password." }).min(1, "Enter your password.").max(1024, "That password is too long.");

export const signUpSchema = z.object({
  name: z.string({ required_error: "Enter your name." }).trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
  email,
  password,
  accountId: z
    .string()
    .trim()
    .toUpperCase()
    .max(20, "That account ID is too long.")
    .refine((value) => value === "" || /^TF-\d{6}$/.test(value), "Account IDs look like TF-100042.")
    .optional()
    .transform((value) => value || null),
});

export const signInSchema = z.object({ email, password });
export const forgotPasswordSchema = z.object({ email });
export const resetPasswordSchema = z.object({ token: z.string().min(10, "This reset link is not valid.").max(200), password });

export const profileSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(80, "Use at most 80 characters."),
  bio: z.string().trim().max(500, "Use at most 500 characters.").default(""),
});

export const changePasswordSchema = z.object({ currentPassword: password, newPassword: password });

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
