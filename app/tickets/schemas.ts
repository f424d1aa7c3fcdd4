import { z } from "zod";
import { ESCALATION_LEVELS, PRIORITIES } from "../support/policy";
import { isPhoneNumber, PHONE_MAX_LENGTH, PHONE_NUMBER_MESSAGE } from "../lib/phone";
import { TICKET_NUMBER_PATTERN, TICKET_STATUSES } from "./statuses";

/**
 * The ticket form's fields: the guide's ten essentials (account name and ID come from the account,
 * not the form) and the helpful additions. One schema for the browser (Conform) and the action.
 */

const text = (label: string, max: number) =>
  z
    .string({ required_error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is too long (at most ${max} characters).`);
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} is too long (at most ${max} characters).`).optional().default("");

export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * "Number of users affected" as choices; the last asks for the number. The stored answer is the
 * choice's words ("Just me") or "N users", so agents read the same thing whichever way it came.
 */
export const USERS_AFFECTED_NUMBER = "number";
export const USERS_AFFECTED_CHOICES = [
  { value: "Just me", label: "Just me" },
  { value: "Some of our users", label: "Some of our users" },
  { value: "Everyone in our account", label: "Everyone in our account" },
  { value: USERS_AFFECTED_NUMBER, label: "A number" },
] as const;
const MAX_USERS_AFFECTED = 10_000_000;

/**
 * The answers the guide's essentials allow without typing: no error message, a problem that cannot
 * be reproduced, nothing tried yet. Each is a checkbox beside its field; ticked, it becomes the
 * field's answer (before any note typed with it), so it works without JavaScript too.
 */
export const ONE_CLICK_ANSWERS = {
  errorMessages: { box: "noErrorMessages", answer: "None", label: "No error message appears" },
  stepsToReproduce: { box: "notReproducible", answer: "Not reproducible", label: "It cannot be reproduced" },
  alreadyTried: { box: "nothingTriedYet", answer: "Nothing yet", label: "Nothing tried yet" },
} as const;
type OneClickField = keyof typeof ONE_CLICK_ANSWERS;
const ONE_CLICK_FIELDS = Object.keys(ONE_CLICK_ANSWERS) as OneClickField[];
const MISSING_ANSWER: Record<OneClickField, string> = {
  errorMessages: "Paste the exact error messages, or tick “No error message appears”.",
  stepsToReproduce: "Describe the steps to reproduce, or tick “It cannot be reproduced”.",
  alreadyTried: "Say what you have already tried, or tick “Nothing tried yet”.",
};

const ticked = z.literal("on").optional();

const ticketFieldsSchema = z.object({
  subject: text("A subject", 200),
  contactName: text("The contact person", 120),
  contactPhone: text("A phone number", PHONE_MAX_LENGTH).refine(isPhoneNumber, PHONE_NUMBER_MESSAGE),
  description: text("A description of the problem", 20_000),
  businessImpact: text("The impact on your business", 2_000),
  usersAffected: text("The number of users affected", 100),
  usersAffectedCount: z.string().trim().max(12).optional(),
  issueStartedAt: z
    .string({ required_error: "When the issue started is required." })
    .regex(LOCAL_DATE_TIME, "Enter the date and time the issue started."),
  issueTimeZone: z.string().trim().min(1).max(64).default("America/New_York"),
  errorMessages: optionalText("The error messages", 10_000),
  noErrorMessages: ticked,
  stepsToReproduce: optionalText("The steps to reproduce", 10_000),
  notReproducible: ticked,
  alreadyTried: optionalText("What you have already tried", 10_000),
  nothingTriedYet: ticked,
  priority: z.coerce
    .number({
      required_error: "Choose the urgency (priority 1 to 4).",
      invalid_type_error: "Choose the urgency (priority 1 to 4).",
    })
    .int()
    .min(1, "Choose the urgency (priority 1 to 4).")
    .max(4, "Choose the urgency (priority 1 to 4)."),
  p1Confirmed: z.literal("on").optional(),
  systemSpecs: optionalText("System specifications", 5_000),
  recentChanges: optionalText("Recent changes", 5_000),
  relatedTicketNumbers: optionalText("Related ticket numbers", 500),
  deflectionSessionId: z.string().max(64).optional(),
});

type TicketFields = z.infer<typeof ticketFieldsSchema>;

function usersAffectedCount(fields: TicketFields): number | null {
  const count = /^\d{1,8}$/.test(fields.usersAffectedCount ?? "") ? Number(fields.usersAffectedCount) : NaN;
  return count >= 1 && count <= MAX_USERS_AFFECTED ? count : null;
}

export const ticketFormSchema = ticketFieldsSchema.superRefine((value, context) => {
  if (value.priority === 1 && value.p1Confirmed !== "on") {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["p1Confirmed"],
      message:
        "Priority 1 is for a complete service outage, data loss or corruption, or a security breach. Confirm that one of these is happening, or choose another priority.",
    });
  }
  if (value.usersAffected === USERS_AFFECTED_NUMBER && usersAffectedCount(value) === null) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["usersAffectedCount"],
      message: "Enter how many users are affected (a whole number, 1 or more).",
    });
  }
  for (const field of ONE_CLICK_FIELDS) {
    if (value[field] === "" && value[ONE_CLICK_ANSWERS[field].box] !== "on")
      context.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: MISSING_ANSWER[field] });
  }
  for (const number of splitTicketNumbers(value.relatedTicketNumbers)) {
    if (!TICKET_NUMBER_PATTERN.test(number)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["relatedTicketNumbers"],
        message: `“${number}” is not a ticket number (they look like TF-2026-000123).`,
      });
      break;
    }
  }
});

