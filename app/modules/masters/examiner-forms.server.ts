/** The external examiners page's forms, checked at the edge (zod stays on the server). */
import { z } from "zod";
import { dayField } from "~/utils/forms.server";

export const appointExaminerSchema = z.object({
  membershipId: z.string({ error: "Choose the external examiner to appoint" }).trim().min(1, "Choose the external examiner to appoint"),
  programmeSlug: z.string({ error: "Choose the programme they will examine" }).trim().min(1, "Choose the programme they will examine"),
  startsOn: dayField("Enter the first day of the term, for example 2027-09-01"),
  endsOn: dayField("Enter the last day of the term, for example 2031-08-31"),
});

export const endAppointmentSchema = z.object({
  appointmentId: z.string({ error: "Choose the appointment to end" }).trim().min(1, "Choose the appointment to end"),
  reason: z
    .string({ error: "Say why the appointment ends early" })
    .trim()
    .min(1, "Say why the appointment ends early")
    .max(2000, "Write 2,000 characters or fewer"),
});
