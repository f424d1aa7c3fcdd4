import type { Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import type { ChatActor } from "./conversations.server";
import { chatFileAnswer } from "./attachments.server";
import { consoleData } from "./console.server";
import { agentQueueStream, conversationStreamAnswer } from "./stream.server";
import { ownChats, panelState, transcriptAnswer, transcriptOrNotFound } from "./views.server";

/** What the chat's routes read, bound to the app's database (routes never hold the client themselves). */
export const chatDesk = {
  panel: (actor: Actor | null) => panelState(prisma, actor),
  ownChats: (actor: Actor) => ownChats(prisma, actor),
  transcriptPage: (actor: Actor, conversationId: string) => transcriptOrNotFound(prisma, actor, conversationId),
  transcriptJson: (actor: Actor, conversationId: string) => transcriptAnswer(prisma, actor, conversationId),
  stream: (request: Request, actor: Actor, conversationId: string) =>
    conversationStreamAnswer(prisma, request, actor, conversationId),
  console: (agent: ChatActor, chosen: string | null) => consoleData(prisma, agent, chosen),
  file: (actor: Actor, id: string) => chatFileAnswer(prisma, actor, id),
  queueStream: (request: Request, agentId: string) => agentQueueStream(prisma, request, agentId),
};
