import { isRefusal } from "../app/lib/refusal";

/**
 * What a model call ended in: "done" when it went through, or the Refusal it threw ({ status, field,
 * fields, message }), so a test can state either in one expectation. Any other error fails the test.
 */
export async function outcome(
  work: Promise<unknown>,
): Promise<"done" | { status: number; field?: string; fields?: Record<string, string>; message: string }> {
  try {
    await work;
    return "done";
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return { status: error.status, field: error.field, fields: error.fields, message: error.message };
  }
}
