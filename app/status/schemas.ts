import { z } from "zod";
import { plainLine } from "../lib/plain-text";
import {
  COMPONENT_STATES,
  IMPACTS,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  ROOT_CAUSE_MIN_CHARACTERS,
} from "./states";

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export const subscribeSchema = z.object({
  email: z
    .string({ required_error: "Enter your email address." })
    .trim()
    .max(254, "That address is too long.")
    .email("Enter an email address like name@example.com."),
});

const title = plainLine(
  z
    .string({ required_error: "Give it a title." })
    .trim()
    .min(5, "The title needs at least 5 characters.")
    .max(140, "Keep the title under 140 characters."),
  "The title",
);
const message = z
  .string({ required_error: "Write what customers should know." })
  .trim()
  .min(5, "Write what customers should know (at least 5 characters).")
  .max(5000, "Keep the update under 5,000 characters.");
const affectedState = z.enum(
  COMPONENT_STATES.filter((state) => state !== "operational" && state !== "maintenance") as [
    "degraded",
    "partial-outage",
    "major-outage",
  ],
);

export const openIncidentSchema = z.object({
  title,
  impact: z.enum(IMPACTS, { required_error: "Choose the impact." }),
  status: z.enum(["investigating", "identified", "monitoring"], { required_error: "Choose the status." }),
  message,
  // The ids of the affected components (checkboxes), and how each is affected (a select named states.<id>).
  components: z.array(z.string()).min(1, "Choose at least one affected component."),
  states: z.record(z.string(), z.string()).default({}),
});

export function parseComponentChoices(values: readonly string[], states: Record<string, string>) {
  return values.map((componentId) => ({
    componentId,
    state: affectedState.catch("degraded").parse(states[componentId]),
  }));
}

const rootCauseText = z
  .string()
  .trim()
  .max(20_000, "Keep the analysis under 20,000 characters.")
  .refine((text) => text === "" || text.length >= ROOT_CAUSE_MIN_CHARACTERS, {
    message: `Write what happened, why, and what changes so it does not happen again (at least ${ROOT_CAUSE_MIN_CHARACTERS} characters).`,
  });

export const updateSchema = z.object({
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], { required_error: "Choose the status." }),
  message,
  rootCause: rootCauseText.optional().default(""),
});

/**
 * The update form of a major incident (states.ts isMajorIncident): resolving it needs the root cause
 * analysis unless one is saved already; the model checks the same again.
 */
export function updateSchemaFor(incident: { rootCauseRequired: boolean }) {
  return updateSchema.superRefine((value, context) => {
    if (value.status === "resolved" && incident.rootCauseRequired && !value.rootCause)
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["rootCause"],
        message: "Resolving a major incident needs its root cause analysis.",
      });
  });
}

export const rootCauseSchema = z.object({ rootCause: rootCauseText.default("") });

export const REVIEW_MINUTES = [30, 45, 60, 90] as const;

/** The post-incident review meeting: a local date-time in the zone beside it (the route turns it into an instant). */
export const reviewSchema = z.object({
  startsAt: z
    .string({ required_error: "Pick the meeting's date and time." })
    .regex(LOCAL, "Pick the meeting's date and time."),
  timeZone: z.string({ required_error: "Choose the time zone." }).min(1).max(64),
  minutes: z.coerce
    .number({ required_error: "Choose how long it takes." })
    .refine((value) => (REVIEW_MINUTES as readonly number[]).includes(value), "Choose how long it takes."),
  location: plainLine(
    z.string().trim().max(300, "Keep the meeting link or dial-in under 300 characters."),
    "The meeting link",
  )
    .optional()
    .default(""),
});

export const maintenanceSchema = z
  .object({
    title,
    message,
    start: z.string({ required_error: "When does it start?" }).regex(LOCAL, "Use the date and time picker."),
    end: z.string({ required_error: "When does it end?" }).regex(LOCAL, "Use the date and time picker."),
    components: z.array(z.string()).min(1, "Choose at least one component."),
  })
  .refine((value) => value.end > value.start, { message: "The end must be after the start.", path: ["end"] });

/** Linking a Priority 1 ticket from its page: to an open incident, or to a new one opened with it. */
export const linkIncidentSchema = z.object({
  incidentId: z.string({ required_error: "Choose the incident." }).trim().min(1, "Choose the incident.").max(64),
});

export const incidentFromTicketSchema = z.object({
  title,
  impact: z.enum(["major", "critical"], { required_error: "Choose the impact." }),
  componentId: z.string({ required_error: "Choose the affected component." }).min(1).max(64),
  componentState: affectedState,
  message,
});
