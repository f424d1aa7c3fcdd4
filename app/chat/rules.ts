import { CHANNELS } from "../support/policy";
import { ALLOWED_TYPES_LABEL, MAX_FILE_BYTES, megabytes } from "../tickets/attachment-rules";

/** What the chat panel, the console and the server agree on (no server code: components import it). */

export const CHAT_STATUSES = ["waiting", "active", "ended"] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** One chat message at most this long (a pasted log belongs in a ticket's attachment). */
export const CHAT_MESSAGE_MAX_LENGTH = 4000;

/** Files in chat follow the ticket form's rules: the same per-file cap and types, one file a message. */
export const CHAT_FILE_MAX_BYTES = MAX_FILE_BYTES;
export const CHAT_FILE_RULE = `One file a message, up to ${megabytes(MAX_FILE_BYTES)}: ${ALLOWED_TYPES_LABEL}.`;
/**
 * The most one chat upload may send (the production server refuses more before the page runs): the
 * largest file plus room for the multipart framing and a caption of the longest message.
 */
export const CHAT_UPLOAD_REQUEST_BYTES = MAX_FILE_BYTES + 64 * 1024;

/** The guide's average chat response: past it, a waiting customer is offered a ticket or email while staying in the queue. */
export const OFFER_OTHER_CHANNELS_AFTER_MS = CHANNELS.chat.averageResponseUnder * 60_000;

/** An agent takes at most this many chats at once (they choose within it). */
export const MAX_AGENT_CAPACITY = 8;
export const DEFAULT_AGENT_CAPACITY = 3;

/** A file sent with a message, served at `url` only to those who may read the chat. */
export type ChatFileView = { id: string; fileName: string; contentType: string; size: number; url: string };

/** How a transcript entry reads to each side: a message from a person, or what happened. */
export type ChatEventView = {
  seq: number;
  kind: "message" | "note";
  byStaff: boolean;
  authorName: string;
  html: string;
  createdAt: string;
  files: ChatFileView[];
};

export function chatFileUrl(id: string) {
  return `/chat/files/${id}`;
}

export type ChatStateView = {
  id: string;
  status: ChatStatus;
  agentName: string | null;
  /** 1 for the next chat to be taken; null unless waiting. */
  queuePosition: number | null;
  expectedWaitMinutes: number | null;
  createdAt: string;
  lastSeq: number;
  receipts: { customerDelivered: number; customerRead: number; agentDelivered: number; agentRead: number };
  rating: number | null;
  ticketNumber: string | null;
  /** A screen-sharing request waiting for the customer's answer: who asks and why. */
  screenRequest: { agentName: string; reason: string } | null;
  screenSharing: boolean;
};

/** A STUN/TURN server for screen sharing (CHAT_ICE_SERVERS), as RTCPeerConnection takes it. */
export type ChatIceServer = { urls: string | string[]; username?: string; credential?: string };

export const RATING_WORDS = ["", "Very poor", "Poor", "Okay", "Good", "Excellent"] as const;
