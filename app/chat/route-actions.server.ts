import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { can } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { formIntent } from "../lib/form-intent";
import { Refusal, isRefusal, refusalHeaders } from "../lib/refusal";
import type { PriorityLevel } from "../support/policy";
import { answerSolved, offerAnswers } from "./answers.server";
import { readChatUpload, sendChatFile } from "./attachments.server";
import { assignWaitingChats, setAvailability, takeChat, transferChat } from "./assignment.server";
import {
  announceTyping,
  endChat,
  refuseUnlessWriter,
  postMessage,
  rateChat,
  recordReceipt,
  recordVisit,
  startChat,
  type ChatActor,
} from "./conversations.server";
import { convertToTicket } from "./convert.server";
import {
  AGENT_CHAT_INTENTS,
  CUSTOMER_CHAT_INTENTS,
  availabilitySchema,
  chatAnswerSolvedSchema,
  chatFileSchema,
  chatMessageSchema,
  chatRateSchema,
  chatSeenSchema,
  chatSignalSchema,
  chatVisitSchema,
  convertSchema,
  conversationIntentSchema,
  screenAnswerSchema,
  screenRequestSchema,
  startChatSchema,
  transferSchema,
} from "./schemas";
import { answerScreen, relaySignal, requestScreen } from "./sharing.server";
import { requestTranscriptMail } from "./tasks.server";
import { readableChatState } from "./views.server";

/**
 * The chat's POSTs, parsed (Conform + zod) and sent to the model; what routes answer with. Every
 * answer is JSON for the panel's and console's fetches: `{ ok: true, … }`, or `{ ok: false, message,
 * field }` with the refusal's status (400, 404, 409, 413, 429 with Retry-After), never a 500.
 */

function refused(status: number, message: string, field?: string, headers: Record<string, string> = {}) {
  return Response.json({ ok: false, message, field }, { status, headers });
}

async function answering(work: () => Promise<Record<string, unknown>>): Promise<Response> {
  try {
    return Response.json({ ok: true, ...(await work()) });
  } catch (error) {
    if (isRefusal(error)) return refused(error.status, error.message, error.field, refusalHeaders(error));
    throw error;
  }
}

/** The form through its schema; a form that does not parse is a Refusal (400) beside its first wrong field. */
function parse<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema): z.output<Schema> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    const errors = submission.error ?? {};
    const [field, messages] = Object.entries(errors).find(([, list]) => list?.length) ?? ["form", null];
    throw new Refusal(400, messages?.[0] ?? "Check the form and try again.", { field });
  }
  return submission.value as z.output<Schema>;
}

/** POST /chat/start: the first message (answers are offered with the answer). */
export async function startChatAction(request: Request, actor: ChatActor, formData: FormData) {
  return answering(async () => {
    const value = parse(formData, startChatSchema);
    const { conversationId, started } = await startChat(prisma, actor, value);
    const suggestions = started ? await offerAnswers(prisma, request, actor, conversationId, value.message) : [];
    await assignWaitingChats(prisma);
    return { conversationId, suggestions, state: await readableChatState(prisma, actor, conversationId) };
  });
}

/** What readUploadForm throws for a body it cannot read at all: Remix's `data({ message }, { status })`. */
function thrownAnswer(error: unknown): { status: number; message: string } | null {
  if (typeof error !== "object" || error === null || !("type" in error) || error.type !== "DataWithResponseInit")
    return null;
  const { data, init } = error as { data?: { message?: unknown }; init?: { status?: number } | null };
  return {
    status: init?.status ?? 400,
    message: typeof data?.message === "string" ? data.message : "We could not read this upload.",
  };
}

/**
 * POST /chat/<id>/files: a file (and an optional caption) as a message. Who may write is checked
 * before the body is read; an over-size or refused type is a 413 or 415 with the reason.
 */
