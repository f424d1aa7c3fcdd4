-- CreateTable
CREATE TABLE "OnCallSlot" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "primaryId" TEXT NOT NULL,
    "secondaryId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnCallSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnCallOverride" (
    "id" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "primaryId" TEXT NOT NULL,
    "secondaryId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnCallOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnCallPage" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "primaryId" TEXT,
    "secondaryId" TEXT,
    "pagedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "secondaryPagedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "OnCallPage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OnCallSlot_position_key" ON "OnCallSlot"("position");

-- CreateIndex
CREATE INDEX "OnCallOverride_endsAt_startsAt_idx" ON "OnCallOverride"("endsAt", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "OnCallPage_key_key" ON "OnCallPage"("key");

-- CreateIndex
CREATE INDEX "OnCallPage_acknowledgedAt_resolvedAt_secondaryPagedAt_paged_idx" ON "OnCallPage"("acknowledgedAt", "resolvedAt", "secondaryPagedAt", "pagedAt");

