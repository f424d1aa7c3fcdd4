-- CreateTable
CREATE TABLE "OnCallSlot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "primaryId" TEXT NOT NULL,
    "secondaryId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OnCallOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "primaryId" TEXT NOT NULL,
    "secondaryId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OnCallPage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "primaryId" TEXT,
    "secondaryId" TEXT,
    "pagedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "secondaryPagedAt" DATETIME,
    "resolvedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "OnCallSlot_position_key" ON "OnCallSlot"("position");

-- CreateIndex
CREATE INDEX "OnCallOverride_endsAt_startsAt_idx" ON "OnCallOverride"("endsAt", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "OnCallPage_key_key" ON "OnCallPage"("key");

-- CreateIndex
CREATE INDEX "OnCallPage_acknowledgedAt_resolvedAt_secondaryPagedAt_pagedAt_idx" ON "OnCallPage"("acknowledgedAt", "resolvedAt", "secondaryPagedAt", "pagedAt");

