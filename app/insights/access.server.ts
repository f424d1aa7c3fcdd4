import { data } from "@remix-run/node";
import { getOptionalUser } from "../auth/guards.server";
import { can } from "../auth/permissions";
import { loadInsights } from "./insights.server";
import { parseRange } from "./range";

/** Members and anonymous visitors are told nothing exists here: every insights URL answers 404 to them. */
export async function requireInsightsViewer(request: Request) {
  const user = await getOptionalUser(request);
  if (!can(user, "insights:view")) throw data({ message: "We couldn’t find that page." }, { status: 404 });
  return user;
}

/** The range from the address (a bad one falls back to the last 30 days with a message) and the numbers for it. */
export async function insightsFor(request: Request, now = new Date()) {
  const parsed = parseRange(new URL(request.url).searchParams, now);
  const range = parsed.ok ? parsed.range : parsed.fallback;
  return { range, problem: parsed.ok ? null : parsed.message, insights: await loadInsights(range, now) };
}