/** What a ticket stores: the form's fields with the choices and one-click answers turned into words. */
export type TicketFormValues = Omit<
  TicketFields,
  "usersAffectedCount" | "noErrorMessages" | "notReproducible" | "nothingTriedYet"
>;

/** The form's answers as the ticket keeps them: "12 users" for a number, "Not reproducible" for a ticked box. */
export function ticketValuesFromForm(fields: TicketFields): TicketFormValues {
  const { usersAffectedCount: _count, noErrorMessages, notReproducible, nothingTriedYet, ...values } = fields;
  const count = usersAffectedCount(fields);
  const usersAffected =
    fields.usersAffected === USERS_AFFECTED_NUMBER && count !== null
      ? `${count.toLocaleString("en-US")} ${count === 1 ? "user" : "users"}`
      : fields.usersAffected;
  const ticks: Record<OneClickField, boolean> = {
    errorMessages: noErrorMessages === "on",
    stepsToReproduce: notReproducible === "on",
    alreadyTried: nothingTriedYet === "on",
  };
  const answer = (field: OneClickField) => {
    if (!ticks[field]) return values[field];
    const { answer: words } = ONE_CLICK_ANSWERS[field];
    return values[field] ? `${words}. ${values[field]}` : words;
  };
  return {
    ...values,
    usersAffected,
    errorMessages: answer("errorMessages"),
    stepsToReproduce: answer("stepsToReproduce"),
    alreadyTried: answer("alreadyTried"),
  };
}

export function splitTicketNumbers(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\s,;]+/)
    .map((part) => part.trim().toUpperCase())
    .filter(Boolean);
}

export const replySchema = z.object({
  body: text("A message", 20_000),
});

/**
 * An agent's message. The mode is never assumed: each composer form (public reply, internal note)
 * sends its own, so a note cannot go out to the customer because a field was missing.
 */
export const agentMessageSchema = replySchema.extend({
  visibility: z.enum(["public", "internal"], {
    errorMap: () => ({ message: "Choose Public reply or Internal note." }),
  }),
});

export const raisePrioritySchema = z
  .object({
    priority: z.coerce.number().int().min(1).max(4),
    reason: text("A reason", 2_000),
    p1Confirmed: z.literal("on").optional(),
  })
  .superRefine((value, context) => {
    if (value.priority === 1 && value.p1Confirmed !== "on") {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["p1Confirmed"],
        message:
          "Confirm the service is down, data is lost or there is a security breach to raise a ticket to Priority 1.",
      });
    }
  });

/** The customer's ticket page: its forms, each naming itself in a hidden `intent` field. */
export const CUSTOMER_TICKET_INTENTS = ["reply", "raise", "escalate", "solved"] as const;

