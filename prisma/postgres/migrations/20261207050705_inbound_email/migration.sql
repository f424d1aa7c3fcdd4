-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "autoSubmitted" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "from" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "inReplyTo" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "messageId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "references" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "replyTo" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "ticketId" TEXT;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'web',
ADD COLUMN     "emailTarget" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "queue" TEXT NOT NULL DEFAULT 'general',
ADD COLUMN     "senderVerification" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "InboundEmail" (
    "id" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "envelopeFrom" TEXT NOT NULL DEFAULT '',
    "envelopeTo" TEXT NOT NULL DEFAULT '',
    "clientAddress" TEXT NOT NULL DEFAULT '',
    "raw" BYTEA NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailReplyKey" (
    "keyHash" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailReplyKey_pkey" PRIMARY KEY ("keyHash")
);

-- CreateIndex
CREATE INDEX "InboundEmail_status_receivedAt_idx" ON "InboundEmail"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "InboundEmail_messageId_idx" ON "InboundEmail"("messageId");

-- CreateIndex
CREATE INDEX "InboundEmail_ticketId_idx" ON "InboundEmail"("ticketId");

-- CreateIndex
CREATE INDEX "EmailReplyKey_ticketId_idx" ON "EmailReplyKey"("ticketId");

-- CreateIndex
CREATE INDEX "OutboxEmail_messageId_idx" ON "OutboxEmail"("messageId");

