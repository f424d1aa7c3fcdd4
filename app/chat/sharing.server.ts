import type { PrismaClient } from "../generated/prisma/client";
import { Refusal } from "../lib/refusal";
import { inRetriedTransaction } from "../lib/transactions.server";
import { appendNote, readableConversation, type ChatActor } from "./conversations.server";
import { conversationTopic, publishChat, publishConversationChanged } from "./hub.server";

/**
 * Screen sharing needs the customer's consent (the guide's Privacy and Security): the agent asks and
 * says why, the customer sees who asks and why and accepts or declines, and either may stop at any
 * time. The picture goes browser to browser (WebRTC); only the offer, answer and network candidates
 * pass through here, relayed over the chat's channel and never stored. The transcript records the
 * request, the answer and the end.
 */

type Db = PrismaClient;

export async function requestScreen(
  db: Db,
  agent: ChatActor,
  conversationId: string,
  reason: string,
  now = new Date(),
) {
  const conversation = await readableConversation(db, agent, conversationId);
  if (conversation.status !== "active" || conversation.agentId !== agent.id)
    throw new Refusal(409, "Only the agent in a chat in progress can ask to see the screen.");
  if (conversation.screenState !== "") throw new Refusal(409, "Screen sharing is already asked for or running.");
  await inRetriedTransaction(async (tx) => {
    await tx.chatConversation.update({
      where: { id: conversationId },
      data: { screenState: "requested", screenReason: reason },
    });
    await appendNote(tx, conversationId, `${agent.name} asked to see your screen: “${reason}”`, now);
  });
  publishConversationChanged(conversationId);
}

export async function answerScreen(
  db: Db,
  actor: ChatActor,
  conversationId: string,
  answer: "screen-accept" | "screen-decline" | "screen-stop",
  now = new Date(),
) {
  const conversation = await readableConversation(db, actor, conversationId);
  const customer = actor.id === conversation.customerId;
  if (!customer && conversation.agentId !== actor.id) throw new Refusal(409, "This chat is not yours.");
  if (
    (answer === "screen-accept" || answer === "screen-decline") &&
    (!customer || conversation.screenState !== "requested")
  )
    throw new Refusal(409, "There is no request to see the screen to answer.");
  if (answer === "screen-stop" && conversation.screenState === "") return;
  const next = answer === "screen-accept" ? "sharing" : "";
  const note = {
    "screen-accept": `${actor.name} agreed to share their screen.`,
    "screen-decline": `${actor.name} declined to share their screen.`,
    "screen-stop": `${actor.name} stopped the screen sharing.`,
  }[answer];
  await inRetriedTransaction(async (tx) => {
    await tx.chatConversation.update({ where: { id: conversationId }, data: { screenState: next } });
    await appendNote(tx, conversationId, note, now);
  });
  publishConversationChanged(conversationId);
}

/** Passes a WebRTC offer, answer or candidate to the other side, only while sharing is consented to. */
export async function relaySignal(db: Db, actor: ChatActor, conversationId: string, data: string) {
  const conversation = await readableConversation(db, actor, conversationId);
  const customer = actor.id === conversation.customerId;
  if (!customer && conversation.agentId !== actor.id) throw new Refusal(409, "This chat is not yours.");
  if (conversation.screenState !== "sharing") throw new Refusal(409, "Screen sharing is not running.");
  publishChat({ topic: conversationTopic(conversationId), kind: "rtc", fromStaff: !customer, data });
}
