import { z } from "zod";

/** Forms of the team page and the staff user list (one schema each, used by Conform in the browser and by the action). */

const email = z
  .string({ required_error: "Enter your colleague’s email address." })
  .trim()
  .max(254, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.")
  .transform((value) => value.toLowerCase());

export const inviteSchema = z.object({ intent: z.literal("invite"), email });
export const decideJoinRequestSchema = z.object({
  intent: z.literal("decide"),
  requestId: z.string({ required_error: "Choose a request." }).max(64),
  decision: z.enum(["approve", "decline"], { message: "Choose approve or decline." }),
});
export const teamSchema = z.discriminatedUnion("intent", [inviteSchema, decideJoinRequestSchema]);

export const acceptInvitationSchema = z.object({
  token: z.string({ required_error: "This invitation link is not valid." }).min(10).max(200),
});

export const attachUserSchema = z.object({
  userId: z.string({ required_error: "Choose a user." }).max(64),
  accountNumber: z
    .string({ required_error: "Enter the account ID." })
    .trim()
    .toUpperCase()
    .regex(/^TF-\d{6}$/, "Account IDs look like TF-100042."),
  accountRole: z.enum(["owner", "member"], { message: "Choose owner or member." }),
});
