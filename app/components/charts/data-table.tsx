export type TableData = {
  id: string;
  caption: string;
  columns: string[];
  rows: (string | number | null)[][];
  empty?: string;
};

/** A table of an insights section with its CSV download; `collapsed` puts long per-day tables behind a disclosure. */
export function DataTable({
  table,
  csvHref,
  collapsed = false,
}: {
  table: TableData;
  csvHref: string;
  collapsed?: boolean;
}) {
  const body =
    table.rows.length === 0 ? (
      <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-600 dark:text-slate-300">
        {table.empty ?? "No data yet."}
      </p>
    ) : (
      // Focusable, so keyboard users can scroll a table wider than a phone.
      <div className="overflow-x-auto" role="region" aria-label={table.caption} tabIndex={0}>
        <table className="w-full text-left text-sm" data-testid={`table-${table.id}`}>
          <caption className="sr-only">{table.caption}</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              {table.columns.map((column, index) => (
                <th key={column} scope="col" className={`py-1.5 pr-4 ${index > 0 ? "text-right" : ""}`}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => (
              <tr key={rowIndex} className="border-b border-slate-200 align-top dark:border-slate-700">
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row" className="max-w-md py-1.5 pr-4 font-normal break-words">
                      {cell ?? "–"}
                    </th>
                  ) : (
                    <td
                      key={index}
                      className={`py-1.5 pr-4 ${typeof cell === "number" ? "text-right tabular-nums" : "text-right"}`}
                    >
                      {cell ?? "–"}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  const download = (
    <a className="text-sm text-sky-700 underline dark:text-sky-400" href={csvHref} download={`${table.id}.csv`}>
      Download CSV<span className="sr-only">: {table.caption}</span>
    </a>
  );
  if (collapsed)
    return (
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium">Data table: {table.caption}</summary>
        <div className="mt-2 space-y-2">
          {body}
          {download}
        </div>
      </details>
    );
  return (
    <div className="mt-4 min-w-0 space-y-2">
      <h3 className="font-semibold">{table.caption}</h3>
      {body}
      {download}
    </div>
  );
}
