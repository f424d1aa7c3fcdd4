import type { FieldMetadata } from "@conform-to/react";
import { useState, type ReactNode } from "react";
import { FIELD_CONTROL_CLASS, fieldId } from "~/components/forms";
import { ONE_CLICK_ANSWERS, USERS_AFFECTED_CHOICES, USERS_AFFECTED_NUMBER } from "~/tickets/schemas";

/**
 * The ticket form's own fields: sections that each fit one desktop screen, "users affected" as
 * choices, and the answers the guide allows without typing ("none", "not reproducible") as one
 * click. Everything works without JavaScript; with it, a ticked answer shades its text box.
 */

type TextField = FieldMetadata<string | null | undefined>;

/** The field look, at the width of a number beside the choices rather than the column's. */
const COUNT_CONTROL_CLASS = FIELD_CONTROL_CLASS.replace("w-full", "w-28");

/** One step of the form, titled, so the long list of essentials reads as a few short screens. */
export function FormSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      aria-describedby={description ? `${id}-description` : undefined}
      data-testid={`ticket-section-${id}`}
    >
      <legend className="px-1 text-lg font-semibold">{title}</legend>
      {description ? (
        <p id={`${id}-description`} className="text-sm text-slate-600 dark:text-slate-300">
          {description}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}

function ErrorText({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {errors[0]}
    </p>
  ) : null;
}

/** "Just me / Some of our users / Everyone in our account / A number: [  ]"; a typed number picks its choice. */
export function UsersAffectedField({ field, countField }: { field: TextField; countField: TextField }) {
  const known = USERS_AFFECTED_CHOICES.some((choice) => choice.value === field.initialValue);
  // An answer from elsewhere (a link, an older form) that is none of the choices stays as it was typed.
  const initial = known ? field.initialValue : null;
  const [chosen, setChosen] = useState<string | null | undefined>(initial);
  const errorId = `${fieldId(field.name)}-error`;
  const countId = fieldId(countField.name);
  return (
    <fieldset className="space-y-1" aria-describedby={field.errors ? errorId : undefined}>
      <legend className="text-sm font-medium">Number of users affected (required)</legend>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {USERS_AFFECTED_CHOICES.map((choice, index) => (
          <label key={choice.value} className="inline-flex items-center gap-2 text-sm">
            <input
              type="radio"
              name={field.name}
              value={choice.value}
              // The first choice carries the field's id, so the error summary's link lands on the group.
              id={index === 0 ? fieldId(field.name) : undefined}
              defaultChecked={initial === choice.value}
              onChange={() => setChosen(choice.value)}
              aria-invalid={field.errors ? true : undefined}
            />
            {choice.label}
            {choice.value === USERS_AFFECTED_NUMBER ? ":" : null}
          </label>
        ))}
        <input
          id={countId}
          name={countField.name}
          key={countField.key}
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={8}
          defaultValue={countField.initialValue ?? undefined}
          aria-label="How many users"
          aria-invalid={countField.errors ? true : undefined}
          aria-describedby={countField.errors ? `${countId}-error` : undefined}
          onInput={(event) => {
            // Typing a number is choosing "A number".
            if (event.currentTarget.value === "" || chosen === USERS_AFFECTED_NUMBER) return;
            const radio = event.currentTarget.form?.querySelector<HTMLInputElement>(
              `input[name="${field.name}"][value="${USERS_AFFECTED_NUMBER}"]`,
            );
            if (radio) radio.checked = true;
            setChosen(USERS_AFFECTED_NUMBER);
          }}
          className={COUNT_CONTROL_CLASS}
        />
      </div>
      <ErrorText id={errorId} errors={field.errors} />
      <ErrorText id={`${countId}-error`} errors={countField.errors} />
    </fieldset>
  );
}

type OneClickName = keyof typeof ONE_CLICK_ANSWERS;

/**
 * A required text box with the answer the guide allows instead ("No error message appears"): ticked,
 * the box's words become the answer, and anything typed is kept after them as a note.
 */
export function OneClickAnswerField({
  name,
  label,
  field,
  boxField,
  rows,
  placeholder,
}: {
  name: OneClickName;
  label: string;
  field: TextField;
  boxField: TextField;
  rows: number;
  placeholder?: string;
}) {
  const option = ONE_CLICK_ANSWERS[name];
  const [ticked, setTicked] = useState(boxField.initialValue === "on");
  const id = fieldId(field.name);
  const boxId = fieldId(boxField.name);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4">
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <label htmlFor={boxId} className="inline-flex items-center gap-2 text-sm">
          <input
            id={boxId}
            type="checkbox"
            name={boxField.name}
            key={boxField.key}
            defaultChecked={boxField.initialValue === "on"}
            onChange={(event) => setTicked(event.currentTarget.checked)}
            data-testid={`one-click-${name}`}
          />
          {option.label}
        </label>
      </div>
      <textarea
        id={id}
        name={field.name}
        key={field.key}
        rows={rows}
        maxLength={field.maxLength}
        defaultValue={field.initialValue ?? undefined}
        placeholder={ticked ? `“${option.answer}”; add a note if you like` : placeholder}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={field.errors ? `${id}-error` : undefined}
        className={`${FIELD_CONTROL_CLASS} p-2 ${ticked ? "bg-slate-50 dark:bg-slate-800" : ""}`}
      />
      <ErrorText id={`${id}-error`} errors={field.errors} />
    </div>
  );
}
