-- DropIndex
DROP INDEX "DeflectionSession_outcome_startedAt_idx";

-- DropIndex
DROP INDEX "DeflectionSuggestion_confirmedAt_idx";

-- CreateTable
CREATE TABLE "SearchTerm" (
    "query" TEXT NOT NULL PRIMARY KEY,
    "firstDay" TEXT NOT NULL,
    "lastDay" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "SearchDayTotal" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "searches" INTEGER NOT NULL DEFAULT 0,
    "zeroResults" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "fallbacks" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "SearchRanking" (
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "query" TEXT NOT NULL,
    "searches" INTEGER NOT NULL,
    "zeroResults" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("fromDay", "toDay", "kind", "rank")
);

-- CreateTable
CREATE TABLE "SearchClickDaily" (
    "day" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "position")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SearchDaily" (
    "day" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "searches" INTEGER NOT NULL DEFAULT 0,
    "zeroResults" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "fallbacks" INTEGER NOT NULL DEFAULT 0,
    "lastSeenAt" DATETIME NOT NULL,
    "runSearches" INTEGER NOT NULL DEFAULT 0,
    "runZeroResults" INTEGER NOT NULL DEFAULT 0,
    "runClicks" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("day", "query")
);
INSERT INTO "new_SearchDaily" ("clicks", "day", "fallbacks", "lastSeenAt", "query", "searches", "zeroResults") SELECT "clicks", "day", "fallbacks", "lastSeenAt", "query", "searches", "zeroResults" FROM "SearchDaily";
DROP TABLE "SearchDaily";
ALTER TABLE "new_SearchDaily" RENAME TO "SearchDaily";
CREATE INDEX "SearchDaily_day_query_searches_zeroResults_clicks_fallbacks_lastSeenAt_idx" ON "SearchDaily"("day", "query", "searches", "zeroResults", "clicks", "fallbacks", "lastSeenAt");
CREATE INDEX "SearchDaily_query_day_runSearches_runZeroResults_runClicks_lastSeenAt_idx" ON "SearchDaily"("query", "day", "runSearches", "runZeroResults", "runClicks", "lastSeenAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SearchTerm_lastDay_firstDay_idx" ON "SearchTerm"("lastDay", "firstDay");

-- CreateIndex
CREATE INDEX "Ticket_createdAt_idx" ON "Ticket"("createdAt");

-- CreateIndex
CREATE INDEX "Ticket_priority_plan_createdAt_firstResponseDueAt_firstRespondedAt_idx" ON "Ticket"("priority", "plan", "createdAt", "firstResponseDueAt", "firstRespondedAt");

-- CreateIndex
CREATE INDEX "TicketSurvey_answeredAt_rating_idx" ON "TicketSurvey"("answeredAt", "rating");

-- CreateIndex
CREATE INDEX "DeflectionSession_outcome_startedAt_held_id_idx" ON "DeflectionSession"("outcome", "startedAt", "held", "id");

-- CreateIndex
CREATE INDEX "DeflectionSession_id_held_idx" ON "DeflectionSession"("id", "held");

-- CreateIndex
CREATE INDEX "DeflectionSession_startedAt_outcome_held_idx" ON "DeflectionSession"("startedAt", "outcome", "held");

-- CreateIndex
CREATE INDEX "DeflectionSuggestion_confirmedAt_documentId_type_sessionId_title_idx" ON "DeflectionSuggestion"("confirmedAt", "documentId", "type", "sessionId", "title");


-- Backfill (hand-written): the rollups the rollup-analytics job now keeps, built once from what is
-- already rolled up, so insights read right numbers before the job's next run.
UPDATE "SearchDaily" SET "runSearches" = r."runSearches", "runZeroResults" = r."runZeroResults", "runClicks" = r."runClicks"
FROM (
    SELECT "day", "query", SUM("searches") OVER w AS "runSearches", SUM("zeroResults") OVER w AS "runZeroResults", SUM("clicks") OVER w AS "runClicks"
    FROM "SearchDaily" WINDOW w AS (PARTITION BY "query" ORDER BY "day")
) AS r
WHERE r."day" = "SearchDaily"."day" AND r."query" = "SearchDaily"."query";

INSERT INTO "SearchTerm" ("query", "firstDay", "lastDay") SELECT "query", MIN("day"), MAX("day") FROM "SearchDaily" GROUP BY "query";

INSERT INTO "SearchDayTotal" ("day", "searches", "zeroResults", "clicks", "fallbacks")
SELECT "day", SUM("searches"), SUM("zeroResults"), SUM("clicks"), SUM("fallbacks") FROM "SearchDaily" GROUP BY "day";

-- Prisma's SQLite adapter stores DateTime as ISO text: the first ten characters are the UTC day.
INSERT INTO "SearchClickDaily" ("day", "position", "clicks") SELECT substr("createdAt", 1, 10), "position", COUNT(*) FROM "SearchClick" GROUP BY 1, 2;
