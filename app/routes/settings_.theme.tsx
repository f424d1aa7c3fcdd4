import type { ActionFunctionArgs } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getOptionalUser, safeRedirect } from "~/auth/guards.server";
import { saveTheme } from "~/auth/users.server";
import { THEMES, themeCookie } from "~/lib/theme";

/**
 * POST /settings/theme: the colour theme, from Settings or the account menu. Kept on this device (a
 * cookie the server renders the page from) and, when signed in, on the account. Without JavaScript
 * the form comes back to the page it was sent from; with it, a fetcher gets JSON and the root
 * revalidates into the new theme.
 */
const themeSchema = z.object({
  theme: z.enum(THEMES, { message: "Choose light, dark or system." }),
  returnTo: z.string().max(2048).optional(),
  _fetch: z.literal("1").optional(),
});

export async function loader() {
  return redirect("/settings#appearance");
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: themeSchema });
  // A resource route: Response.json keeps its status (data() here would answer 200).
  if (submission.status !== "success")
    return Response.json({ ok: false, error: "Choose light, dark or system." }, { status: 400 });
  const { theme, returnTo, _fetch } = submission.value;
  const user = await getOptionalUser(request);
  if (user) await saveTheme(user, theme);
  const headers = { "Set-Cookie": themeCookie(theme, new URL(request.url).protocol === "https:") };
  if (_fetch) return Response.json({ ok: true, theme }, { headers });
  return redirect(safeRedirect(returnTo, "/settings#appearance"), { status: 303, headers });
}
