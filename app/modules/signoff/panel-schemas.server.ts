/** The moderation panel's forms as zod schemas; server-only, so that no page's JavaScript carries zod. */
import { z } from "zod";
import { numberInBox } from "~/utils/forms.server";
import { EXTENSION_DAYS, PANEL_OUTCOMES, type PanelOutcome } from "./panel";

/** A new moderation panel. */
export const panelSchema = z.object({
  programmeSlug: z.string({ error: "Choose the programme" }).min(1, "Choose the programme"),
  name: z
    .string({ error: "Name the panel" })
    .trim()
    .min(1, "Name the panel")
    .max(200, "Keep the name under 200 characters"),
  sharePercent: numberInBox(
    z
      .number({ error: "Enter the share of passes to read, for example 10" })
      .int("Enter a whole percentage")
      .min(1, "Read at least 1% of passes")
      .max(100, "The share can be at most 100%"),
  ),
  chairId: z.string({ error: "Choose the chair" }).uuid("Choose the chair"),
});

/** The panel's outcome for one year. */
export const panelOutcomeSchema = z
  .object({
    intent: z.literal("record"),
    outcome: z.enum(Object.keys(PANEL_OUTCOMES) as [PanelOutcome], { error: "Choose the panel's outcome" }),
    reasons: z.string().trim().max(20_000, "Reasons must be 20,000 characters or fewer").default(""),
    extensionDays: numberInBox(
      z
        .number({ error: "Enter the extension as a number of days, for example 60" })
        .int("Enter a whole number of days")
        .min(EXTENSION_DAYS.min, "Extend the year by at least 1 day")
        .max(EXTENSION_DAYS.max, "An extension can be at most 365 days")
        .optional(),
    ),
  })
  .refine((v) => v.outcome === "agree" || v.reasons, {
    path: ["reasons"],
    message: "Give the panel's reasons when it disagrees or extends the year",
  })
  .refine((v) => v.outcome !== "extension" || v.extensionDays !== undefined, {
    path: ["extensionDays"],
    message: "Say how many days the panel extends the year by",
  });
