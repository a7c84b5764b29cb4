/** The council's form for an introduction's next step, as a zod schema. Pure; server-only so pages ship no zod. */
import { z } from "zod";
import { dayField } from "~/utils/forms.server";

const day = (message: string) => dayField(message, message);
const note = z.string().trim().max(2_000, "The note must be 2,000 characters or fewer").optional().default("");

/** The council's form: one step at a time, with what that step needs. */
export const councilStepSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("interview"),
      interviewOn: day("Enter the interview date as a real date, for example 2027-02-15"),
      note,
    }),
    z.object({ intent: z.literal("offered"), note }),
    z.object({
      intent: z.literal("started"),
      startsOn: day("Enter the start date as a real date, for example 2027-04-01"),
      note,
    }),
    z.object({
      intent: z.literal("declined"),
      reason: z
        .string({ error: "Say why, for the helpline and the returner" })
        .trim()
        .min(1, "Say why, for the helpline and the returner")
        .max(2_000, "The note must be 2,000 characters or fewer"),
    }),
  ],
  { error: "Choose what to record" },
);

export type CouncilStepInput = z.output<typeof councilStepSchema>;

/** The helpline introducing a returner to a vacancy. */
export const introduceSchema = z.object({
  intent: z.literal("introduce", { error: "Choose a vacancy to introduce them to" }),
  vacancyId: z.string({ error: "Choose a vacancy to introduce them to" }).uuid("Choose a vacancy to introduce them to"),
});
