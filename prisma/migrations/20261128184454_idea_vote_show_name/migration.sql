-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IdeaVote" (
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "importance" TEXT,
    "mergedFromIdeaId" INTEGER,
    "showName" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ideaId", "userId"),
    CONSTRAINT "IdeaVote_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_IdeaVote" ("createdAt", "ideaId", "importance", "mergedFromIdeaId", "userId") SELECT "createdAt", "ideaId", "importance", "mergedFromIdeaId", "userId" FROM "IdeaVote";
DROP TABLE "IdeaVote";
ALTER TABLE "new_IdeaVote" RENAME TO "IdeaVote";
CREATE INDEX "IdeaVote_userId_idx" ON "IdeaVote"("userId");
CREATE INDEX "IdeaVote_ideaId_createdAt_idx" ON "IdeaVote"("ideaId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

