import type { AuthorBadge as Badge } from "~/forum/badges";

const STYLES: Record<Exclude<Badge, null>, string> = {
  Staff: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100",
  Expert:
    "border-violet-300 bg-violet-50 text-violet-900 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-100",
  "New member":
    "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
};

export function AuthorBadge({ badge }: { badge: Badge }) {
  if (!badge) return null;
  return <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[badge]}`}>{badge}</span>;
}

export function Pill({
  tone,
  children,
}: {
  tone: "solved" | "pinned" | "locked" | "question";
  children: React.ReactNode;
}) {
  const styles = {
    solved:
      "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100",
    pinned: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100",
    locked: "border-slate-300 bg-slate-100 text-slate-800 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100",
    question: "border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200",
  };
  return (
    <span className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${styles[tone]}`}>
      {children}
    </span>
  );
}
