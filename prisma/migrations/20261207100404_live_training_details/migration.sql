-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LiveTrainingRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "attendees" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "preferredAt1" DATETIME NOT NULL,
    "preferredAt2" DATETIME NOT NULL,
    "preferredAt3" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "confirmedStart" DATETIME,
    "durationMinutes" INTEGER NOT NULL DEFAULT 60,
    "joinUrl" TEXT NOT NULL DEFAULT '',
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "reminderSentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_LiveTrainingRequest" ("accountId", "attendees", "confirmedAt", "confirmedById", "confirmedStart", "createdAt", "id", "preferredAt1", "preferredAt2", "preferredAt3", "reminderSentAt", "requestedById", "status", "timeZone", "topic") SELECT "accountId", "attendees", "confirmedAt", "confirmedById", "confirmedStart", "createdAt", "id", "preferredAt1", "preferredAt2", "preferredAt3", "reminderSentAt", "requestedById", "status", "timeZone", "topic" FROM "LiveTrainingRequest";
DROP TABLE "LiveTrainingRequest";
ALTER TABLE "new_LiveTrainingRequest" RENAME TO "LiveTrainingRequest";
CREATE INDEX "LiveTrainingRequest_status_confirmedStart_idx" ON "LiveTrainingRequest"("status", "confirmedStart");
CREATE INDEX "LiveTrainingRequest_accountId_createdAt_idx" ON "LiveTrainingRequest"("accountId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

