import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { attachmentForReader } from "~/tickets/ticket-reads.server";
import { attachmentResponse } from "~/tickets/attachments.server";

/** GET /support/attachments/<id>: the file, only for readers of its ticket (404 for anyone else). Images inline, everything else as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attachment = await attachmentForReader(user, params.id ?? "");
  if (!attachment) throw data({ message: "We could not find that file." }, { status: 404 });
  const response = await attachmentResponse(attachment);
  if (response.status === 410) throw data({ message: "This file is no longer stored." }, { status: 410 });
  return response;
}
