/**
 * The coarse location a session keeps, and how the settings page words it. Shared by the
 * lookup (location.server.ts, which writes it at sign-in) and the page, so it holds no data file.
 */

/** Stored for a private, loopback, link-local or carrier-NAT address: a real place would be a guess. */
export const LOCAL_NETWORK = "local";

/** What Session.location holds: an ISO 3166-1 alpha-2 code, LOCAL_NETWORK, or null (unknown). */
export type StoredLocation = string | null;

export const UNKNOWN_LOCATION_LABEL = "Unknown location";
export const LOCAL_NETWORK_LABEL = "Local network";

const COUNTRY_CODE = /^[A-Z]{2}$/;

export function isCountryCode(value: unknown): value is string {
  return typeof value === "string" && COUNTRY_CODE.test(value);
}

let regionNames: Intl.DisplayNames | null = null;

/** "DE" → "Germany" (English, whatever the server's locale); anything unrecognised → "Unknown location". */
export function describeLocation(stored: StoredLocation): string {
  if (stored === LOCAL_NETWORK) return LOCAL_NETWORK_LABEL;
  if (!isCountryCode(stored)) return UNKNOWN_LOCATION_LABEL;
  regionNames ??= new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const name = regionNames.of(stored);
  // fallback "none" gives undefined for a code ICU does not know; ZZ is ICU's own "Unknown Region".
  return name && stored !== "ZZ" ? name : UNKNOWN_LOCATION_LABEL;
}
