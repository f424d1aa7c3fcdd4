/** The Atom feed of incidents and maintenance, as text (escaped by hand: no XML library needed for this). */
export type AtomIncident = {
  id: string;
  title: string;
  kind: string;
  statusLabel: string;
  startedAt: string;
  updates: { statusLabel: string; bodyHtml: string; createdAt: string }[];
};

function escape(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function statusAtomFeed(origin: string, incidents: readonly AtomIncident[], now: Date): string {
  const updated = incidents.reduce(
    (latest, incident) => {
      const last = incident.updates[0]?.createdAt ?? incident.startedAt;
      return last > latest ? last : latest;
    },
    incidents.length ? "" : now.toISOString(),
  );
  const entries = incidents.map((incident) => {
    const last = incident.updates[0]?.createdAt ?? incident.startedAt;
    const body = incident.updates
      .map(
        (update) =>
          `<p><strong>${escape(update.statusLabel)}</strong> (${escape(update.createdAt)})</p>${update.bodyHtml}`,
      )
      .join("");
    return [
      "  <entry>",
      `    <id>${escape(`${origin}/status#incident-${incident.id}`)}</id>`,
      `    <title>${escape(`${incident.kind === "maintenance" ? "Maintenance" : "Incident"} · ${incident.statusLabel}: ${incident.title}`)}</title>`,
      `    <link rel="alternate" href="${escape(`${origin}/status#incident-${incident.id}`)}"/>`,
      `    <published>${escape(incident.startedAt)}</published>`,
      `    <updated>${escape(last)}</updated>`,
      `    <content type="html">${escape(body)}</content>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escape(`${origin}/status`)}</id>`,
    "  <title>TechFlow system status</title>",
    `  <link rel="self" href="${escape(`${origin}/status/feed.atom`)}"/>`,
    `  <link rel="alternate" href="${escape(`${origin}/status`)}"/>`,
    `  <updated>${escape(updated)}</updated>`,
    "  <author><name>TechFlow Solutions</name></author>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
