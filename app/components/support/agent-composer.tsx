import { Form } from "@remix-run/react";
import { useCallback, useRef } from "react";
import { useResetAfterSend } from "~/components/use-reset-after-send";

export type ComposerMode = "public" | "internal";
/** A refused message comes back with its mode and text, so the agent fixes it instead of typing it again. */
export type RefusedMessage = { visibility: ComposerMode; draft: string; error: string };

const TEXTAREA = "w-full rounded-md border bg-white p-2 text-slate-900 dark:bg-slate-900 dark:text-slate-100";

/**
 * The agent's composer: a public reply and an internal note are two modes with a form and a draft
 * each, switched by a Public reply / Internal note choice. The note mode looks different (amber,
 * labelled "only staff see this") and its button says "Add internal note", so the two cannot be
 * confused, and a public reply can never carry the note's text: the note is in another textarea
 * that the reply's form does not send. The switch is CSS (:has on the checked radio), so it works
 * without JavaScript; the radios sit outside both forms and are never submitted.
 */
export function AgentComposer({ refused }: { refused: RefusedMessage | null }) {
  const initialMode = refused?.visibility ?? "public";
  return (
    <div className="group/composer space-y-3" data-testid="agent-composer">
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="mb-2 text-sm font-medium">Write</legend>
        <ModeChoice
          id="composer-mode-public"
          label="Public reply"
          defaultChecked={initialMode === "public"}
          tone="public"
        />
        <ModeChoice
          id="composer-mode-internal"
          label="Internal note"
          defaultChecked={initialMode === "internal"}
          tone="internal"
        />
      </fieldset>
      <ModeForm mode="public" refused={refused?.visibility === "public" ? refused : null} />
      <ModeForm mode="internal" refused={refused?.visibility === "internal" ? refused : null} />
    </div>
  );
}

function ModeChoice({
  id,
  label,
  defaultChecked,
  tone,
}: {
  id: string;
  label: string;
  defaultChecked: boolean;
  tone: ComposerMode;
}) {
  const checked =
    tone === "public"
      ? "has-[:checked]:border-sky-700 has-[:checked]:bg-sky-700 has-[:checked]:text-white"
      : "has-[:checked]:border-amber-500 has-[:checked]:bg-amber-200 has-[:checked]:text-amber-950 dark:has-[:checked]:bg-amber-700 dark:has-[:checked]:text-white";
  return (
    <label
      htmlFor={id}
      className={`flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-600 dark:border-slate-600 ${checked}`}
    >
      <input
        type="radio"
        id={id}
        name="composer-mode"
        value={tone}
        defaultChecked={defaultChecked}
        className="accent-current"
      />
      {label}
    </label>
  );
}

const MODES = {
  public: {
    formId: "public-reply-form",
    textareaId: "agent-reply",
    label: "Message to the customer",
    hint: "The customer sees this reply and is emailed about it.",
    submit: "Send public reply",
    // Shown only while its radio is checked.
    shown: "group-has-[#composer-mode-public:checked]/composer:block",
    box: "border-sky-200 bg-white dark:border-sky-900 dark:bg-slate-950",
    textarea: "border-slate-300 dark:border-slate-600",
    button: "bg-sky-700 text-white hover:bg-sky-800",
  },
  internal: {
    formId: "internal-note-form",
    textareaId: "agent-note",
    label: "Note for the team",
    hint: "Only staff see internal notes; the customer is not told.",
    submit: "Add internal note",
    shown: "group-has-[#composer-mode-internal:checked]/composer:block",
    box: "border-amber-400 bg-amber-100 dark:border-amber-700 dark:bg-amber-950/60",
    textarea: "border-amber-400 dark:border-amber-700",
    button: "bg-amber-800 text-white hover:bg-amber-900",
  },
} as const;

function ModeForm({ mode, refused }: { mode: ComposerMode; refused: RefusedMessage | null }) {
  const settings = MODES[mode];
  const form = useRef<HTMLFormElement>(null);
  const isOwn = useCallback(
    (formData: FormData) => formData.get("intent") === "reply" && formData.get("visibility") === mode,
    [mode],
  );
  const reset = useCallback(() => form.current?.reset(), []);
  const pending = useResetAfterSend({ isOwn, failed: refused !== null, reset });
  const errorId = `${settings.textareaId}-error`;
  return (
    <Form
      ref={form}
      method="post"
      encType="multipart/form-data"
      id={settings.formId}
      className={`hidden space-y-2 rounded-lg border p-3 ${settings.box} ${settings.shown}`}
    >
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="visibility" value={mode} />
      {mode === "internal" ? (
        <p className="text-sm font-semibold text-amber-900 dark:text-amber-100" data-testid="internal-mode-label">
          Internal note · only staff see this
        </p>
      ) : null}
      <label htmlFor={settings.textareaId} className="block text-sm font-medium">
        {settings.label}
      </label>
      <p id={`${settings.textareaId}-hint`} className="text-xs text-slate-700 dark:text-slate-300">
        {settings.hint}
      </p>
      <textarea
        id={settings.textareaId}
        name="body"
        rows={5}
        required
        defaultValue={refused?.draft}
        aria-invalid={refused ? true : undefined}
        aria-describedby={refused ? `${settings.textareaId}-hint ${errorId}` : `${settings.textareaId}-hint`}
        className={`${TEXTAREA} ${settings.textarea}`}
      />
      {refused ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {refused.error}
        </p>
      ) : null}
      <label className="block text-sm">
        <span className="font-medium">Attach files</span>
        <input type="file" name="attachments" multiple className="mt-1 block text-sm" />
      </label>
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${settings.button}`}
      >
        {pending ? "Sending…" : settings.submit}
      </button>
    </Form>
  );
}
