import { z } from "zod";

/**
 * Whole numbers that arrive as text (ids and post numbers in URLs, query strings and forms) and end up
 * in a database query. The database's Int columns are 32-bit in PostgreSQL, and the query engine
 * refuses anything past 2^63 ("Unable to fit value"), so a number outside the range must be a 400 or a
 * 404 here, never a query. Every route parameter and form schema that carries one parses it here.
 */
export const MAX_DATABASE_INT = 2_147_483_647;

const DIGITS = /^\d{1,12}$/;

/** Digits only (no sign, exponent, hex or decimals); blank is "missing". Numbers pass through for the schema to check. */
function fromText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return DIGITS.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A form field holding an id or a number from 1 to MAX_DATABASE_INT; `message` for anything else (missing included). */
export function positiveIntSchema(message: string) {
  return z.preprocess(
    fromText,
    z
      .number({ required_error: message, invalid_type_error: message })
      .int(message)
      .min(1, message)
      .max(MAX_DATABASE_INT, message),
  );
}

const anyPositiveInt = positiveIntSchema("Not a positive whole number in range.");

/** The number in a route parameter, query string or form value, or null when it is not one from 1 to MAX_DATABASE_INT. */
export function parsePositiveInt(value: unknown): number | null {
  const parsed = anyPositiveInt.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : null;
}
