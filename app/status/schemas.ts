import { z } from "zod";
import { plainLine } from "../lib/plain-text";
import { COMPONENT_STATES, IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from "./states";

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

export const updateSchema = z.object({
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], { required_error: "Choose the status." }),
  message,
});

export const rootCauseSchema = z.object({
  rootCause: z.string().trim().max(20_000, "Keep the summary under 20,000 characters.").default(""),
});

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
export const maintenanceSchema = z
  .object({
    title,
    message,
    start: z.string({ required_error: "When does it start?" }).regex(LOCAL, "Use the date and time picker."),
    end: z.string({ required_error: "When does it end?" }).regex(LOCAL, "Use the date and time picker."),
    components: z.array(z.string()).min(1, "Choose at least one component."),
  })
  .refine((value) => value.end > value.start, { message: "The end must be after the start.", path: ["end"] });
