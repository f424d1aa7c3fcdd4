import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/** A full-width text box or select on an idea's page (comment, staff forms). */
export const IDEA_INPUT_CLASS =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";
export const IDEA_BUTTON_CLASS =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800";
export const IDEA_PRIMARY_BUTTON_CLASS =
  "rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60";

/** A form of one button that posts an intent (follow, pin, hide, undo a merge) to the idea page's action. */
export function IntentButton({ intent, children }: { intent: string; children: ReactNode }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={IDEA_BUTTON_CLASS}>
        {children}
      </button>
    </Form>
  );
}
