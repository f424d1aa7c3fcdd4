export const ROLES = ["member", "agent", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ["agent", "moderator", "admin"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isStaff(role: Role) {
  return STAFF_ROLES.includes(role);
}
