import { z } from "zod";
import { MAX_AGENT_CAPACITY } from "./rules";

/** One schema per form the chat posts (the panel and the console send FormData; routes parse with parseWithZod). */

/** Length is checked in the model (413 with a clear message), not here, so an oversized message is not a generic 400. */
const messageText = z
  .string({ required_error: "Type a message first." })
  .transform((text) => text.trim())
  .refine((text) => text.length > 0, "Type a message first.");

export const startChatSchema = z.object({
  message: messageText,
  /** The page the chat was opened on. */
  path: z.string().max(300).default("/"),
  timeZone: z.string().max(64).default(""),
});

export const CUSTOMER_CHAT_INTENTS = [
  "message",
  "typing",
  "seen",
  "end",
  "rate",
  "visit",
  "answer-solved",
  "email-transcript",
  "screen-accept",
  "screen-decline",
  "screen-stop",
  "signal",
] as const;

const seqNumber = z.coerce.number().int().min(0).max(2_147_483_647);

export const chatMessageSchema = z.object({ intent: z.literal("message"), body: messageText });
/** A file's caption is optional (the file is the message); its length is checked in the model like a message's. */
export const chatFileSchema = z.object({
  caption: z
    .string()
    .default("")
    .transform((text) => text.trim()),
});
export const chatTypingSchema = z.object({ intent: z.literal("typing") });
export const chatSeenSchema = z.object({ intent: z.literal("seen"), delivered: seqNumber, read: seqNumber });
export const chatEndSchema = z.object({ intent: z.literal("end") });
export const chatRateSchema = z.object({ intent: z.literal("rate"), rating: z.coerce.number().int().min(1).max(5) });
export const chatVisitSchema = z.object({ intent: z.literal("visit"), path: z.string().min(1).max(300) });
export const chatAnswerSolvedSchema = z.object({
  intent: z.literal("answer-solved"),
  documentId: z.string().min(1).max(200),
});
export const chatEmailTranscriptSchema = z.object({ intent: z.literal("email-transcript") });
export const screenAnswerSchema = z.object({ intent: z.enum(["screen-accept", "screen-decline", "screen-stop"]) });
/** WebRTC offer/answer/candidate, relayed to the other side unread (the browser checks it); NOTIFY carries at most 8000 bytes. */
export const chatSignalSchema = z.object({ intent: z.literal("signal"), data: z.string().min(2).max(7_000) });

/** The console's queue actions (inside a chat the agent posts to /chat/<id> like the customer). */
export const AGENT_CHAT_INTENTS = ["availability", "take", "transfer", "end", "convert"] as const;

export const availabilitySchema = z.object({
  intent: z.literal("availability"),
  status: z.enum(["online", "away"]),
  capacity: z.coerce.number().int().min(1).max(MAX_AGENT_CAPACITY),
});
export const conversationIntentSchema = z.object({
  intent: z.enum(["take", "end"]),
  conversationId: z.string().min(1).max(40),
});
/** The ticket's priority is the agent's call (the plan's target for it follows from the policy). */
export const convertSchema = z.object({
  intent: z.literal("convert"),
  conversationId: z.string().min(1).max(40),
  priority: z.coerce
    .number()
    .int()
    .min(2, "Priority 1 tickets are filed from the ticket form (they page on-call).")
    .max(4)
    .default(3),
});
export const transferSchema = z.object({
  intent: z.literal("transfer"),
  conversationId: z.string().min(1).max(40),
  agentId: z.string({ required_error: "Choose the agent to transfer to." }).min(1).max(40),
});
export const screenRequestSchema = z.object({
  intent: z.literal("screen-request"),
  conversationId: z.string().min(1).max(40),
  reason: z
    .string({ required_error: "Say why you want to see the screen: the customer reads it before deciding." })
    .trim()
    .min(5, "Say why you want to see the screen: the customer reads it before deciding.")
    .max(300),
});

/** A chat id from the URL: a cuid's characters, else a value no chat has (the model then answers 404). */
export function chatRouteParam(value: string | undefined): string {
  return value && /^[a-z0-9]{1,40}$/.test(value) ? value : "-";
}
