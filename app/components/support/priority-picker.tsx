import type { FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import {
  CHANNELS,
  PRIORITIES,
  formatFirstResponseTarget,
  planIncludesPhone,
  type Plan,
  type PriorityLevel,
} from "~/support/policy";

/**
 * Urgency as the guide's priorities, each with its examples and the first-response target for the
 * customer's plan. Choosing P1 asks for the confirmation and offers the phone where the plan has it.
 */
export function PriorityPicker({
  plan,
  field,
  confirmField,
}: {
  plan: Plan;
  field: FieldMetadata<string | number | null | undefined>;
  confirmField: FieldMetadata<string | null | undefined>;
}) {
  const initial = Number(field.initialValue) as PriorityLevel;
  const [chosen, setChosen] = useState<PriorityLevel | null>([1, 2, 3, 4].includes(initial) ? initial : null);
  const errorId = "field-priority-error";
  return (
    <fieldset className="space-y-2" aria-describedby={field.errors ? errorId : undefined} id="field-priority">
      <legend className="text-sm font-medium">Urgency (priority)</legend>
      <div className="grid gap-2 md:grid-cols-2">
        {PRIORITIES.map((entry) => (
          <label
            key={entry.level}
            className={`flex cursor-pointer gap-3 rounded-lg border p-3 text-sm has-[:checked]:border-sky-700 has-[:checked]:bg-sky-50 dark:has-[:checked]:bg-sky-950 ${field.errors ? "border-red-600" : "border-slate-300 dark:border-slate-600"}`}
          >
            <input
              type="radio"
              name={field.name}
              value={entry.level}
              defaultChecked={chosen === entry.level}
              onChange={() => setChosen(entry.level)}
              className="mt-1"
            />
            <span>
              <span className="block font-semibold">
                Priority {entry.level}: {entry.name} ({entry.impact})
              </span>
              <span className="block text-slate-600 dark:text-slate-300">{entry.examples.join(" · ")}</span>
              <span className="mt-1 block text-xs">{formatFirstResponseTarget(plan, entry.level)}</span>
            </span>
          </label>
        ))}
      </div>
      {field.errors?.length ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {field.errors[0]}
        </p>
      ) : null}
      {chosen ? (
        <p
          className="rounded-md bg-slate-100 p-3 text-sm font-medium dark:bg-slate-800"
          data-testid="response-target"
          aria-live="polite"
        >
          {formatFirstResponseTarget(plan, chosen)}
        </p>
      ) : null}
      <div
        className={
          chosen === 1 || confirmField.errors
            ? "space-y-2 rounded-lg border border-red-300 p-3 dark:border-red-800"
            : "hidden"
        }
        data-testid="p1-confirmation"
      >
        <label className="flex gap-2 text-sm">
          <input
            type="checkbox"
            name={confirmField.name}
            id="field-p1Confirmed"
            defaultChecked={confirmField.initialValue === "on"}
            aria-describedby={confirmField.errors ? "field-p1Confirmed-error" : undefined}
          />
          <span>I confirm one of these is happening now: {PRIORITIES[0]?.examples.join(", ").toLowerCase()}.</span>
        </label>
        {confirmField.errors?.length ? (
          <p id="field-p1Confirmed-error" className="text-sm text-red-700 dark:text-red-400">
            {confirmField.errors[0]}
          </p>
        ) : null}
        {planIncludesPhone(plan) ? (
          <p className="text-sm">
            For a service outage, calling is fastest:{" "}
            <a href={`tel:${CHANNELS.phone.number}`} className="font-medium text-sky-700 underline dark:text-sky-400">
              {CHANNELS.phone.mnemonic} ({CHANNELS.phone.number})
            </a>
            .
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
