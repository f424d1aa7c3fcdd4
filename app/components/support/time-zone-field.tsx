import type { FieldMetadata } from "@conform-to/react";
import { useEffect, useId, useRef, useState } from "react";
import { useHydrated } from "~/components/forms";
import { SUPPORT_TIME_ZONE, SUPPORT_TIME_ZONE_NAME } from "~/support/policy";

const SELECT_CLASS =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

/** The browser's own IANA zone, or null where it cannot say. */
function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/**
 * The zone the customer's dates and times are in. Without JavaScript the page cannot know it, so the
 * choice starts at the support team's zone and is shown open. Once the page runs, it starts at the
 * browser's zone and reads as a sentence ("Times are in Europe/Berlin") with a button to change it,
 * so nobody files a ticket an ocean off without noticing.
 */
export function TimeZoneField({
  field,
  zones,
}: {
  field: FieldMetadata<string | null | undefined>;
  zones: readonly string[];
}) {
  const hydrated = useHydrated();
  const echoed = typeof field.initialValue === "string" && field.initialValue ? field.initialValue : null;
  const [zone, setZone] = useState(echoed ?? SUPPORT_TIME_ZONE);
  const [changing, setChanging] = useState(false);
  const select = useRef<HTMLSelectElement>(null);
  const hintId = useId();
  const id = `field-${field.name}`;

  // Once, after hydration: a value the server sent back (a refused form) is the customer's choice; otherwise use the browser's zone.
  useEffect(() => {
    if (echoed && echoed !== SUPPORT_TIME_ZONE) return;
    const detected = browserTimeZone();
    if (detected) setZone(detected);
    // Only the first render's value matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (changing) select.current?.focus();
  }, [changing]);

  const options = zones.includes(zone) ? zones : [zone, ...zones];
  const collapsed = hydrated && !changing;
  return (
    // Collapsed, the sentence sits level with the date field beside it.
    <div className={collapsed ? "space-y-1 md:pt-9" : "space-y-1"}>
      <label htmlFor={id} className={collapsed ? "sr-only" : "block text-sm font-medium"}>
        Your time zone
      </label>
      {collapsed ? (
        <p className="text-sm font-medium" id={hintId} data-testid="time-zone-summary">
          Times are in <strong>{zone}</strong>{" "}
          <button
            type="button"
            onClick={() => setChanging(true)}
            aria-controls={id}
            aria-expanded={false}
            className="text-sky-700 underline dark:text-sky-400"
          >
            (change)
          </button>
        </p>
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-300" id={hintId}>
          {hydrated
            ? "Detected from your browser; choose another if that is wrong."
            : `Shown in ${SUPPORT_TIME_ZONE_NAME} unless you choose your own zone.`}
        </p>
      )}
      <select
        ref={select}
        id={id}
        name={field.name}
        value={zone}
        onChange={(event) => setZone(event.currentTarget.value)}
        hidden={collapsed}
        aria-describedby={hintId}
        className={SELECT_CLASS}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
