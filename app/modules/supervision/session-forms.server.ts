/** The supervision forms as zod schemas; server-only, so that no page's JavaScript carries zod. */
import { z } from "zod";
import { dayField, numberInBox } from "~/utils/forms.server";
import { KINDS } from "./kinds";


const text = (label: string, max = 20_000) =>
  z
    .string({ error: `Write the ${label}` })
    .trim()
    .min(1, `Write the ${label}`)
    .max(max, `The ${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

export const sessionSchema = z.object({
  heldOn: dayField("Enter the date of the session, for example 2027-01-04"),
  minutes: numberInBox(
    z
      .number({ error: "Enter how long it lasted, in minutes" })
      .int("Enter whole minutes")
      .min(10, "A session lasts at least 10 minutes")
      .max(480, "A session lasts at most 8 hours (480 minutes)"),
  ),
  kind: z.enum(Object.keys(KINDS) as [keyof typeof KINDS], { error: "Choose the kind of supervision" }),
  agenda: text("agenda"),
  discussion: text("discussion"),
  decisions: z.string().trim().max(20_000, "Decisions must be 20,000 characters or fewer").default(""),
});

export const acknowledgeSchema = z.object({
  comment: z.string().trim().max(5_000, "Your comment must be 5,000 characters or fewer").default(""),
});
