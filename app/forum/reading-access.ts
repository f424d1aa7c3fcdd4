import { can, type Actor } from "../auth/permissions";

/** Who sees what the forum hides from members: moderators read hidden threads and posts. */

export function canModerate(actor: Actor | null) {
  return can(actor, "forum:post:hide");
}
