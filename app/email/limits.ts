import { MAX_TICKET_BYTES } from "../tickets/attachment-rules";

/** One message may be as large as a ticket form's attachments together (25 MB); SMTP advertises it as SIZE. */
export const MAX_MESSAGE_BYTES = MAX_TICKET_BYTES;
/** Recipients of one message: support mail goes to one or two of our addresses, never to hundreds. */
export const MAX_RECIPIENTS = 20;
/** Text kept of one mail's body (the rest is cut with a note). */
export const MAX_BODY_CHARS = 50_000;
export const INBOUND_EMAIL_PATH = "/api/inbound-email";
