/** The vacancy form a programme lead fills in, as a zod schema. Pure; server-only so pages ship no zod. */
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { blankAsMissing, DAY_RANGE_MESSAGE, LATEST_DAY } from "~/utils/forms.server";
import { REGIONS, SPECIALISMS } from "./options";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Must be ${max} characters or fewer`);

const pounds = (missing: string) =>
  blankAsMissing(
    z
      .string({ error: missing })
      .trim()
      .transform((v) => v.replace(/^£/, "").replace(/,/g, ""))
      .pipe(
        z
          .string()
          .regex(/^\d+$/, "Enter the salary in whole pounds, for example 38000")
          .transform(Number)
          .pipe(
            z
              .number()
              .min(10_000, "Enter a salary of at least £10,000")
              .max(250_000, "Enter a salary of £250,000 or less"),
          ),
      ),
  );

/**
 * The vacancy form. `earliestClosing` is the first closing date allowed: today when posting;
 * when editing, today or the date already set (so a lead can correct a post that has closed
 * without being made to reopen it).
 */
export function vacancySchema(earliestClosing: string) {
  return z
    .object({
      title: text("Enter the job title", 120),
      team: text("Enter the team", 120),
      region: z.enum(REGIONS, { error: "Choose the region" }),
      grade: text("Enter the grade, for example Grade 8 or Band 7", 60),
      salaryFrom: pounds("Enter the lowest salary of the band"),
      salaryTo: pounds("Enter the highest salary of the band"),
      specialism: z.enum(SPECIALISMS, { error: "Choose adults', children's or either" }),
      returnerFriendly: z.enum(["yes", "no"], { error: "Say whether the post is open to returners" }),
      supervisionOffered: text("Describe the supervision offered", 2_000),
      inductionOffered: text("Describe the induction offered", 2_000),
      description: z.string().trim().max(10_000, "Description must be 10,000 characters or fewer").optional().default(""),
      closesOn: z
        .string({ error: "Enter the closing date" })
        .trim()
        .min(1, "Enter the closing date")
        .regex(ISO_DAY, "Enter the closing date as a real date, for example 2027-03-31")
        .refine((v) => isValid(parseISO(v)), "Enter the closing date as a real date, for example 2027-03-31")
        .refine((v) => v <= LATEST_DAY, DAY_RANGE_MESSAGE)
        .refine((v) => v >= earliestClosing, "The closing date must be today or later"),
    })
    .superRefine((v, ctx) => {
      if (v.salaryTo < v.salaryFrom)
        ctx.addIssue({
          code: "custom",
          path: ["salaryTo"],
          message: "The highest salary must be the same as or more than the lowest",
        });
    })
    .transform((v) => ({ ...v, returnerFriendly: v.returnerFriendly === "yes" }));
}

export type VacancyInput = z.output<ReturnType<typeof vacancySchema>>;