/** A reason is optional; a long one is cut rather than refused (the button is one click). */
export const escalationRequestSchema = z.object({
  reason: z
    .string()
    .optional()
    .transform((reason) => (reason ?? "").slice(0, 2_000)),
});

/** The agent's ticket page: the composer and one small form per field an agent sets. */
export const AGENT_TICKET_INTENTS = [
  "reply",
  "status",
  "priority",
  "level",
  "assign",
  "idea",
  "acknowledge",
  "link-incident",
  "new-incident",
] as const;

/** A level from a fixed list, posted as its number. */
const levelIn = (levels: readonly number[], message: string) =>
  z.coerce.number({ errorMap: () => ({ message }) }).refine((level) => levels.includes(level), message);

export const statusChangeSchema = z.object({
  status: z.enum(TICKET_STATUSES, { errorMap: () => ({ message: "Unknown status." }) }),
});

export const priorityChangeSchema = z.object({
  priority: levelIn(
    PRIORITIES.map((entry) => entry.level),
    "Unknown priority.",
  ),
});

export const levelChangeSchema = z.object({
  level: levelIn(
    ESCALATION_LEVELS.map((entry) => entry.level),
    "Unknown escalation level.",
  ),
});

/** An empty choice unassigns. */
export const assignmentSchema = z.object({
  assigneeId: z
    .string()
    .optional()
    .transform((id) => id ?? null),
});

const IDEA_REFERENCE = /^#?(\d{1,9})$/;
const IDEA_LINK = /\/ideas\/(\d{1,9})(?:[-/]|$)/;

/** The idea an agent links a ticket to: empty unlinks (null); "12", "#12" or an idea link ending in its number ("/ideas/12-slug") names idea 12. */
export const ideaLinkSchema = z.object({
  ideaId: z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value) return null;
      const match = IDEA_REFERENCE.exec(value) ?? IDEA_LINK.exec(value);
      if (match) return Number(match[1]);
      context.addIssue({ code: z.ZodIssueCode.custom, message: "Give the idea's number (e.g. 12) or its link." });
      return z.NEVER;
    }),
});

export const surveySchema = z.object({
  rating: z.coerce
    .number({ invalid_type_error: "Choose a rating from 1 to 5." })
    .int()
    .min(1, "Choose a rating from 1 to 5.")
    .max(5, "Choose a rating from 1 to 5."),
  comment: z.string().trim().max(5_000).optional().default(""),
});

/** How far past the server's clock a start time may lie: the customer's clock may run a little fast. */
const ISSUE_START_CLOCK_GRACE_MS = 5 * 60_000;

/**
 * The ticket form as the server files it: the fields (as the browser checks them), and the local
 * start time turned into an instant in the chosen zone, which must be a real time and not in the
 * future. Checked only once every field is right, so these messages never stack on others.
 */
export function ticketFilingSchema(now = new Date()) {
  return ticketFormSchema.transform((fields, context) => {
    const values = ticketValuesFromForm(fields);
    const issueStartedAt = zonedLocalToInstant(values.issueStartedAt, values.issueTimeZone);
    if (issueStartedAt && issueStartedAt.getTime() <= now.getTime() + ISSUE_START_CLOCK_GRACE_MS)
      return { values, issueStartedAt };
    const message = issueStartedAt
      ? "When the issue started cannot be in the future."
      : "Enter a valid date and time and choose your time zone.";
    context.addIssue({ code: z.ZodIssueCode.custom, path: ["issueStartedAt"], message });
    return z.NEVER;
  });
}

/** The instant a local date-time in a time zone names; null when the zone is unknown or the text malformed. */
export function zonedLocalToInstant(local: string, timeZone: string): Date | null {
  if (!LOCAL_DATE_TIME.test(local)) return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
  } catch {
    return null;
  }
  const [datePart, timePart] = local.split("T") as [string, string];
  const [year, month, day] = datePart.split("-").map(Number) as [number, number, number];
  const [hour, minute] = timePart.split(":").map(Number) as [number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wanted)) return null;
  let instant = wanted;
  for (let pass = 0; pass < 2; pass++) {
    const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
    const shown = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
    );
    instant += wanted - shown;
  }
  return new Date(instant);
}
