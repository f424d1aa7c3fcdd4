-- AlterTable
ALTER TABLE "User" ADD COLUMN     "theme" TEXT;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "excerpt" TEXT NOT NULL DEFAULT '';

