import type { FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { Field, TextAreaField } from "~/components/forms";
import { ALLOWED_TYPES_LABEL, MAX_FILE_BYTES, MAX_TICKET_BYTES } from "~/tickets/attachment-rules";

type TextField = FieldMetadata<string | null | undefined>;

const READ_ONLY_CLASS =
  "w-full rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200";

/** /support/new for someone whose sign-in belongs to no customer account: tickets need one. */
export function TicketNeedsAnAccount() {
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">File a ticket</h1>
      <p>
        Tickets are filed for a customer account, and your sign-in is not part of one yet. Ask your company’s account
        owner to invite you: they send an invitation from Your team in their settings, and you accept it signed in as
        you are now.
      </p>
      <p>
        <Link to="/support" className="text-sky-700 underline dark:text-sky-400">
          Back to contact support
        </Link>
      </p>
    </div>
  );
}

export function NewTicketHeader() {
  return (
    <header className="space-y-1">
      <p className="text-sm">
        <Link to="/support" className="text-sky-700 underline dark:text-sky-400">
          Contact support
        </Link>
      </p>
      <h1 className="text-3xl font-bold tracking-tight">File a ticket</h1>
      <p className="text-slate-700 dark:text-slate-200">
        Fields marked required are the ones support needs to start without asking you again.
      </p>
    </header>
  );
}

/** The account the ticket is filed for, shown but not editable (the server takes it from the sign-in). */
export function AccountFields({ name, number }: { name: string; number: string }) {
  return (
    <>
      <ReadOnlyField id="account-name" label="Account name" value={name} />
      <ReadOnlyField id="account-id" label="Account ID" value={number} />
    </>
  );
}

function ReadOnlyField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input id={id} value={value} readOnly className={READ_ONLY_CLASS} />
    </div>
  );
}

/** The guide's other optional additions, folded away: the attachments above them are always in view. */
export function HelpfulAdditions({
  fields,
}: {
  fields: { systemSpecs: TextField; recentChanges: TextField; relatedTicketNumbers: TextField };
}) {
  const refused = [fields.systemSpecs, fields.recentChanges, fields.relatedTicketNumbers].some(
    (field) => field.errors?.length,
  );
  return (
    <details className="rounded-lg border border-slate-200 p-3 dark:border-slate-700" open={refused}>
      <summary className="cursor-pointer font-medium">System specifications, recent changes, related tickets</summary>
      <div className="mt-3 space-y-4">
        <TextAreaField label="System specifications" field={fields.systemSpecs} rows={2} />
        <TextAreaField label="Recent changes made" field={fields.recentChanges} rows={2} />
        <Field
          label="Related ticket numbers"
          field={fields.relatedTicketNumbers}
          hint="Your account’s tickets, e.g. TF-2026-000123, separated by commas."
        />
      </div>
    </details>
  );
}

/** Browsers do not keep chosen files across a refused post, so the message asks for them again. */
export function AttachmentsField({ errors }: { errors: string[] | null | undefined }) {
  return (
    <div className="space-y-1">
      <label htmlFor="field-attachments" className="block text-sm font-medium">
        Attachments
      </label>
      <input
        id="field-attachments"
        type="file"
        name="attachments"
        multiple
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby="field-attachments-hint"
        className="block w-full text-sm"
      />
      <p id="field-attachments-hint" className="text-xs text-slate-600 dark:text-slate-300">
        {ALLOWED_TYPES_LABEL}. Up to {MAX_FILE_BYTES / 1024 / 1024} MB a file, {MAX_TICKET_BYTES / 1024 / 1024} MB in
        all.
      </p>
      {errors?.length ? (
        <p id="field-attachments-error" className="text-sm text-red-700 dark:text-red-400">
          {errors[0]} Choose the files again: browsers do not keep them.
        </p>
      ) : null}
    </div>
  );
}
