/** Attachment limits and the accepted types, shared by the form (to say them) and the server (to enforce them). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TICKET_BYTES = 25 * 1024 * 1024;
export const ALLOWED_TYPES_LABEL =
  "PNG, JPEG, GIF or WebP images, PDF, plain text, JSON, HAR network traces, MP4 or WebM recordings";

/**
 * The most one ticket form may send (the production server refuses more before the page runs). Past
 * the caps above a form is still read to its end, file bytes thrown away as they arrive, so the
 * customer gets the form back with what they typed and a message; this bounds how long that goes on.
 */
export const MAX_UPLOAD_REQUEST_BYTES = 2 * MAX_TICKET_BYTES;

export function megabytes(bytes: number) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
