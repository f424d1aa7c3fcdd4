import { data } from "@remix-run/node";
import { prisma } from "../lib/db.server";
import { clientAddress, hitRateLimit } from "../lib/rate-limit.server";
import { purgeCacheTags } from "../lib/page-cache-purge.server";
import { VOTES_TAG } from "../lib/page-cache-tags";
import { ensureVisitorId } from "../lib/visitor.server";
import { feedbackSchema, recordHelpfulVote } from "./feedback.server";
import type { FeedbackActionData } from "./feedback-types";
import { findPage } from "./store.server";

const VOTE_LIMIT = { limit: 30, windowMs: 10 * 60 * 1000 };

/** "Was this helpful?" posted to a page: validate, rate-limit, store one changeable vote per visitor. */
export async function handleFeedback(request: Request, pageId: string) {
  const form = await request.formData().catch(() => null);
  if (!form) return data<FeedbackActionData>({ ok: false, error: "Send the vote as a form.", fieldErrors: {} }, { status: 400 });
  const parsed = feedbackSchema.safeParse({
    page: form.get("page") ?? pageId,
    helpful: form.get("helpful") ?? undefined,
    comment: form.get("comment") ?? undefined,
  });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
    return data<FeedbackActionData>({ ok: false, error: Object.values(fieldErrors).join(" "), fieldErrors }, { status: 400 });
  }
  if (parsed.data.page !== pageId || !(await findPage(pageId))) {
    return data<FeedbackActionData>({ ok: false, error: "That page does not exist.", fieldErrors: { page: "Unknown page." } }, { status: 404 });
  }
  const limit = await hitRateLimit(prisma, `vote:${clientAddress(request)}`, VOTE_LIMIT);
  if (!limit.allowed) {
    return data<FeedbackActionData>(
      { ok: false, error: "You have sent a lot of feedback in a short time. Please try again in a few minutes.", fieldErrors: {} },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const { visitorId, setCookie } = ensureVisitorId(request);
  await recordHelpfulVote({ visitorId }, parsed.data);
  purgeCacheTags([VOTES_TAG]); // the home page's "Popular articles" rank by votes
  return data<FeedbackActionData>(
    { ok: true, helpful: parsed.data.helpful, commented: Boolean(parsed.data.comment) },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}
