import { prisma } from "../lib/db.server";
import { answerSurvey, verifySurveySignature } from "./survey-links.server";

/** The survey behind a signed link: null when the link is wrong or no survey was sent for the ticket. */
export async function surveyFor(ticketId: string, signature: string) {
  if (!verifySurveySignature(ticketId, signature)) return null;
  const survey = await prisma.ticketSurvey.findUnique({
    where: { ticketId },
    include: { ticket: { select: { number: true, subject: true } } },
  });
  if (!survey) return null;
  return { number: survey.ticket.number, subject: survey.ticket.subject, answered: survey.answeredAt !== null };
}

export function recordSurveyAnswer(ticketId: string, rating: number, comment: string) {
  return answerSurvey(prisma, ticketId, rating, comment);
}
