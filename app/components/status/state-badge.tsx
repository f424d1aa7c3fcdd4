const STATE_STYLES: Record<string, string> = {
  operational: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  degraded: "bg-yellow-100 text-yellow-900 dark:bg-yellow-950 dark:text-yellow-200",
  "partial-outage": "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  "major-outage": "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  maintenance: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
};

/** A component state as words on a tinted pill (the words carry the meaning, never the colour alone). */
export function StateBadge({ state, label }: { state: string; label: string }) {
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${STATE_STYLES[state] ?? STATE_STYLES.operational}`}
    >
      {label}
    </span>
  );
}

export function stateBannerClass(state: string) {
  return STATE_STYLES[state] ?? STATE_STYLES.operational;
}
