import { THEME_COOKIE, parseCookieHeader } from "./cookies";

/**
 * The colour theme: light, dark, or "system" (follow the device's setting). A choice is kept twice:
 * on the account (so a new device follows it once signed in) and in a cookie on the device (so the
 * server renders the chosen theme into the first paint, signed in or not, with no flash). On a device
 * that has chosen, its cookie wins; elsewhere the account's choice applies; with neither, "system".
 */
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = { light: "Light", dark: "Dark", system: "System" };

export function parseTheme(value: unknown): Theme | null {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value) ? (value as Theme) : null;
}

/** The theme a page is rendered in. */
export function resolveTheme(cookieHeader: string | null | undefined, accountTheme: Theme | null | undefined): Theme {
  return parseTheme(parseCookieHeader(cookieHeader).get(THEME_COOKIE)) ?? accountTheme ?? "system";
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Set-Cookie for the device's choice; HttpOnly, since only the server reads it (to render the page). */
export function themeCookie(theme: Theme, secure: boolean): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The `color-scheme` the browser paints its own parts (scrollbars, form controls, the canvas) in. */
export function colorSchemeOf(theme: Theme): string {
  return theme === "system" ? "light dark" : theme;
}
