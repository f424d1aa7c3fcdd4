import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import {
  useSyncExternalStore,
  useEffect,
  useRef,
  useState,
  type InputHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type TextareaHTMLAttributes,
} from "react";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_RULES, type PasswordContext } from "~/auth/password-rules";

/**
 * The building blocks of every account form. Forms are Conform forms (app/auth/schemas.ts holds
 * one zod schema per form, used in the browser and by the action): these components read a field's
 * errors and initial value from Conform's metadata and tie labels, hints and errors together for
 * screen readers. Input ids are `field-<name>`, so links in the error summary can point at them.
 */

const subscribeToNothing = () => () => {};

/**
 * False on the server and while React hydrates server HTML; true once the browser's JavaScript runs
 * the component. `useSyncExternalStore` reads the server snapshot during every hydration, including a
 * lazily loaded part of the page hydrated after the rest, so that part first matches its server HTML;
 * a component mounted later in the browser (after a navigation) is true at once.
 */
export function useHydrated() {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

export function fieldId(name: string) {
  return `field-${name}`;
}

type AnyField = FieldMetadata<string | null | undefined>;

/** A form field's input or select: the column's full width, red when invalid. */
export const FIELD_CONTROL_CLASS =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 aria-invalid:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

/** A select beside other controls (list filters, one-line staff forms) in small text. */
export const COMPACT_SELECT_CLASS =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

/** A select beside other controls in body-size text (the status admin's incident forms). */
export const INLINE_SELECT_CLASS =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

function describedBy(...ids: (string | false | null | undefined)[]) {
  return ids.filter(Boolean).join(" ") || undefined;
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {errors[0]}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-xs text-slate-600 dark:text-slate-300">
      {children}
    </p>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "defaultValue" | "form">;

/** A labelled input with its error next to it. The error describes the field first, then the hint. */
export function Field({
  label,
  field,
  hint,
  ...input
}: { label: string; field: AnyField; hint?: ReactNode } & InputProps) {
  const id = fieldId(field.name);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        required={field.required}
        maxLength={field.maxLength}
        {...input}
        key={field.key}
        id={id}
        name={field.name}
        // A password is never sent back to the page, with or without JavaScript.
        defaultValue={input.type === "password" ? undefined : (field.initialValue ?? undefined)}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field.errors && `${id}-error`, hint ? `${id}-hint` : null)}
        className={FIELD_CONTROL_CLASS}
      />
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      <FieldError id={`${id}-error`} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({
  label,
  field,
  ...textarea
}: { label: string; field: AnyField } & Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  "name" | "id" | "defaultValue" | "form"
>) {
  const id = fieldId(field.name);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        maxLength={field.maxLength}
        {...textarea}
        key={field.key}
        id={id}
        name={field.name}
        defaultValue={field.initialValue ?? undefined}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field.errors && `${id}-error`)}
        className={`${FIELD_CONTROL_CLASS} p-2`}
      />
      <FieldError id={`${id}-error`} errors={field.errors} />
    </div>
  );
}

/**
 * A password input with a "Show password" toggle (a real button, so it works from the keyboard,
 * with aria-pressed saying its state). The toggle needs JavaScript, so it appears only once the
 * page is hydrated; without JavaScript the field is a plain password input.
 */
export function PasswordField({
  label,
  field,
  autoComplete,
  hint,
  extraDescription,
  children,
  ...input
}: {
  label: string;
  field: AnyField;
  autoComplete: "current-password" | "new-password";
  hint?: ReactNode;
  /** Ids of more text that describes the field (the live rules). */
  extraDescription?: string;
  children?: ReactNode;
} & Omit<InputProps, "type" | "autoComplete">) {
  const id = fieldId(field.name);
  const hydrated = useHydrated();
  const [visible, setVisible] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          required={field.required}
          maxLength={field.maxLength}
          {...input}
          key={field.key}
          id={id}
          name={field.name}
          type={visible ? "text" : "password"}
          autoComplete={autoComplete}
          // Browsers should not spell-check or capitalise a password shown as text.
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={field.errors ? true : undefined}
          aria-describedby={describedBy(field.errors && `${id}-error`, hint ? `${id}-hint` : null, extraDescription)}
          className={FIELD_CONTROL_CLASS}
        />
        {hydrated ? (
          <button
            type="button"
            aria-pressed={visible}
            aria-controls={id}
            onMouseDown={keepFocus}
            onClick={() => setVisible((shown) => !shown)}
            className="shrink-0 rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Show password<span className="sr-only"> {label}</span>
          </button>
        ) : null}
      </div>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      <FieldError id={`${id}-error`} errors={field.errors} />
      {children}
    </div>
  );
}

/**
 * A field for choosing a password, with the rules from app/auth/password-rules.ts as a checklist
 * that follows what the customer types (once JavaScript runs; before that it is a plain list).
 * The server checks the common-password list too; that list is too big to send to the browser.
 */
