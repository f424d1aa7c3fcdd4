-- AlterTable
ALTER TABLE "DeflectionSession" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'contact';

-- CreateTable
CREATE TABLE "ChatConversation" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "agentId" TEXT,
    "visitedPaths" TEXT NOT NULL DEFAULT '[]',
    "timeZone" TEXT NOT NULL DEFAULT '',
    "deflectionSessionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedAt" TIMESTAMP(3),
    "firstResponseAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT NOT NULL DEFAULT '',
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "customerDeliveredSeq" INTEGER NOT NULL DEFAULT 0,
    "customerReadSeq" INTEGER NOT NULL DEFAULT 0,
    "agentDeliveredSeq" INTEGER NOT NULL DEFAULT 0,
    "agentReadSeq" INTEGER NOT NULL DEFAULT 0,
    "rating" INTEGER,
    "screenState" TEXT NOT NULL DEFAULT '',
    "screenReason" TEXT NOT NULL DEFAULT '',
    "ticketId" TEXT,

    CONSTRAINT "ChatConversation_pkey" PRIMARY KEY ("id")
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatEvent_pkey" PRIMARY KEY ("conversationId","seq")
);

-- CreateTable
CREATE TABLE "ChatAgent" (
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'away',
    "capacity" INTEGER NOT NULL DEFAULT 3,
    "lastAssignedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatAgent_pkey" PRIMARY KEY ("userId")
);

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

-- AddForeignKey
ALTER TABLE "ChatEvent" ADD CONSTRAINT "ChatEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "ChatConversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

