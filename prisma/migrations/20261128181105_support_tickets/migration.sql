-- CreateTable
CREATE TABLE "Ticket" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TicketMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "byStaff" BOOLEAN NOT NULL DEFAULT false,
    "bodyMarkdown" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketMessage_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "messageId" TEXT,
    "uploaderId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketAttachment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromValue" TEXT NOT NULL DEFAULT '',
    "toValue" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketEvent_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TicketSurvey" (
    "ticketId" TEXT NOT NULL PRIMARY KEY,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rating" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "answeredAt" DATETIME,
    CONSTRAINT "TicketSurvey_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeflectionSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitorId" TEXT,
    "userId" TEXT,
    "query" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'open',
    "ticketId" TEXT,
    "settledAt" DATETIME,
    "held" BOOLEAN
);

-- CreateTable
CREATE TABLE "DeflectionSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "offeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" DATETIME,
    "confirmedAt" DATETIME,
    CONSTRAINT "DeflectionSuggestion_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "DeflectionSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupportHoliday" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_seq_key" ON "Ticket"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_accountId_createdAt_idx" ON "Ticket"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_status_firstResponseDueAt_idx" ON "Ticket"("status", "firstResponseDueAt");

-- CreateIndex
CREATE INDEX "Ticket_status_priority_createdAt_idx" ON "Ticket"("status", "priority", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_idx" ON "Ticket"("assigneeId");

-- CreateIndex
CREATE INDEX "Ticket_closedAt_idx" ON "Ticket"("closedAt");

-- CreateIndex
CREATE INDEX "TicketMessage_ticketId_createdAt_idx" ON "TicketMessage"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketAttachment_ticketId_idx" ON "TicketAttachment"("ticketId");

-- CreateIndex
CREATE INDEX "TicketAttachment_sha256_idx" ON "TicketAttachment"("sha256");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketId_createdAt_idx" ON "TicketEvent"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketEvent_kind_createdAt_idx" ON "TicketEvent"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "DeflectionSession_visitorId_startedAt_idx" ON "DeflectionSession"("visitorId", "startedAt");

-- CreateIndex
CREATE INDEX "DeflectionSession_userId_startedAt_idx" ON "DeflectionSession"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "DeflectionSession_outcome_startedAt_idx" ON "DeflectionSession"("outcome", "startedAt");

-- CreateIndex
CREATE INDEX "DeflectionSuggestion_documentId_idx" ON "DeflectionSuggestion"("documentId");

-- CreateIndex
CREATE UNIQUE INDEX "DeflectionSuggestion_sessionId_documentId_key" ON "DeflectionSuggestion"("sessionId", "documentId");