export async function chatFileAction(request: Request, actor: ChatActor, id: string) {
  const allowed = await answering(async () => (await refuseUnlessWriter(prisma, actor, id), {}));
  if (!allowed.ok) return allowed;
  let upload: Awaited<ReturnType<typeof readChatUpload>>;
  try {
    upload = await readChatUpload(request);
  } catch (error) {
    const answer = thrownAnswer(error);
    if (answer) return refused(answer.status, answer.message, "file");
    throw error;
  }
  try {
    if (upload.problem) return refused(upload.problem.status, upload.problem.message, "file");
    return await answering(async () => {
      const { caption } = parse(upload.form, chatFileSchema);
      const [file] = upload.files;
      if (!file) throw new Refusal(400, "Choose a file to send.", { field: "file" });
      return { result: { seq: await sendChatFile(prisma, actor, id, file, caption) } };
    });
  } finally {
    await upload.discard();
  }
}

/** POST /chat/<id>: what either side does inside one chat. */
export async function conversationAction(request: Request, actor: ChatActor, id: string, formData: FormData) {
  const intent = formIntent(formData, [...CUSTOMER_CHAT_INTENTS, "screen-request"] as const);
  if (!intent) return refused(400, "Unknown chat action.");
  const run = (work: () => Promise<unknown>) => answering(async () => ({ result: (await work()) ?? null }));
  switch (intent) {
    case "message":
      return run(async () => ({ seq: await postMessage(prisma, actor, id, parse(formData, chatMessageSchema).body) }));
    case "typing":
      return run(() => announceTyping(prisma, actor, id));
    case "seen":
      return run(async () => recordReceipt(prisma, actor, id, parse(formData, chatSeenSchema)));
    case "end":
      return run(async () => {
        await endChat(prisma, actor, id, can(actor, "chat:work") ? "agent" : "customer");
        await assignWaitingChats(prisma);
      });
    case "rate":
      return run(async () => rateChat(prisma, actor, id, parse(formData, chatRateSchema).rating));
    case "visit":
      return run(async () => recordVisit(prisma, actor, id, parse(formData, chatVisitSchema).path));
    case "answer-solved":
      return run(async () =>
        answerSolved(prisma, request, actor, id, parse(formData, chatAnswerSolvedSchema).documentId),
      );
    case "email-transcript":
      return run(() => requestTranscriptMail(prisma, actor, id));
    case "screen-accept":
    case "screen-decline":
    case "screen-stop":
      return run(async () => answerScreen(prisma, actor, id, parse(formData, screenAnswerSchema).intent));
    case "screen-request":
      return run(async () =>
        requestScreen(prisma, actor, id, parse(formData, screenRequestSchema.omit({ conversationId: true })).reason),
      );
    case "signal":
      return run(async () => relaySignal(prisma, actor, id, parse(formData, chatSignalSchema).data));
  }
}

/** POST /admin/chat/queue: the console's queue actions. */
export async function consoleAction(actor: ChatActor, formData: FormData) {
  const intent = formIntent(formData, AGENT_CHAT_INTENTS);
  if (!intent) return refused(400, "Unknown console action.");
  return answering(async () => {
    if (intent === "availability") {
      const { status, capacity } = parse(formData, availabilitySchema);
      await setAvailability(prisma, actor, { status, capacity });
      return {};
    }
    if (intent === "transfer") {
      const { conversationId, agentId } = parse(formData, transferSchema);
      await transferChat(prisma, actor, conversationId, agentId);
      return {};
    }
    if (intent === "convert") {
      const { conversationId, priority } = parse(formData, convertSchema);
      return { ticket: await convertToTicket(prisma, actor, conversationId, priority as PriorityLevel) };
    }
    const { conversationId, intent: conversationIntent } = parse(formData, conversationIntentSchema);
    if (conversationIntent === "take") {
      await takeChat(prisma, actor, conversationId);
      return {};
    }
    await endChat(prisma, actor, conversationId, "agent");
    await assignWaitingChats(prisma);
    return {};
  });
}
