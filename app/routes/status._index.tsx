import { data, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cacheableHeaders } from "~/content/http";
import { IncidentCard } from "~/components/status/incident-card";
import { StateBadge, stateBannerClass } from "~/components/status/state-badge";
import { UptimeBars, UptimeLegend } from "~/components/status/uptime-bars";
import { statusPage } from "~/status/status-page.server";
import { PLAN_NAMES, PLANS } from "~/support/policy";
import { withSeo } from "~/seo/meta";

/** The public status page: the same HTML for every visitor (times turn local in the browser), cached until a status write. */
export async function loader() {
  return data(await statusPage());
}

export const headers = cacheableHeaders;

export const meta: MetaFunction = withSeo(() => [
  { title: "System status · TechFlow Help Center" },
  {
    name: "description",
    content: "Current state of TechFlow services, incidents, scheduled maintenance and 90-day uptime.",
  },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: "TechFlow status",
    href: "/status/feed.atom",
  },
]);

export default function StatusPage() {
  const page = useLoaderData<typeof loader>();
  // The reference line uses the entry plan's figure; the legend lists every plan's.
  const reference = { label: PLAN_NAMES[PLANS[0]], percent: page.slaReference[PLANS[0]] };
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">System status</h1>
        <p
          className={`mt-4 rounded-lg px-4 py-3 text-lg font-semibold ${stateBannerClass(page.overall.state)}`}
          data-testid="overall-status"
        >
          {page.overall.headline}
        </p>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">
          Times are shown in your time zone.{" "}
          <Link to="/status/subscribe" className="text-sky-700 underline dark:text-sky-400">
            Get updates by email
          </Link>{" "}
          ·{" "}
          <a href="/status/feed.atom" className="text-sky-700 underline dark:text-sky-400">
            Atom feed
          </a>{" "}
          ·{" "}
          <a href="/status.json" className="text-sky-700 underline dark:text-sky-400">
            status.json
          </a>
        </p>
      </div>

      {page.open.length ? (
        <section aria-labelledby="open-incidents">
          <h2 id="open-incidents" className="text-xl font-semibold">
            Open incidents
          </h2>
          <div className="mt-3 space-y-4">
            {page.open.map((incident) => (
              <IncidentCard key={incident.id} incident={incident} />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="components">
        <h2 id="components" className="text-xl font-semibold">
          Components
        </h2>
        <UptimeLegend sla={reference} />
        <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-700">
          {page.components.map((component) => (
            <li key={component.id} className="py-4" data-testid={`component-${component.slug}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-semibold">{component.name}</h3>
                <StateBadge state={component.state} label={component.stateLabel} />
              </div>
              {component.description ? (
                <p className="text-sm text-slate-600 dark:text-slate-300">{component.description}</p>
              ) : null}
              <UptimeBars name={component.name} days={component.days} uptime={component.uptime} sla={reference} />
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
          How this page counts uptime (its own measure, not the terms of the SLA): time in a partial or major outage
          counts as down, and scheduled maintenance is left out. Uptime the SLA guarantees by plan:{" "}
          {PLANS.map((plan) => `${PLAN_NAMES[plan]} ${page.slaReference[plan]} %`).join(", ")}.
        </p>
      </section>

      <section aria-labelledby="maintenance">
        <h2 id="maintenance" className="text-xl font-semibold">
          Scheduled maintenance
        </h2>
        {page.upcomingMaintenance.length === 0 ? (
          <p className="mt-2 text-slate-600 dark:text-slate-300">No maintenance is scheduled.</p>
        ) : null}
        <div className="mt-3 space-y-4">
          {page.upcomingMaintenance.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </div>
        {page.pastMaintenance.length ? (
          <>
            <h3 className="mt-6 font-semibold">Past maintenance</h3>
            <div className="mt-3 space-y-4">
              {page.pastMaintenance.map((incident) => (
                <IncidentCard key={incident.id} incident={incident} />
              ))}
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="history">
        <h2 id="history" className="text-xl font-semibold">
          Past incidents (90 days)
        </h2>
        {page.history.length === 0 ? (
          <p className="mt-2 text-slate-600 dark:text-slate-300">No incidents in the last 90 days.</p>
        ) : null}
        <div className="mt-3 space-y-4">
          {page.history.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </div>
      </section>
    </div>
  );
}
