import { useEffect, useState } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/**
 * Built once: an Intl formatter costs far more to construct than to use, and a thread page shows
 * several times per post (a server render of 20 posts spent a quarter of its time building them).
 */
const relativeFormat = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
const exactFormats = new Map<string, Intl.DateTimeFormat>();

function exactFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let format = exactFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
    exactFormats.set(key, format);
  }
  return format;
}

export function relativeTimeText(iso: string, now: number): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return "just now";
  const format = relativeFormat;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(-Math.round(seconds / size), unit);
  }
  return format.format(-Math.round(seconds / 60), "minute");
}

function exactText(iso: string, timeZone?: string) {
  return exactFormat(timeZone).format(new Date(iso));
}

/**
 * "2 hours ago", with the exact moment on hover (title) and for machines (dateTime). The server's
 * text may come from the page cache, so the browser recomputes it (and the exact time in the
 * viewer's own zone) once it runs.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const [texts, setTexts] = useState(() => ({
    relative: relativeTimeText(iso, Date.now()),
    exact: exactText(iso, "UTC"),
  }));
  useEffect(() => {
    setTexts({ relative: relativeTimeText(iso, Date.now()), exact: exactText(iso) });
  }, [iso]);
  return (
    <time dateTime={iso} title={texts.exact} className={className} suppressHydrationWarning>
      {texts.relative}
    </time>
  );
}
