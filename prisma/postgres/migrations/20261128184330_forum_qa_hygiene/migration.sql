-- AlterTable
ALTER TABLE "ForumThread" ADD COLUMN     "answerReminderAt" TIMESTAMP(3),
ADD COLUMN     "duplicateAt" TIMESTAMP(3),
ADD COLUMN     "duplicateOfId" INTEGER;

-- CreateTable
CREATE TABLE "ForumOutdatedFlag" (
    "id" TEXT NOT NULL,
    "threadId" INTEGER NOT NULL,
    "postId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "resolvedById" TEXT,

    CONSTRAINT "ForumOutdatedFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ForumOutdatedFlag_threadId_resolvedAt_idx" ON "ForumOutdatedFlag"("threadId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ForumOutdatedFlag_resolvedAt_idx" ON "ForumOutdatedFlag"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ForumOutdatedFlag_postId_userId_key" ON "ForumOutdatedFlag"("postId", "userId");

-- AddForeignKey
ALTER TABLE "ForumOutdatedFlag" ADD CONSTRAINT "ForumOutdatedFlag_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "ForumThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

