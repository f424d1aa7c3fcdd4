import { ThemeChoice } from "~/components/theme/theme-choice";
import type { Theme } from "~/lib/theme";

/** The colour theme: saved on the account and on this device (app/lib/theme.ts). */
export function AppearanceSection({ theme }: { theme: Theme }) {
  return (
    <section id="appearance" aria-labelledby="appearance-heading" className="space-y-3">
      <h2 id="appearance-heading" className="text-xl font-semibold">
        Appearance
      </h2>
      <p className="text-slate-700 dark:text-slate-300">
        <strong>System</strong> follows your device’s light or dark setting. Your choice is kept on this device and on
        your account, so other devices where you have not chosen follow it once you sign in.
      </p>
      <p id="appearance-theme-label" className="font-medium">
        Theme
      </p>
      <ThemeChoice current={theme} returnTo="/settings#appearance" labelId="appearance-theme-label" />
    </section>
  );
}
