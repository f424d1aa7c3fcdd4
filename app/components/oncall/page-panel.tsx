import { Form } from "@remix-run/react";
import { ViewerTime } from "~/components/viewer-time";

export type PageStatus = {
  pagedAt: string;
  primary: string | null;
  secondary: string | null;
  secondaryPagedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
};

/** On the agent's ticket page: who the Priority 1 page went to, and the button that stops it. */
export function OnCallPagePanel({ page }: { page: PageStatus }) {
  const open = !page.acknowledgedAt && !page.resolvedAt;
  return (
    <section
      aria-labelledby="on-call-page"
      data-testid="on-call-page"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <h2 id="on-call-page" className="font-semibold">
        On-call page
      </h2>
      <p>
        Paged {page.primary ?? "every agent (nobody on call)"} at <ViewerTime iso={page.pagedAt} />
        {page.secondaryPagedAt ? (
          <>
            ; then {page.secondary ?? "every agent"} at <ViewerTime iso={page.secondaryPagedAt} />
          </>
        ) : null}
        .
      </p>
      {page.acknowledgedAt ? (
        <p>
          Acknowledged by {page.acknowledgedBy ?? "someone"} at <ViewerTime iso={page.acknowledgedAt} />.
        </p>
      ) : null}
      {page.resolvedAt ? (
        <p>
          Resolved at <ViewerTime iso={page.resolvedAt} />.
        </p>
      ) : null}
      {open ? (
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value="acknowledge" />
          <button
            type="submit"
            className="rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800"
          >
            Acknowledge the page
          </button>
        </Form>
      ) : null}
    </section>
  );
}
