import { useEffect, useRef, useState, type TextareaHTMLAttributes } from "react";
import { useHydrated } from "~/components/forms";
import { MentionAutocomplete } from "~/components/notifications/mention-autocomplete";

type Renderer = (source: string, options: { highlight: boolean }) => string;
let loadingRenderer: Promise<Renderer> | null = null;

/** The shared Markdown pipeline, fetched the first time someone writes: readers never download it. */
function loadRenderer(): Promise<Renderer> {
  loadingRenderer ??= import("~/lib/markdown").then((module) => module.renderMarkdown);
  return loadingRenderer;
}

const INPUT_CLASS =
  "min-h-48 w-full rounded-md border border-slate-300 bg-white p-3 font-mono text-sm text-slate-900 aria-invalid:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";

/**
 * A Markdown textarea with a live preview beside it (below it on a phone). The preview is rendered
 * in the browser by the same sanitizing pipeline the server uses when the post is saved (without
 * code highlighting); without JavaScript there is just the textarea.
 */
export function MarkdownComposer({
  id,
  name,
  label,
  defaultValue,
  errors,
  maxLength,
  textareaRef,
  mentionsInThread,
  ...textarea
}: {
  id: string;
  name: string;
  label: string;
  defaultValue?: string;
  errors?: string[];
  maxLength: number;
  textareaRef?: React.RefObject<HTMLTextAreaElement>;
  /** In a reply: the thread whose participants "@" suggests. Elsewhere there is nobody to suggest (the member list is not public). */
  mentionsInThread?: number;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name" | "defaultValue" | "maxLength">) {
  const hydrated = useHydrated();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const [source, setSource] = useState(defaultValue ?? "");
  const [html, setHtml] = useState("");
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  useEffect(() => {
    if (!hydrated) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      loadRenderer().then(
        (render) => {
          if (!cancelled) setHtml(source.trim() ? render(source, { highlight: false }) : "");
        },
        () => undefined,
      );
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [hydrated, source]);

  // Text put in by "Quote" changes the textarea directly; follow it.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const follow = () => setSource(element.value);
    element.addEventListener("forum:inserted", follow);
    return () => element.removeEventListener("forum:inserted", follow);
  }, [ref]);

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className={hydrated ? "grid gap-4 md:grid-cols-2" : undefined}>
        <textarea
          {...textarea}
          ref={ref}
          id={id}
          name={name}
          defaultValue={defaultValue}
          maxLength={maxLength}
          onChange={(event) => {
            setSource(event.currentTarget.value);
            textarea.onChange?.(event);
          }}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={[errors?.length ? errorId : null, hintId].filter(Boolean).join(" ")}
          className={INPUT_CLASS}
        />
        {hydrated ? (
          <section
            aria-label="Preview"
            className="min-h-48 rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-600"
          >
            <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
              Preview
            </p>
            {html ? (
              <div
                data-testid="composer-preview"
                className="forum-post-body prose prose-slate max-w-none text-sm dark:prose-invert prose-a:text-sky-700 dark:prose-a:text-sky-400"
                // Rendered by app/lib/markdown.ts: raw HTML dropped, an allowlist applied, no script URLs.
                dangerouslySetInnerHTML={{ __html: html }}
              />
            ) : (
              <p className="text-sm text-slate-500 dark:text-slate-400">Your post will look like this.</p>
            )}
          </section>
        ) : null}
      </div>
      {hydrated && mentionsInThread !== undefined ? (
        <MentionAutocomplete textareaRef={ref} threadId={mentionsInThread} />
      ) : null}
      <p id={hintId} className="text-xs text-slate-600 dark:text-slate-300">
        Markdown: **bold**, _italic_, `code`, ``` fenced blocks ```, tables, - [ ] task lists, &gt; quotes. Put a
        help-center link (/kb/…) on a line of its own to show it as a card.
      </p>
      {errors?.length ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}
