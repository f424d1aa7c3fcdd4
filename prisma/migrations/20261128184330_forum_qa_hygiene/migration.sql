-- AlterTable
ALTER TABLE "ForumThread" ADD COLUMN "answerReminderAt" DATETIME;
ALTER TABLE "ForumThread" ADD COLUMN "duplicateAt" DATETIME;
ALTER TABLE "ForumThread" ADD COLUMN "duplicateOfId" INTEGER;

-- CreateTable
CREATE TABLE "ForumOutdatedFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" INTEGER NOT NULL,
    "postId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolution" TEXT,
    "resolvedById" TEXT,
    CONSTRAINT "ForumOutdatedFlag_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "ForumThread" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ForumOutdatedFlag_threadId_resolvedAt_idx" ON "ForumOutdatedFlag"("threadId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ForumOutdatedFlag_resolvedAt_idx" ON "ForumOutdatedFlag"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ForumOutdatedFlag_postId_userId_key" ON "ForumOutdatedFlag"("postId", "userId");

