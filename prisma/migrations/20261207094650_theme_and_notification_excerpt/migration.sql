-- AlterTable
ALTER TABLE "User" ADD COLUMN "theme" TEXT;

-- AlterTable (written by hand: SQLite adds a NOT NULL column with a constant default in place,
-- so the Notification table need not be copied as the generated diff did)
ALTER TABLE "Notification" ADD COLUMN "excerpt" TEXT NOT NULL DEFAULT '';
