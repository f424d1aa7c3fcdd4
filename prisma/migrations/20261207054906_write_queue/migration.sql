-- AlterTable
ALTER TABLE "ForumPost" ADD COLUMN "bodyHash" TEXT;

-- CreateTable
CREATE TABLE "QueuedTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" DATETIME,
    "leaseHolder" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "QueuedTask_dedupeKey_key" ON "QueuedTask"("dedupeKey");

-- CreateIndex
CREATE INDEX "QueuedTask_status_runAfter_idx" ON "QueuedTask"("status", "runAfter");

-- CreateIndex
CREATE INDEX "ForumPost_authorId_bodyHash_idx" ON "ForumPost"("authorId", "bodyHash");

