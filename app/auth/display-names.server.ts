import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { can } from "./permissions";
import { isRole, STAFF_ROLES } from "./roles";

/**
 * Names that would pass a member off as staff. Members read "(Support)" after a name, or a support
 * agent's own name, as "this is TechFlow speaking"; only staff may write them. The marks are
 * refused anywhere in the name, in round or square brackets, in any case and spacing.
 */
export const STAFF_MARKS = ["Support", "Admin", "Staff", "Moderator"] as const;

const STAFF_MARK = new RegExp(`[(\\[]\\s*(?:${STAFF_MARKS.join("|")})\\s*[)\\]]`, "iu");
const STAFF_MARK_ANYWHERE = new RegExp(STAFF_MARK.source, "giu");

export function hasStaffMark(name: string): boolean {
  return STAFF_MARK.test(name);
}

/** How a name is compared with staff names: compatibility forms folded, case and spacing ignored, marks left out. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").replace(STAFF_MARK_ANYWHERE, " ").toLowerCase().replace(/\s+/g, " ").trim();
}

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Why this person may not take this display name (a sentence for the name field), or null when they
 * may. `person` is the user choosing it (id null while signing up). Staff are free to use marks and
 * each other's names; a member is refused a staff mark and any staff member's name.
 */
export async function reservedNameProblem(
  db: Db,
  person: { id: string | null; role: string },
  name: string,
): Promise<string | null> {
  if (isRole(person.role) && can({ id: person.id ?? "", role: person.role, account: null }, "names:staff")) return null;
  const marks = STAFF_MARKS.map((mark) => `“(${mark})”`).join(", ");
  if (hasStaffMark(name))
    return `${marks.replace(/, ([^,]*)$/, " and $1")} mark staff accounts. Choose a name without them.`;
  const key = nameKey(name);
  const staff = await db.user.findMany({
    where: { role: { in: [...STAFF_ROLES] }, ...(person.id ? { id: { not: person.id } } : {}) },
    select: { name: true },
  });
  if (staff.some((member) => nameKey(member.name) === key))
    return "A member of our staff goes by that name. Choose another, so nobody takes your posts for theirs.";
  return null;
}
