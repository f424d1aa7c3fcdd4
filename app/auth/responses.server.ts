import type { Submission, SubmissionResult } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import { prisma } from "../lib/db.server";
import { isRefusal, refusalHeaders } from "../lib/refusal";
import { clientAddress } from "../lib/rate-limit.server";
import { sessionCookie } from "./cookie.server";
import { safeRedirect } from "./guards.server";
import { locateAddress } from "./location.server";
import { createSession } from "./session.server";

/** The part of a Conform submission the answers need: its reply, which echoes what was typed. */
type Replyable = Pick<Submission<unknown>, "reply">;
export type FormReply = SubmissionResult<string[]>;

/** Passwords never travel back to the page: a refused form comes back with them empty. */
const NEVER_ECHOED = ["password", "currentPassword", "newPassword"];

/**
 * Errors as model modules report them: one message per field, `form` for the whole form
 * (a wrong password, an expired link).
 */
export type FieldMessages = Record<string, string>;

function asConformErrors(messages: FieldMessages = {}) {
  const { form, ...fields } = messages;
  return {
    formErrors: form ? [form] : undefined,
    fieldErrors: Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, [message]])),
  };
}

/** The form's own result (Conform's lastResult), with extra errors from the server, and passwords left out. */
export function formReply(submission: Replyable, messages?: FieldMessages): FormReply {
  return submission.reply({ ...asConformErrors(messages), hideFields: NEVER_ECHOED });
}

/** Refuses a form: the page renders again with the errors and what was typed (passwords left out). */
export function formFailure(submission: Replyable, status: number, messages?: FieldMessages, headers?: HeadersInit) {
  return data(formReply(submission, messages), { status, headers });
}

/**
 * A model function's Refusal as the form's answer: the message beside the field it names (or for the
 * whole form; every field when it names several), with its status and Retry-After. Anything that is
 * not a Refusal is thrown on.
 */
export function refusedForm(submission: Replyable, error: unknown) {
  if (!isRefusal(error)) throw error;
  const messages = error.fields ?? { [error.field ?? "form"]: error.message };
  return formFailure(submission, error.status, messages, refusalHeaders(error));
}

/** Starts a session for the user and redirects (only to a same-site path). */
export async function signInAndRedirect(
  request: Request,
  userId: string,
  redirectTo: FormDataEntryValue | string | null,
  fallback = "/settings",
) {
  // The country is worked out now, while the address is at hand, so the address never has to be kept.
  const location = await locateAddress(clientAddress(request));
  const { token } = await createSession(prisma, userId, request.headers.get("user-agent") ?? "", new Date(), {
    location,
  });
  return redirect(safeRedirect(redirectTo, fallback), { headers: { "Set-Cookie": sessionCookie(request, token) } });
}
