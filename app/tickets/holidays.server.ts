import { prisma } from "../lib/db.server";

/** The support holiday calendar (Eastern dates): covered time for SLA due times skips these days. */
export const holidayCalendar = {
  list: () => prisma.supportHoliday.findMany({ orderBy: { date: "asc" } }),
  /** A day as holidaySchema (app/tickets/schemas.ts) reads it from the form: a real date and a name. */
  add: (date: string, name: string) =>
    prisma.supportHoliday.upsert({ where: { date }, create: { date, name }, update: { name } }),
  remove: (date: string) => prisma.supportHoliday.deleteMany({ where: { date } }),
};
