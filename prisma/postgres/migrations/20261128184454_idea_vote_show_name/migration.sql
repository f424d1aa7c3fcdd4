-- AlterTable
ALTER TABLE "IdeaVote" ADD COLUMN     "showName" BOOLEAN NOT NULL DEFAULT false;

