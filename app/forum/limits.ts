/**
 * Forum limits that pages show without validating anything: a module without zod, so a component that
 * only needs a number (a maxLength) does not ship the schemas to every reader.
 */

/** The note a reader writes when flagging an accepted answer as outdated (app/forum/qa-hygiene.server.ts). */
export const OUTDATED_NOTE_MAX_LENGTH = 500;
