import { getOptionalUser } from "../auth/guards.server";
import { isStaff } from "../auth/roles";
import { ANONYMOUS_VIEWER, type Viewer } from "./types";

/**
 * Who is searching, as the engines' visibility filter needs it. Staff see
 * every document; a member sees public ones and those of their own customer
 * account. (When app/auth/permissions.ts lands, "staff may read any ticket"
 * is its rule; this is the one place search asks.)
 */
export async function viewerOf(request: Request): Promise<Viewer> {
  const user = await getOptionalUser(request);
  if (!user) return ANONYMOUS_VIEWER;
  if (isStaff(user.role)) return { kind: "staff" };
  return { kind: "member", accountId: user.account?.id ?? null };
}
