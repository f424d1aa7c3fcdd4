-- CreateTable
CREATE TABLE "IncidentTicket" (
    "ticketId" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "linkedById" TEXT NOT NULL,
    "linkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IncidentTicket_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentTicket_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "from" TEXT NOT NULL DEFAULT '',
    "replyTo" TEXT NOT NULL DEFAULT '',
    "messageId" TEXT NOT NULL DEFAULT '',
    "inReplyTo" TEXT NOT NULL DEFAULT '',
    "references" TEXT NOT NULL DEFAULT '',
    "autoSubmitted" TEXT NOT NULL DEFAULT '',
    "ticketId" TEXT,
    "calendar" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_OutboxEmail" ("attempts", "autoSubmitted", "createdAt", "from", "id", "inReplyTo", "lastError", "messageId", "nextAttemptAt", "references", "replyTo", "sentAt", "status", "subject", "text", "ticketId", "to") SELECT "attempts", "autoSubmitted", "createdAt", "from", "id", "inReplyTo", "lastError", "messageId", "nextAttemptAt", "references", "replyTo", "sentAt", "status", "subject", "text", "ticketId", "to" FROM "OutboxEmail";
DROP TABLE "OutboxEmail";
ALTER TABLE "new_OutboxEmail" RENAME TO "OutboxEmail";
CREATE INDEX "OutboxEmail_createdAt_idx" ON "OutboxEmail"("createdAt");
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");
CREATE INDEX "OutboxEmail_messageId_idx" ON "OutboxEmail"("messageId");
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'incident',
    "impact" TEXT NOT NULL DEFAULT 'minor',
    "status" TEXT NOT NULL DEFAULT 'investigating',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "scheduledStart" DATETIME,
    "scheduledEnd" DATETIME,
    "rootCauseHtml" TEXT NOT NULL DEFAULT '',
    "nextUpdateDueAt" DATETIME,
    "overdueRemindedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "reviewStartsAt" DATETIME,
    "reviewMinutes" INTEGER NOT NULL DEFAULT 60,
    "reviewLocation" TEXT NOT NULL DEFAULT '',
    "reviewSequence" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Incident" ("createdAt", "createdById", "id", "impact", "kind", "nextUpdateDueAt", "overdueRemindedAt", "resolvedAt", "rootCauseHtml", "scheduledEnd", "scheduledStart", "startedAt", "status", "title", "updatedAt") SELECT "createdAt", "createdById", "id", "impact", "kind", "nextUpdateDueAt", "overdueRemindedAt", "resolvedAt", "rootCauseHtml", "scheduledEnd", "scheduledStart", "startedAt", "status", "title", "updatedAt" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_status_startedAt_idx" ON "Incident"("status", "startedAt");
CREATE INDEX "Incident_kind_scheduledStart_idx" ON "Incident"("kind", "scheduledStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "IncidentTicket_incidentId_idx" ON "IncidentTicket"("incidentId");

