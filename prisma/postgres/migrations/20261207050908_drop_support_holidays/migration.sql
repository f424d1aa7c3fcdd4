-- DropTable
DROP TABLE "SupportHoliday";

