import { z } from "zod";

/** The /training/live request form and the staff confirmation. Times arrive as local date-times plus the zone they are in. */

const localDateTime = (message: string) =>
  z.string({ required_error: message }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, message);

export const MAX_LIVE_ATTENDEES = 200;

export const liveRequestSchema = z.object({
  topic: z
    .string({ required_error: "Say what your team wants to learn." })
    .trim()
    .min(10, "Say a little more about what your team wants to learn (at least 10 characters).")
    .max(1000, "Keep the topic under 1,000 characters."),
  attendees: z.coerce
    .number({
      required_error: "Enter how many people will attend.",
      invalid_type_error: "Enter how many people will attend, as a number.",
    })
    .int("Enter a whole number of attendees.")
    .min(1, "At least one person attends.")
    .max(
      MAX_LIVE_ATTENDEES,
      `For more than ${MAX_LIVE_ATTENDEES} attendees, say so in the topic and enter ${MAX_LIVE_ATTENDEES}.`,
    ),
  preferredAt1: localDateTime("Enter your first preferred date and time."),
  preferredAt2: localDateTime("Enter your second preferred date and time."),
  preferredAt3: localDateTime("Enter your third preferred date and time."),
  timeZone: z.string({ required_error: "Choose your time zone." }).min(1).max(64),
});

export type LiveRequestInput = z.infer<typeof liveRequestSchema>;

export const LIVE_SESSION_LENGTHS = [60, 90, 120] as const;

export const confirmLiveSchema = z.object({
  requestId: z.string().min(1).max(64),
  /** "1", "2" or "3": one of the customer's preferred times. */
  choice: z.enum(["1", "2", "3"], { errorMap: () => ({ message: "Choose one of the preferred times." }) }),
  durationMinutes: z.coerce
    .number()
    .refine((value) => (LIVE_SESSION_LENGTHS as readonly number[]).includes(value), "Choose a session length."),
  joinUrl: z
    .string({ required_error: "Give the meeting link the invitation carries." })
    .trim()
    .url("Give the meeting link as a full https:// address.")
    .max(500)
    .refine((value) => value.startsWith("https://"), "Give the meeting link as a full https:// address."),
});
