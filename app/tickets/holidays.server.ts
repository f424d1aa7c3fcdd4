import { prisma } from "../lib/db.server";

/** The support holiday calendar (Eastern dates): covered time for SLA due times skips these days. */
export const holidayCalendar = {
  list: () => prisma.supportHoliday.findMany({ orderBy: { date: "asc" } }),
  async add(date: string, name: string): Promise<{ ok: true } | { ok: false; message: string }> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return { ok: false, message: "Give the date as YYYY-MM-DD." };
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) return { ok: false, message: "Give the holiday a name (up to 100 characters)." };
    await prisma.supportHoliday.upsert({ where: { date }, create: { date, name: trimmed }, update: { name: trimmed } });
    return { ok: true };
  },
  remove: (date: string) => prisma.supportHoliday.deleteMany({ where: { date } }),
};
