import type { ActionFunctionArgs } from "@remix-run/node";
import { handleInboundWebhook } from "~/email/webhook.server";

/** Inbound mail delivered by webhook (raw RFC 822, bearer INBOUND_EMAIL_SECRET): app/email/webhook.server.ts. */
export const action = ({ request }: ActionFunctionArgs) => handleInboundWebhook(request);

export const loader = () =>
  new Response(JSON.stringify({ error: "Deliver mail with POST and the raw message as the body." }), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "application/json; charset=utf-8" },
  });
