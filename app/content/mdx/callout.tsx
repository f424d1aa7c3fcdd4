import type { ReactNode } from "react";

const STYLES = {
  note: { label: "Note", icon: "ℹ", className: "border-sky-500 bg-sky-50 dark:bg-sky-950/40" },
  tip: { label: "Tip", icon: "✓", className: "border-emerald-500 bg-emerald-50 dark:bg-emerald-950/40" },
  warning: { label: "Warning", icon: "!", className: "border-amber-500 bg-amber-50 dark:bg-amber-950/40" },
} as const;

export type CalloutType = keyof typeof STYLES;

export function Callout({ type = "note", title, children }: { type?: CalloutType; title?: string; children: ReactNode }) {
  const style = STYLES[type] ?? STYLES.note;
  return (
    <aside className={`not-prose my-6 rounded-md border-l-4 p-4 ${style.className}`} aria-label={title ?? style.label} data-callout={type}>
      <p className="mb-1 flex items-center gap-2 font-semibold">
        <span aria-hidden="true" className="inline-flex h-5 w-5 items-center justify-center rounded-full border border-current text-xs">
          {style.icon}
        </span>
        {title ?? style.label}
      </p>
      <div className="prose prose-slate max-w-none text-sm dark:prose-invert [&>*:first-child]:mt-0 [&>*:last-child]:mb-0">{children}</div>
    </aside>
  );
}
