import type { PrismaClient } from "../generated/prisma/client";
import { recordConfirmed } from "../deflection/deflection.server";
import { suggestFor, whoIs, type Suggestion } from "../deflection/suggest.server";
import { Refusal } from "../lib/refusal";
import { endChat, readableConversation, type ChatActor } from "./conversations.server";

/**
 * Answers first: a chat's first message is also a search, and what it finds (articles, docs sections,
 * solved threads) is shown while the customer waits. The offers and a "this answered it" go into the
 * deflection funnel like the contact form's, marked as the chat's (DeflectionSession.channel).
 */

export async function offerAnswers(
  db: PrismaClient,
  request: Request,
  actor: ChatActor,
  conversationId: string,
  message: string,
): Promise<Suggestion[]> {
  const who = await whoIs(request);
  const { sessionId, suggestions } = await suggestFor(request, who, { subject: message, description: "" });
  if (sessionId) {
    await db.deflectionSession.update({ where: { id: sessionId }, data: { channel: "chat" } });
    await db.chatConversation.updateMany({
      where: { id: conversationId, customerId: actor.id, deflectionSessionId: null },
      data: { deflectionSessionId: sessionId },
    });
  }
  return suggestions;
}

/** "This answered my question": the deflection is confirmed and a chat still waiting for an agent ends. */
export async function answerSolved(
  db: PrismaClient,
  request: Request,
  actor: ChatActor,
  conversationId: string,
  documentId: string,
) {
  const conversation = await readableConversation(db, actor, conversationId);
  if (actor.id !== conversation.customerId || !conversation.deflectionSessionId)
    throw new Refusal(409, "This chat offered no answers to confirm.");
  await recordConfirmed(await whoIs(request), conversation.deflectionSessionId, documentId);
  if (conversation.status === "waiting") await endChat(db, actor, conversationId, "answer");
}
