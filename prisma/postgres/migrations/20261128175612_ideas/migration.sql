-- CreateTable
CREATE TABLE "IdeaArea" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IdeaArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Idea" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "descriptionMarkdown" TEXT NOT NULL,
    "descriptionHtml" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "statusNote" TEXT NOT NULL DEFAULT '',
    "statusChangedAt" TIMESTAMP(3),
    "shippedAt" TIMESTAMP(3),
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "hiddenAt" TIMESTAMP(3),
    "mergedIntoId" INTEGER,
    "mergedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Idea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaVote" (
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "importance" TEXT,
    "mergedFromIdeaId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaVote_pkey" PRIMARY KEY ("ideaId","userId")
);

-- CreateTable
CREATE TABLE "IdeaComment" (
    "id" TEXT NOT NULL,
    "ideaId" INTEGER NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "bodyMarkdown" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "hiddenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaFollow" (
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaFollow_pkey" PRIMARY KEY ("ideaId","userId")
);

-- CreateTable
CREATE TABLE "IdeaStatusChange" (
    "id" TEXT NOT NULL,
    "ideaId" INTEGER NOT NULL,
    "fromStatus" TEXT NOT NULL,
    "toStatus" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaDuplicateAvoided" (
    "id" TEXT NOT NULL,
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "typedTitle" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdeaDuplicateAvoided_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Idea" ADD CONSTRAINT "Idea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "IdeaArea"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaVote" ADD CONSTRAINT "IdeaVote_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaComment" ADD CONSTRAINT "IdeaComment_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

