-- CreateTable
CREATE TABLE "ChatConversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "agentId" TEXT,
    "visitedPaths" TEXT NOT NULL DEFAULT '[]',
    "timeZone" TEXT NOT NULL DEFAULT '',
    "deflectionSessionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedAt" DATETIME,
    "firstResponseAt" DATETIME,
    "endedAt" DATETIME,
    "endedBy" TEXT NOT NULL DEFAULT '',
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "customerDeliveredSeq" INTEGER NOT NULL DEFAULT 0,
    "customerReadSeq" INTEGER NOT NULL DEFAULT 0,
    "agentDeliveredSeq" INTEGER NOT NULL DEFAULT 0,
    "agentReadSeq" INTEGER NOT NULL DEFAULT 0,
    "rating" INTEGER,
    "screenState" TEXT NOT NULL DEFAULT '',
    "screenReason" TEXT NOT NULL DEFAULT '',
    "ticketId" TEXT
);

-- CreateTable
CREATE TABLE "ChatEvent" (
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "authorId" TEXT,
    "byStaff" BOOLEAN NOT NULL DEFAULT false,
    "bodyMarkdown" TEXT NOT NULL DEFAULT '',
    "bodyHtml" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("conversationId", "seq"),
    CONSTRAINT "ChatEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "ChatConversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatAgent" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'away',
    "capacity" INTEGER NOT NULL DEFAULT 3,
    "lastAssignedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DeflectionSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitorId" TEXT,
    "userId" TEXT,
    "query" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'open',
    "channel" TEXT NOT NULL DEFAULT 'contact',
    "ticketId" TEXT,
    "settledAt" DATETIME,
    "held" BOOLEAN
);
INSERT INTO "new_DeflectionSession" ("held", "id", "outcome", "query", "settledAt", "startedAt", "ticketId", "updatedAt", "userId", "visitorId") SELECT "held", "id", "outcome", "query", "settledAt", "startedAt", "ticketId", "updatedAt", "userId", "visitorId" FROM "DeflectionSession";
DROP TABLE "DeflectionSession";
ALTER TABLE "new_DeflectionSession" RENAME TO "DeflectionSession";
CREATE INDEX "DeflectionSession_visitorId_startedAt_idx" ON "DeflectionSession"("visitorId", "startedAt");
CREATE INDEX "DeflectionSession_userId_startedAt_idx" ON "DeflectionSession"("userId", "startedAt");
CREATE INDEX "DeflectionSession_outcome_startedAt_held_id_idx" ON "DeflectionSession"("outcome", "startedAt", "held", "id");
CREATE INDEX "DeflectionSession_id_held_idx" ON "DeflectionSession"("id", "held");
CREATE INDEX "DeflectionSession_startedAt_outcome_held_idx" ON "DeflectionSession"("startedAt", "outcome", "held");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ChatConversation_customerId_createdAt_idx" ON "ChatConversation"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "ChatConversation_status_createdAt_idx" ON "ChatConversation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ChatConversation_agentId_status_idx" ON "ChatConversation"("agentId", "status");

-- CreateIndex
CREATE INDEX "ChatConversation_createdAt_idx" ON "ChatConversation"("createdAt");

-- CreateIndex
CREATE INDEX "ChatConversation_endedAt_idx" ON "ChatConversation"("endedAt");

