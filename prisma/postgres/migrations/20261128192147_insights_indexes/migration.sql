-- DropIndex
DROP INDEX "SearchClick_createdAt_idx";

-- DropIndex
DROP INDEX "SearchDaily_day_idx";

-- CreateIndex
CREATE INDEX "SearchClick_createdAt_position_idx" ON "SearchClick"("createdAt", "position");

-- CreateIndex
CREATE INDEX "DeflectionSuggestion_confirmedAt_idx" ON "DeflectionSuggestion"("confirmedAt");

-- CreateIndex
CREATE INDEX "DeflectionSuggestion_offeredAt_openedAt_idx" ON "DeflectionSuggestion"("offeredAt", "openedAt");

-- CreateIndex
CREATE INDEX "SearchDaily_day_query_searches_zeroResults_clicks_fallbacks_idx" ON "SearchDaily"("day", "query", "searches", "zeroResults", "clicks", "fallbacks", "lastSeenAt");

