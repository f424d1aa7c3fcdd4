import type { ReactNode } from "react";

/** A column heading; numbers are right-aligned; null or false leaves the column out (a column only some viewers get). */
export type AdminColumn = string | { label: string; numeric: true } | null | false;

/** The admin pages' data table (jobs, audit log, users): scrolls sideways on a phone, one heading row, the caller's rows. */
export function AdminTable({
  columns,
  caption,
  testId,
  className = "mt-6",
  children,
}: {
  columns: AdminColumn[];
  caption?: string;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const shown = columns.filter((column): column is Exclude<AdminColumn, null | false> => !!column);
  return (
    // Focusable, so keyboard users can scroll a table wider than a phone (axe: scrollable-region-focusable).
    <div className={`${className} overflow-x-auto`} role="region" aria-label={caption ?? "Table"} tabIndex={0}>
      <table className="w-full text-left text-sm" data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-600">
            {shown.map((column, index) => {
              const label = typeof column === "string" ? column : column.label;
              const spacing = index === shown.length - 1 ? "py-2" : "py-2 pr-4";
              return (
                <th key={label} scope="col" className={typeof column === "string" ? spacing : `${spacing} text-right`}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
