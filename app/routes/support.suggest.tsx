import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { limitSearches } from "~/search/requests.server";
import { suggestionChoice } from "~/deflection/schemas";
import { recordOpened } from "~/deflection/deflection.server";
import { suggestFor, whoIs } from "~/deflection/suggest.server";
import { formIntent } from "~/lib/form-intent";

/** GET /support/suggest?subject=…&description=…&session=…: suggestions as JSON, recorded as offered in the visitor's flow. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const limit = await limitSearches(request);
  if (!limit.allowed)
    return Response.json(
      { error: "Too many searches; please slow down." },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  const subject = (url.searchParams.get("subject") ?? "").slice(0, 200);
  const description = (url.searchParams.get("description") ?? "").slice(0, 20_000);
  const result = await suggestFor(request, await whoIs(request), {
    subject,
    description,
    sessionId: url.searchParams.get("session"),
  });
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}

/** POST intent=open: the visitor expanded a suggestion in place. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  if (formIntent(form, ["open"]) !== "open") return Response.json({ error: "Unknown action." }, { status: 400 });
  const { session, documentId } = suggestionChoice(form);
  const recorded = await recordOpened(await whoIs(request), session, documentId);
  return Response.json({ recorded }, { status: recorded ? 200 : 404 });
}
