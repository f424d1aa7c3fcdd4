import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { attachmentForReader } from "~/tickets/portal.server";
import { dispositionName, isInlineImage, openAttachment } from "~/tickets/attachments.server";

/** GET /support/attachments/<id>: the file, only for readers of its ticket (404 for anyone else). Images inline, everything else as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notFound = () => data({ message: "We could not find that file." }, { status: 404 });
  const attachment = await attachmentForReader(user, params.id ?? "");
  if (!attachment) throw notFound();
  let stored: Awaited<ReturnType<typeof openAttachment>>;
  try {
    // Streamed from disk: a 10 MB file is never held whole in memory.
    stored = await openAttachment(attachment.sha256);
  } catch {
    throw data({ message: "This file is no longer stored." }, { status: 410 });
  }
  const inline = isInlineImage(attachment.contentType);
  return new Response(stored.body, {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(stored.size),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; ${dispositionName(attachment.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
