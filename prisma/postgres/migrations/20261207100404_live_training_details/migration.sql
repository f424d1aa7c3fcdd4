-- AlterTable
ALTER TABLE "LiveTrainingRequest" ADD COLUMN     "durationMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "joinUrl" TEXT NOT NULL DEFAULT '';

