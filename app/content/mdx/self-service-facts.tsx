import {
  SELF_SERVICE,
  SUPPORT_TIME_ZONE_NAME,
  SUPPORT_TIME_ZONE_NOTE,
  WEEKLY_WEBINAR,
  formatHour,
  offeredOnThisSite,
} from "~/support/policy";

/** MDX components for the self-service resources, the webinar slot and the time zone; values from the policy module. */

/**
 * The guide names separate hosts for the portal, knowledge base, forum, docs and status page; this help
 * center serves all of them itself. Prose links to the page here, never to a host this site is not.
 */
const SITE_PAGES = {
  portal: "/support",
  kb: "/kb",
  community: "/community",
  docs: "/docs",
  status: "/status",
} as const;

export function SiteUrl({ site }: { site: keyof typeof SITE_PAGES }) {
  const path = SITE_PAGES[site] ?? SITE_PAGES.portal;
  return <a href={path}>{path}</a>;
}

/** Where each self-service resource lives on this site (training is the webinars page). */
const RESOURCE_PAGES: Record<keyof typeof SELF_SERVICE, string> = {
  knowledgeBase: "/kb",
  community: "/community",
  documentation: "/docs",
  training: "/webinars",
  statusPage: "/status",
};

export function SelfServiceResources() {
  return (
    <div className="not-prose my-6 grid gap-4 sm:grid-cols-2">
      {(Object.keys(SELF_SERVICE) as (keyof typeof SELF_SERVICE)[]).map((key) => {
        const resource = SELF_SERVICE[key];
        return (
          <section key={resource.name} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
            <h3 className="font-semibold">
              <a className="text-sky-700 underline dark:text-sky-300" href={RESOURCE_PAGES[key]}>
                {resource.name}
              </a>
            </h3>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {offeredOnThisSite(resource.offers).map((offer) => (
                <li key={offer}>{offer}</li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export function TrainingResources() {
  return (
    <ul>
      {offeredOnThisSite(SELF_SERVICE.training.offers).map((offer) =>
        // The guide writes the webinar slot as "Tuesdays 2PM EST"; the site names the zone one way.
        offer.startsWith("Weekly webinars") ? (
          <li key={offer}>
            Weekly webinars, <WebinarTime />
          </li>
        ) : (
          <li key={offer}>{offer}</li>
        ),
      )}
    </ul>
  );
}

export function WebinarTime() {
  return (
    <strong>
      {WEEKLY_WEBINAR.weekdayName}s at {formatHour(WEEKLY_WEBINAR.hour)} {SUPPORT_TIME_ZONE_NAME}
    </strong>
  );
}

/** The one explanation of "Eastern Time" (EST/EDT) for pages that give hours. */
export function TimeZoneNote() {
  return <p className="text-sm">{SUPPORT_TIME_ZONE_NOTE}</p>;
}
