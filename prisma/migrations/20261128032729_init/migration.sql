-- CreateTable
CREATE TABLE "HelpfulVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pageId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("key", "windowStart")
);

-- CreateIndex
CREATE INDEX "HelpfulVote_pageId_helpful_idx" ON "HelpfulVote"("pageId", "helpful");

-- CreateIndex
CREATE UNIQUE INDEX "HelpfulVote_pageId_visitorId_key" ON "HelpfulVote"("pageId", "visitorId");

-- CreateIndex
CREATE INDEX "RateLimitWindow_windowStart_idx" ON "RateLimitWindow"("windowStart");

