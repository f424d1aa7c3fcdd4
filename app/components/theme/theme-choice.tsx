import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useHydrated } from "~/components/forms";
import { THEMES, THEME_LABELS, colorSchemeOf, parseTheme, type Theme } from "~/lib/theme";

/**
 * Light / Dark / System as three toggle buttons posting to /settings/theme (app/routes/settings_.theme.tsx).
 * Without JavaScript the post comes back to `returnTo`; with it, the new theme is applied to the page at
 * once and the server's answer (the root revalidating) confirms it.
 */
export function ThemeChoice({
  current,
  returnTo,
  labelId,
  compact = false,
}: {
  current: Theme;
  returnTo: string;
  /** The id of the visible text naming the group ("Theme", "Colour theme"). */
  labelId: string;
  compact?: boolean;
}) {
  const fetcher = useFetcher<{ ok: boolean }>();
  const hydrated = useHydrated();
  const pending = fetcher.formData ? parseTheme(fetcher.formData.get("theme")) : null;
  const shown = pending ?? current;

  useEffect(() => {
    if (!pending) return;
    document.documentElement.dataset.theme = pending;
    document.querySelector('meta[name="color-scheme"]')?.setAttribute("content", colorSchemeOf(pending));
  }, [pending]);

  return (
    <fetcher.Form method="post" action="/settings/theme" preventScrollReset>
      <input type="hidden" name="returnTo" value={returnTo} />
      {hydrated ? <input type="hidden" name="_fetch" value="1" /> : null}
      <div
        role="group"
        aria-labelledby={labelId}
        className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600"
      >
        {THEMES.map((theme) => (
          <button
            key={theme}
            type="submit"
            name="theme"
            value={theme}
            aria-pressed={shown === theme}
            data-testid={`theme-${theme}`}
            className={`rounded px-2.5 ${compact ? "py-1 text-xs" : "py-1.5 text-sm"} font-medium ${
              shown === theme
                ? "bg-sky-700 text-white"
                : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            }`}
          >
            {THEME_LABELS[theme]}
          </button>
        ))}
      </div>
    </fetcher.Form>
  );
}
