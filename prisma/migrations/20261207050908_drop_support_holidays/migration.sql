-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SupportHoliday";
PRAGMA foreign_keys=on;