export function NewPasswordField({
  label,
  field,
  note,
  context = {},
}: {
  label: string;
  field: AnyField;
  note: string;
  context?: PasswordContext;
}) {
  const id = fieldId(field.name);
  const rulesId = `${id}-rules`;
  const value = typeof field.value === "string" ? field.value : "";
  const shownRules = PASSWORD_RULES.filter((rule) => rule.id !== "not-email" || context.email);
  return (
    <PasswordField
      label={label}
      field={field}
      autoComplete="new-password"
      minLength={PASSWORD_MIN_LENGTH}
      maxLength={PASSWORD_MAX_LENGTH}
      hint={note}
      extraDescription={rulesId}
    >
      <div id={rulesId} className="text-xs text-slate-700 dark:text-slate-300">
        <p>Your password needs:</p>
        <ul className="mt-1 space-y-0.5" data-testid="password-rules">
          {shownRules.map((rule) => {
            const state = value === "" ? "unknown" : rule.isMet(value, context) ? "met" : "unmet";
            return (
              <li
                key={rule.id}
                data-rule={rule.id}
                data-state={state}
                className={
                  state === "met"
                    ? "text-emerald-800 dark:text-emerald-300"
                    : state === "unmet"
                      ? "text-red-700 dark:text-red-400"
                      : undefined
                }
              >
                <span aria-hidden="true" className="inline-block w-4">
                  {state === "met" ? "✓" : state === "unmet" ? "✗" : "•"}
                </span>
                {rule.label}
                {state === "unknown" ? null : (
                  <span className="sr-only">{state === "met" ? " (done)" : " (not yet)"}</span>
                )}
              </li>
            );
          })}
          <li data-rule="not-common">
            <span aria-hidden="true" className="inline-block w-4">
              •
            </span>
            Not a commonly used password (checked when you submit)
          </li>
        </ul>
      </div>
    </PasswordField>
  );
}

export function FormMessage({
  tone,
  children,
  id,
}: {
  tone: "error" | "success" | "info";
  children: ReactNode;
  id?: string;
}) {
  const styles = {
    error: "border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200",
    success:
      "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
    info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  };
  return (
    <div
      id={id}
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border p-3 text-sm ${styles[tone]}`}
    >
      {children}
    </div>
  );
}

/** The parts of a Conform form's metadata the summary reads (any schema's form has them). */
type FormErrorState = {
  id: string;
  status?: "error" | "success";
  errors?: string[];
  allErrors: Record<string, string[]>;
};

export function errorSummaryId(form: { id: string }) {
  return `${form.id}-error-summary`;
}

/**
 * The form's errors at the top of the form: the form-wide message, then each field's message as
 * a link to that field. Without JavaScript the answer to a refused post is a whole new page, and
 * this summary is where the browser lands: it has `autofocus` in the server's HTML (the browser
 * focuses and scrolls to it on load). With JavaScript, focus goes to the first invalid field, or
 * here when the problem is not any one field's (see useServerErrorFocus).
 */
export function ErrorSummary({ form, hiddenFields = [] }: { form: FormErrorState; hiddenFields?: string[] }) {
  const hydrated = useHydrated();
  const errorsOf = (names: string[]) => names.flatMap((name) => form.allErrors[name] ?? []);
  // A hidden field (a link's token) has nothing to point at: its error reads as the form's own.
  const formErrors = [...(form.errors ?? []), ...errorsOf(hiddenFields)];
  const fieldErrors = Object.entries(form.allErrors).filter(
    ([name, errors]) => name !== "" && !hiddenFields.includes(name) && errors.length > 0,
  );
  // Only after a submit: errors found while typing are shown next to their field.
  if (form.status !== "error" || (formErrors.length === 0 && fieldErrors.length === 0)) return null;
  return (
    <div
      id={errorSummaryId(form)}
      role="alert"
      tabIndex={-1}
      autoFocus={!hydrated}
      data-testid="error-summary"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 focus:outline-2 focus:outline-offset-2 focus:outline-red-700 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
    >
      {formErrors.map((message) => (
        <p key={message}>{message}</p>
      ))}
      {fieldErrors.length > 0 ? (
        <>
          {formErrors.length > 0 ? null : (
            <p className="font-medium">Please correct {fieldErrors.length === 1 ? "this" : "these"}:</p>
          )}
          <ul className="mt-1 list-disc pl-5">
            {fieldErrors.map(([name, errors]) => (
              <li key={name}>
                <a href={`#${fieldId(name)}`} className="underline">
                  {errors[0]}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * After the server refuses a form (with JavaScript): password inputs are emptied, as a full-page
 * answer leaves them, and a form-wide error (wrong password, too many attempts) takes focus.
 * Conform itself focuses the first invalid field when a field is to blame.
 */
export function useServerErrorFocus(form: { id: string }, lastResult: SubmissionResult<string[]> | null | undefined) {
  const handled = useRef<unknown>(null);
  const formId = form.id;
  useEffect(() => {
    if (!lastResult || handled.current === lastResult || lastResult.status !== "error") return;
    handled.current = lastResult;
    const element = document.getElementById(formId);
    if (!(element instanceof HTMLFormElement)) return;
    for (const input of element.querySelectorAll<HTMLInputElement>("input[autocomplete$='-password']"))
      input.value = "";
    if (!lastResult.error?.[""]?.length) return;
    // The summary renders once Conform has taken in the answer: focus it on the next frame.
    const frame = requestAnimationFrame(() => document.getElementById(errorSummaryId({ id: formId }))?.focus());
    return () => cancelAnimationFrame(frame);
  }, [formId, lastResult]);
}

/**
 * Keeps focus where it is when a button is pressed with a pointer. Otherwise the field being left
 * is validated on blur between mousedown and mouseup; its message moves the button down, the
 * mouseup lands elsewhere, and the click (the submit, the toggle) never happens.
 */
function keepFocus(event: MouseEvent<HTMLButtonElement>) {
  event.preventDefault();
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending?: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      onMouseDown={keepFocus}
      className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
    >
      {pending ? "Working…" : children}
    </button>
  );
}

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md py-6">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <div className="mt-6 space-y-5">{children}</div>
    </div>
  );
}
