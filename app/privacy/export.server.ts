import type { Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";

/**
 * The signed-in user's own data as a download (GDPR access and portability): their profile, the
 * tickets they filed with the conversation they can see, their forum posts, idea votes and live chats. What staff
 * wrote for each other stays out: internal notes, and the files attached to them (their names
 * included), exactly as the ticket page hides them from the customer.
 */
export async function exportUserData(actor: Actor) {
  const userId = actor.id;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      username: true,
      bio: true,
      phone: true,
      createdAt: true,
      account: { select: { name: true, accountNumber: true, plan: true } },
    },
  });
  if (!user) return null;
  const tickets = await prisma.ticket.findMany({
    where: { requesterId: userId },
    include: {
      messages: {
        where: { visibility: "public" },
        select: { id: true, bodyMarkdown: true, byStaff: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
      attachments: {
        select: { messageId: true, fileName: true, contentType: true, size: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: { createdAt: "asc" },
  });
  const posts = await prisma.forumPost.findMany({
    where: { authorId: userId },
    select: { id: true, threadId: true, number: true, bodyMarkdown: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const votes = await prisma.ideaVote.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  // Their live chats with every transcript entry (the agents' names included: the customer saw them in the chat).
  const chats = await prisma.chatConversation.findMany({
    where: { customerId: userId },
    include: {
      events: { orderBy: { seq: "asc" } },
      attachments: {
        select: { seq: true, fileName: true, contentType: true, size: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: { createdAt: "asc" },
  });
  const chatAuthors = await prisma.user.findMany({
    where: { id: { in: [...new Set(chats.flatMap((chat) => chat.events.flatMap((event) => event.authorId ?? [])))] } },
    select: { id: true, name: true },
  });
  const authorName = new Map(chatAuthors.map((author) => [author.id, author.name]));
  return {
    exportedAt: new Date().toISOString(),
    profile: user,
    tickets: tickets.map((ticket) => {
      const publicMessages = new Set(ticket.messages.map((message) => message.id));
      return {
        number: ticket.number,
        subject: ticket.subject,
        status: ticket.status,
        priority: ticket.priority,
        createdAt: ticket.createdAt,
        closedAt: ticket.closedAt,
        description: ticket.descriptionMarkdown,
        businessImpact: ticket.businessImpact,
        usersAffected: ticket.usersAffected,
        issueStartedAt: ticket.issueStartedAt,
        errorMessages: ticket.errorMessages,
        stepsToReproduce: ticket.stepsToReproduce,
        alreadyTried: ticket.alreadyTried,
        messages: ticket.messages.map(({ bodyMarkdown, byStaff, createdAt }) => ({ bodyMarkdown, byStaff, createdAt })),
        // Files filed with the ticket (no message) or attached to a public reply; an internal note's files are staff's.
        attachments: ticket.attachments
          .filter((attachment) => attachment.messageId === null || publicMessages.has(attachment.messageId))
          .map(({ fileName, contentType, size, createdAt }) => ({ fileName, contentType, size, createdAt })),
      };
    }),
    posts,
    votes,
    chats: chats.map((chat) => ({
      startedAt: chat.createdAt,
      endedAt: chat.endedAt,
      status: chat.status,
      rating: chat.rating,
      transcript: chat.events.map((event) => ({
        at: event.createdAt,
        kind: event.kind,
        from: event.authorId ? (authorName.get(event.authorId) ?? "") : "",
        byStaff: event.byStaff,
        bodyMarkdown: event.bodyMarkdown,
        // The files sent with this entry (the customer downloads them from the transcript in their account).
        files: chat.attachments
          .filter((file) => file.seq === event.seq)
          .map(({ fileName, contentType, size, createdAt }) => ({ fileName, contentType, size, createdAt })),
      })),
    })),
  };
}
