-- CreateTable
CREATE TABLE "InboundEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "via" TEXT NOT NULL,
    "envelopeFrom" TEXT NOT NULL DEFAULT '',
    "envelopeTo" TEXT NOT NULL DEFAULT '',
    "clientAddress" TEXT NOT NULL DEFAULT '',
    "raw" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "messageId" TEXT NOT NULL DEFAULT '',
    "fromAddress" TEXT NOT NULL DEFAULT '',
    "fromName" TEXT NOT NULL DEFAULT '',
    "subject" TEXT NOT NULL DEFAULT '',
    "queue" TEXT NOT NULL DEFAULT 'general',
    "status" TEXT NOT NULL DEFAULT 'received',
    "note" TEXT NOT NULL DEFAULT '',
    "authResult" TEXT NOT NULL DEFAULT '',
    "authDetails" TEXT NOT NULL DEFAULT '',
    "ticketId" TEXT,
    "ticketMessageId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "decidedById" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "EmailReplyKey" (
    "keyHash" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
    "ticketId" TEXT
);
INSERT INTO "new_OutboxEmail" ("attempts", "createdAt", "id", "lastError", "nextAttemptAt", "sentAt", "status", "subject", "text", "to") SELECT "attempts", "createdAt", "id", "lastError", "nextAttemptAt", "sentAt", "status", "subject", "text", "to" FROM "OutboxEmail";
DROP TABLE "OutboxEmail";
ALTER TABLE "new_OutboxEmail" RENAME TO "OutboxEmail";
CREATE INDEX "OutboxEmail_createdAt_idx" ON "OutboxEmail"("createdAt");
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");
CREATE INDEX "OutboxEmail_messageId_idx" ON "OutboxEmail"("messageId");
CREATE TABLE "new_Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "descriptionMarkdown" TEXT NOT NULL,
    "descriptionHtml" TEXT NOT NULL,
    "businessImpact" TEXT NOT NULL,
    "usersAffected" TEXT NOT NULL,
    "issueStartedAt" DATETIME NOT NULL,
    "errorMessages" TEXT NOT NULL DEFAULT '',
    "stepsToReproduce" TEXT NOT NULL DEFAULT '',
    "alreadyTried" TEXT NOT NULL DEFAULT '',
    "systemSpecs" TEXT NOT NULL DEFAULT '',
    "recentChanges" TEXT NOT NULL DEFAULT '',
    "relatedTicketNumbers" TEXT NOT NULL DEFAULT '',
    "priority" INTEGER NOT NULL,
    "plan" TEXT NOT NULL,
    "p1Confirmed" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'new',
    "escalationLevel" INTEGER NOT NULL DEFAULT 1,
    "assigneeId" TEXT,
    "firstResponseDueAt" DATETIME NOT NULL,
    "firstRespondedAt" DATETIME,
    "nextUpdateDueAt" DATETIME,
    "slaPausedAt" DATETIME,
    "slaPausedMs" INTEGER NOT NULL DEFAULT 0,
    "firstResponseBreachAlertedAt" DATETIME,
    "updateOverdueAlertedAt" DATETIME,
    "solvedAt" DATETIME,
    "closedAt" DATETIME,
    "deflectionTrail" TEXT NOT NULL DEFAULT '[]',
    "deflectionSessionId" TEXT,
    "ideaId" INTEGER,
    "channel" TEXT NOT NULL DEFAULT 'web',
    "queue" TEXT NOT NULL DEFAULT 'general',
    "emailTarget" BOOLEAN NOT NULL DEFAULT false,
    "senderVerification" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Ticket" ("accountId", "alreadyTried", "assigneeId", "businessImpact", "closedAt", "contactName", "contactPhone", "createdAt", "deflectionSessionId", "deflectionTrail", "descriptionHtml", "descriptionMarkdown", "errorMessages", "escalationLevel", "firstRespondedAt", "firstResponseBreachAlertedAt", "firstResponseDueAt", "id", "ideaId", "issueStartedAt", "nextUpdateDueAt", "number", "p1Confirmed", "plan", "priority", "recentChanges", "relatedTicketNumbers", "requesterId", "seq", "slaPausedAt", "slaPausedMs", "solvedAt", "status", "stepsToReproduce", "subject", "systemSpecs", "updateOverdueAlertedAt", "updatedAt", "usersAffected") SELECT "accountId", "alreadyTried", "assigneeId", "businessImpact", "closedAt", "contactName", "contactPhone", "createdAt", "deflectionSessionId", "deflectionTrail", "descriptionHtml", "descriptionMarkdown", "errorMessages", "escalationLevel", "firstRespondedAt", "firstResponseBreachAlertedAt", "firstResponseDueAt", "id", "ideaId", "issueStartedAt", "nextUpdateDueAt", "number", "p1Confirmed", "plan", "priority", "recentChanges", "relatedTicketNumbers", "requesterId", "seq", "slaPausedAt", "slaPausedMs", "solvedAt", "status", "stepsToReproduce", "subject", "systemSpecs", "updateOverdueAlertedAt", "updatedAt", "usersAffected" FROM "Ticket";
DROP TABLE "Ticket";
ALTER TABLE "new_Ticket" RENAME TO "Ticket";
CREATE UNIQUE INDEX "Ticket_seq_key" ON "Ticket"("seq");
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");
CREATE INDEX "Ticket_accountId_createdAt_idx" ON "Ticket"("accountId", "createdAt");
CREATE INDEX "Ticket_status_firstResponseDueAt_idx" ON "Ticket"("status", "firstResponseDueAt");
CREATE INDEX "Ticket_status_priority_createdAt_idx" ON "Ticket"("status", "priority", "createdAt");
CREATE INDEX "Ticket_assigneeId_idx" ON "Ticket"("assigneeId");
CREATE INDEX "Ticket_closedAt_idx" ON "Ticket"("closedAt");
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");
CREATE INDEX "Ticket_priority_plan_createdAt_firstResponseDueAt_firstRespondedAt_idx" ON "Ticket"("priority", "plan", "createdAt", "firstResponseDueAt", "firstRespondedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "InboundEmail_status_receivedAt_idx" ON "InboundEmail"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundEmail_messageId_idx" ON "InboundEmail"("messageId");

-- CreateIndex
CREATE INDEX "InboundEmail_ticketId_idx" ON "InboundEmail"("ticketId");

-- CreateIndex
CREATE INDEX "EmailReplyKey_ticketId_idx" ON "EmailReplyKey"("ticketId");

