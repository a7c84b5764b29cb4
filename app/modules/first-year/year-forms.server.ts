/** The learning agreement's and the year settings' forms as zod schemas; server-only, so that no page's JavaScript carries zod. */
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { dayField, numberInBox } from "~/utils/forms.server";
import { PAUSE_REASONS } from "./pause-reasons";

const part = (label: string) =>
  z
    .string({ error: `Write the ${label}` })
    .trim()
    .min(1, `Write the ${label}`)
    .max(10_000, `The ${label} must be 10,000 characters or fewer`);

export const agreementActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    goals: part("learning goals"),
    support: part("support offered"),
    protectedTime: part("protected development time"),
    caseload: part("caseload agreed"),
  }),
  z.object({ intent: z.literal("sign"), version: numberInBox(z.number().int().positive()) }),
]);

const isoDay = (label: string) =>
  dayField(`Enter the ${label}, for example 2027-03-01`);


export const yearSettingsSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("settings"),
    pathway: z.string().max(50).optional(),
    workingPercent: numberInBox(
      z
        .number({ error: "Enter working time as a percentage of full time, for example 60" })
        .int("Enter a whole percentage")
        .min(20, "Working time must be at least 20% of full time")
        .max(100, "Working time can be at most 100% (full time)"),
    ),
    extensionDays: numberInBox(
      z
        .number({ error: "Enter the extension in days, or 0" })
        .int("Enter whole days")
        .min(0, "The extension cannot be negative")
        .max(365, "An extension can be at most 365 days"),
    ),
  }),
  z.object({
    intent: z.literal("add-pause"),
    from: isoDay("first day of the pause"),
    to: isoDay("last day of the pause"),
    reason: z.enum(Object.keys(PAUSE_REASONS) as [keyof typeof PAUSE_REASONS], {
      error: "Choose why the year is paused",
    }),
  }),
  z.object({ intent: z.literal("remove-pause"), from: isoDay("pause") }),
  z.object({
    intent: z.literal("team-manager"),
    teamManagerId: z.string({ error: "Choose the team manager" }).uuid("Choose the team manager"),
  }),
]);

/** A pause's days in order; checked beside the schema so it is reported together with the other errors. */
export function pauseOrderError(form: FormData): string | null {
  const from = form.get("from");
  const to = form.get("to");
  if (form.get("intent") !== "add-pause" || typeof from !== "string" || typeof to !== "string") return null;
  if (!isValid(parseISO(from)) || !isValid(parseISO(to))) return null;
  return to < from ? "The last day must be on or after the first day" : null;
}
