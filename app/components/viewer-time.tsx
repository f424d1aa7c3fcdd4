import { useEffect, useState } from "react";

const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

function format(iso: string, timeZone: string | undefined) {
  const instant = new Date(iso);
  const text = instant.toLocaleString("en-US", { ...FORMAT, timeZone });
  const zone = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
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
