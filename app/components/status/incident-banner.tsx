import { Link } from "@remix-run/react";

export type BannerIncident = { id: string; title: string; statusLabel: string; url: string };

/** The strip under the site header on every page while an incident is open (or maintenance runs). */
export function IncidentBanner({ incidents }: { incidents: readonly BannerIncident[] }) {
  if (incidents.length === 0) return null;
  const [first, ...rest] = incidents;
  return (
    <div
      role="region"
      aria-label="Service status"
      data-testid="incident-banner"
      className="border-b border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm">
        <span className="font-semibold">{first.statusLabel}:</span> {first.title}
        {rest.length ? ` (and ${rest.length} more)` : ""}.{" "}
        <Link to={first.url} className="font-medium underline">
          See the status page
        </Link>
      </p>
    </div>
  );
}
