-- CreateTable
CREATE TABLE "IdeaArea" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Idea" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "descriptionMarkdown" TEXT NOT NULL,
    "descriptionHtml" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "statusNote" TEXT NOT NULL DEFAULT '',
    "statusChangedAt" DATETIME,
    "shippedAt" DATETIME,
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "hiddenAt" DATETIME,
    "mergedIntoId" INTEGER,
    "mergedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Idea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "IdeaArea" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdeaVote" (
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "importance" TEXT,
    "mergedFromIdeaId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ideaId", "userId"),
    CONSTRAINT "IdeaVote_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdeaComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ideaId" INTEGER NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "bodyMarkdown" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "hiddenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdeaComment_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdeaFollow" (
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ideaId", "userId")
);

-- CreateTable
CREATE TABLE "IdeaStatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ideaId" INTEGER NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IdeaDuplicateAvoided" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "typedTitle" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "IdeaArea_slug_key" ON "IdeaArea"("slug");

-- CreateIndex
CREATE INDEX "Idea_status_voteCount_idx" ON "Idea"("status", "voteCount");

-- CreateIndex
CREATE INDEX "Idea_areaId_idx" ON "Idea"("areaId");

-- CreateIndex
CREATE INDEX "Idea_createdAt_idx" ON "Idea"("createdAt");

-- CreateIndex
CREATE INDEX "Idea_updatedAt_idx" ON "Idea"("updatedAt");

-- CreateIndex
CREATE INDEX "IdeaVote_userId_idx" ON "IdeaVote"("userId");

-- CreateIndex
CREATE INDEX "IdeaVote_ideaId_createdAt_idx" ON "IdeaVote"("ideaId", "createdAt");

-- CreateIndex
CREATE INDEX "IdeaComment_ideaId_createdAt_idx" ON "IdeaComment"("ideaId", "createdAt");

-- CreateIndex
CREATE INDEX "IdeaFollow_userId_idx" ON "IdeaFollow"("userId");

-- CreateIndex
CREATE INDEX "IdeaStatusChange_ideaId_createdAt_idx" ON "IdeaStatusChange"("ideaId", "createdAt");

-- CreateIndex
CREATE INDEX "IdeaStatusChange_toStatus_createdAt_idx" ON "IdeaStatusChange"("toStatus", "createdAt");

-- CreateIndex
CREATE INDEX "IdeaDuplicateAvoided_createdAt_idx" ON "IdeaDuplicateAvoided"("createdAt");

