import { LocalTime } from "~/components/local-time";

export type IncidentCardData = {
  id: string;
  title: string;
  kind: "incident" | "maintenance";
  impact: string;
  statusLabel: string;
  startedAt: string;
  resolvedAt: string | null;
  scheduledStart: string | null;
  scheduledEnd: string | null;
  nextUpdateDueAt: string | null;
  rootCauseHtml: string;
  components: { name: string; stateLabel: string }[];
  updates: { id: string; statusLabel: string; bodyHtml: string; createdAt: string }[];
};

/** An incident or maintenance with its timeline (newest update first); times in the visitor's zone. */
export function IncidentCard({ incident, headingLevel = 3 }: { incident: IncidentCardData; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article
      id={`incident-${incident.id}`}
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
      data-testid="incident"
    >
      <Heading className="text-lg font-semibold">{incident.title}</Heading>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        {incident.kind === "maintenance" && incident.scheduledStart && incident.scheduledEnd ? (
          <>
            <LocalTime iso={incident.scheduledStart} /> – <LocalTime iso={incident.scheduledEnd} />
          </>
        ) : (
          <>
            Started <LocalTime iso={incident.startedAt} />
            {incident.resolvedAt ? (
              <>
                {" "}
                · resolved <LocalTime iso={incident.resolvedAt} />
              </>
            ) : null}
          </>
        )}
        {incident.components.length
          ? ` · ${incident.components.map((component) => `${component.name} (${component.stateLabel})`).join(", ")}`
          : ""}
      </p>
      {incident.nextUpdateDueAt ? (
        <p className="mt-1 text-sm font-medium">
          Next update by <LocalTime iso={incident.nextUpdateDueAt} />
        </p>
      ) : null}
      <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
        {incident.updates.map((update) => (
          <li key={update.id}>
            <p className="text-sm">
              <strong>{update.statusLabel}</strong> · <LocalTime iso={update.createdAt} />
            </p>
            <div
              className="prose prose-sm max-w-none dark:prose-invert"
              dangerouslySetInnerHTML={{ __html: update.bodyHtml }}
            />
          </li>
        ))}
      </ol>
      {incident.rootCauseHtml ? (
        <details className="mt-3" id={`root-cause-${incident.id}`}>
          <summary className="cursor-pointer font-medium text-sky-700 underline dark:text-sky-400">
            Root cause analysis
          </summary>
          <div
            className="prose prose-sm mt-2 max-w-none dark:prose-invert"
            dangerouslySetInnerHTML={{ __html: incident.rootCauseHtml }}
          />
        </details>
      ) : null}
    </article>
  );
}
