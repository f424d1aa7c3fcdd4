-- CreateTable
CREATE TABLE "TrainingEnrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lastLessonSlug" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastVisitedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TrainingLessonCompletion" (
    "userId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "completedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "courseSlug", "lessonSlug")
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "correctCount" INTEGER NOT NULL,
    "questionCount" INTEGER NOT NULL,
    "scorePercent" INTEGER NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TrainingCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "courseTitle" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedReason" TEXT
);

-- CreateTable
CREATE TABLE "LiveTrainingRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "attendees" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "preferredAt1" DATETIME NOT NULL,
    "preferredAt2" DATETIME NOT NULL,
    "preferredAt3" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "confirmedStart" DATETIME,
    "confirmedById" TEXT,
    "confirmedAt" DATETIME,
    "reminderSentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "TrainingEnrolment_courseSlug_startedAt_idx" ON "TrainingEnrolment"("courseSlug", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_userId_courseSlug_key" ON "TrainingEnrolment"("userId", "courseSlug");

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_courseSlug_createdAt_idx" ON "QuizAttempt"("userId", "courseSlug", "createdAt");

-- CreateIndex
CREATE INDEX "QuizAttempt_courseSlug_createdAt_idx" ON "QuizAttempt"("courseSlug", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingCertificate_attemptId_key" ON "TrainingCertificate"("attemptId");

-- CreateIndex
CREATE INDEX "TrainingCertificate_userId_issuedAt_idx" ON "TrainingCertificate"("userId", "issuedAt");

-- CreateIndex
CREATE INDEX "TrainingCertificate_courseSlug_issuedAt_idx" ON "TrainingCertificate"("courseSlug", "issuedAt");

-- CreateIndex
CREATE INDEX "LiveTrainingRequest_status_confirmedStart_idx" ON "LiveTrainingRequest"("status", "confirmedStart");

-- CreateIndex
CREATE INDEX "LiveTrainingRequest_accountId_createdAt_idx" ON "LiveTrainingRequest"("accountId", "createdAt");

