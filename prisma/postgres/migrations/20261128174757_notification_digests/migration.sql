-- CreateTable
CREATE TABLE "NotificationDigest" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "threadCount" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationDigest_pkey" PRIMARY KEY ("userId","day")
);

-- CreateIndex
CREATE INDEX "NotificationDigest_day_idx" ON "NotificationDigest"("day");

