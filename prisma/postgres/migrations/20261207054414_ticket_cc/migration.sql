-- CreateTable
CREATE TABLE "TicketCc" (
    "ticketId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketCc_pkey" PRIMARY KEY ("ticketId","userId")
);

