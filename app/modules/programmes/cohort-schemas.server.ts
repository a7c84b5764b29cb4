import { z } from "zod";
import { dayField } from "~/utils/forms.server";

const isoDate = (message: string) => dayField(message, message);

export const cohortSchema = z.object({
  programmeSlug: z.string({ error: "Choose a programme" }).min(1, "Choose a programme").max(100),
  name: z
    .string({ error: "Enter a name for the cohort" })
    .trim()
    .min(1, "Enter a name for the cohort")
    .max(120, "Name must be 120 characters or fewer"),
  startsOn: isoDate("Enter the start date as a real date, for example 2027-01-04"),
});

export const enrolSchema = z.object({
  learnerId: z.string({ error: "Choose a learner" }).uuid("Choose a learner"),
  supervisorId: z.string({ error: "Choose a practice supervisor" }).uuid("Choose a practice supervisor"),
  /** Optional here: the programme lead can name the team manager later, on the year's settings. */
  teamManagerId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().uuid("Choose a team manager, or leave it to name one later").nullable()),
  startedOn: isoDate("Enter the date they start, for example 2027-01-04"),
});
