import { useEffect, useState } from "react";

type Formats = { text: Intl.DateTimeFormat; zone: Intl.DateTimeFormat };

/** Built once per zone ("" is the browser's own): constructing an Intl formatter costs far more than using it. */
const formatsByZone = new Map<string, Formats>();

function formatsFor(timeZone: string | undefined): Formats {
  const key = timeZone ?? "";
  let formats = formatsByZone.get(key);
  if (!formats) {
    formats = {
      text: new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }),
      zone: new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }),
    };
    formatsByZone.set(key, formats);
  }
  return formats;
}

function format(iso: string, timeZone: string | undefined) {
  const instant = new Date(iso);
  const formats = formatsFor(timeZone);
  const text = formats.text.format(instant);
  const zone = formats.zone.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value;
  return zone ? `${text} ${zone}` : text;
}

/**
 * A moment in the viewer's own time zone. The server does not know that zone, so its HTML says
 * UTC (and says so); once the page is hydrated the browser rewrites it in local time, with the
 * zone's short name ("Nov 28, 2026, 6:22 PM GMT+1").
 */
export function ViewerTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => format(iso, "UTC"));
  useEffect(() => {
    setText(format(iso, undefined));
  }, [iso]);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}
