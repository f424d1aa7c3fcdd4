-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "calendar" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "reviewLocation" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reviewMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "reviewSequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reviewStartsAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "IncidentTicket" (
    "ticketId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "linkedById" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentTicket_pkey" PRIMARY KEY ("ticketId")
);

-- CreateIndex
CREATE INDEX "IncidentTicket_incidentId_idx" ON "IncidentTicket"("incidentId");

-- AddForeignKey
ALTER TABLE "IncidentTicket" ADD CONSTRAINT "IncidentTicket_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentTicket" ADD CONSTRAINT "IncidentTicket_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

