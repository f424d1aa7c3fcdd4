-- CreateTable
CREATE TABLE "ForumDeflection" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "query" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "resultType" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForumDeflection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ForumDeflection_createdAt_idx" ON "ForumDeflection"("createdAt");

