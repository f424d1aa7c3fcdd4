import { isRole, isStaff } from "../auth/roles";

/** The badge beside an author's name on a post: one, the most telling. */
export type AuthorBadge = "Staff" | "Expert" | "New member" | null;

/** Accounts younger than this, or with fewer posts than NEW_MEMBER_POSTS, are new members. */
export const NEW_MEMBER_DAYS = 7;
export const NEW_MEMBER_POSTS = 3;

export function authorBadge(
  author: { role: string; isExpert: boolean; createdAt: Date; postCount: number },
  now: Date,
): AuthorBadge {
  if (isRole(author.role) && isStaff(author.role)) return "Staff";
  if (author.isExpert) return "Expert";
  const young = now.getTime() - author.createdAt.getTime() < NEW_MEMBER_DAYS * 24 * 60 * 60 * 1000;
  return young || author.postCount < NEW_MEMBER_POSTS ? "New member" : null;
}
