import { z } from "zod";
import { plainLine } from "../lib/plain-text";
import { brokenPasswordRule, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";
import { isPhoneNumber, PHONE_MAX_LENGTH, PHONE_NUMBER_MESSAGE } from "../lib/phone";

/**
 * Form schemas for the account pages. Each one is used twice: by Conform in the browser (as the
 * customer types and on submit) and by the route's action on the server, so the two never disagree.
 * Field names are a contract (tests and tools post to them).
 */

const email = z
  .string({ required_error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.")
  .transform((value) => value.toLowerCase());

/** A password being typed in to prove who you are: every length up to what we are willing to hash. */
const password = z
  .string({ required_error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(1024, "That password is too long.");

/**
 * A password being chosen: the rules a browser can check (app/auth/password-rules.ts). The server
 * adds the ones it alone can check (the common-password list, the account's own email).
 */
const newPassword = z
  .string({ required_error: "Choose a password." })
  .max(1024, "That password is too long.")
  .superRefine((value, context) => {
    const broken = brokenPasswordRule(value);
    if (broken) context.addIssue({ code: z.ZodIssueCode.custom, message: broken.problem });
  });

/** Length limits for the password inputs (Conform cannot read them from a refinement). */
export const NEW_PASSWORD_CONSTRAINT = { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH } as const;

/** Shown to others and written into mail: one plain line. Staff names and marks are refused on the server (app/auth/display-names.server.ts). */
const displayName = plainLine(
  z
    .string({ required_error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(80, "Use at most 80 characters."),
  "Your name",
);

/**
 * Where to go after signing in (a path on this site). Checked again with safeRedirect before any
 * redirect: the schema only bounds it, the guard decides whether it is same-site.
 */
const returnTo = z.string().max(2000).optional();

export const signUpSchema = z.object({
  name: displayName,
  email,
  password: newPassword,
  accountId: z
    .string()
    .trim()
    .toUpperCase()
    .max(20, "That account ID is too long.")
    .refine((value) => value === "" || /^TF-\d{6}$/.test(value), "Account IDs look like TF-100042.")
    .optional()
    .transform((value) => value || null),
  redirectTo: returnTo,
});

export const signInSchema = z.object({ email, password, redirectTo: returnTo });
export const forgotPasswordSchema = z.object({ email });
export const resetPasswordSchema = z.object({
  token: z
    .string({ required_error: "This reset link is not valid." })
    .min(10, "This reset link is not valid.")
    .max(200, "This reset link is not valid."),
  password: newPassword,
});
export const verifyEmailSchema = z.object({
  token: z
    .string({ required_error: "This confirmation link has expired or was already used." })
    .max(200, "This confirmation link has expired or was already used."),
  redirectTo: returnTo,
});

/** The settings page: one form per intent, told apart by the `intent` field. */
export const profileSchema = z.object({
  intent: z.literal("profile"),
  name: displayName,
  bio: z.string().trim().max(500, "Use at most 500 characters.").default(""),
  /** Optional; empty clears it. The ticket form fills its contact phone with it. */
  phone: z
    .string()
    .trim()
    .max(PHONE_MAX_LENGTH, PHONE_NUMBER_MESSAGE)
    .refine((phone) => phone === "" || isPhoneNumber(phone), PHONE_NUMBER_MESSAGE)
    .default(""),
});
export const changePasswordSchema = z.object({ intent: z.literal("password"), currentPassword: password, newPassword });
export const revokeSessionSchema = z.object({
  intent: z.literal("revoke"),
  sessionId: z.string({ required_error: "Choose a device." }).max(200),
});
export const signOutEverywhereSchema = z.object({ intent: z.literal("sign-out-everywhere") });

export const settingsSchema = z.discriminatedUnion(
  "intent",
  [profileSchema, changePasswordSchema, revokeSessionSchema, signOutEverywhereSchema],
  { errorMap: () => ({ message: "Unknown settings action." }) },
);
export type SettingsInput = z.infer<typeof settingsSchema>;
export type SettingsIntent = SettingsInput["intent"];
