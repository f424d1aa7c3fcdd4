/** Attachment limits and the accepted types, shared by the form (to say them) and the server (to enforce them). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TICKET_BYTES = 25 * 1024 * 1024;
export const ALLOWED_TYPES_LABEL = "PNG, JPEG, GIF or WebP images, PDF, plain text, JSON, HAR network traces, MP4 or WebM recordings";
