import { useEffect, useState } from "react";
import { formatInZone } from "~/webinars/schedule";
import { SUPPORT_TIME_ZONE } from "~/support/policy";

/**
 * A time rendered in Eastern on the server (where the viewer's zone is unknown)
 * and re-rendered in the viewer's own zone once the browser takes over.
 */
export function LocalTime({ iso }: { iso: string }) {
  const instant = new Date(iso);
  const [text, setText] = useState(() => formatInZone(instant, SUPPORT_TIME_ZONE));
  useEffect(() => {
    setText(formatInZone(new Date(iso), undefined));
  }, [iso]);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}
