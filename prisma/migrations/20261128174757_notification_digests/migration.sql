-- CreateTable
CREATE TABLE "NotificationDigest" (
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "threadCount" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "day")
);

-- CreateIndex
CREATE INDEX "NotificationDigest_day_idx" ON "NotificationDigest"("day");

