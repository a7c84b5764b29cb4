/** The coursework forms' shapes, checked at the edge (zod stays on the server). */
import { z } from "zod";
import { dayField, isDayInRange } from "~/utils/forms.server";
import { englandInstant } from "./assignments";

const time = z
  .string({ error: "Enter a time, for example 12:00" })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time on the 24-hour clock, for example 12:00");

/** A deadline typed as a day and a time in England; the time defaults to noon. */
const deadlineFields = {
  deadlineDay: dayField("Enter the date, for example 2027-05-14"),
  deadlineTime: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? "12:00" : v), time),
};
const withDeadline = <T extends { deadlineDay: string; deadlineTime: string }>(v: T) => ({
  ...v,
  deadline: englandInstant(v.deadlineDay, v.deadlineTime),
});

export const openAssignmentSchema = z
  .object({
    /** "<cohort id>:<module slug>": one choice of a cohort and one of its modules. */
    target: z
      .string({ error: "Choose a cohort and module" })
      .regex(/^[0-9a-f-]{36}:[a-z0-9-]{1,100}$/i, "Choose a cohort and module"),
    ...deadlineFields,
  })
  .transform((v) => {
    const [cohortId, moduleSlug] = v.target.split(":") as [string, string];
    return { ...withDeadline(v), cohortId, moduleSlug };
  });

const longText = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(5000, "Write 5,000 characters or fewer");

export const extensionRequestSchema = z
  .object({ reasons: longText("Say why you need more time"), ...deadlineFields })
  .transform(withDeadline);

export const mitigationSchema = z.object({
  circumstances: longText("Describe the circumstances"),
});

export const extensionDecisionSchema = z
  .object({
    requestId: z.string().uuid("Choose a request"),
    outcome: z.enum(["approved", "refused"], { error: "Choose approve or refuse" }),
    note: z.string().trim().max(2000, "Write 2,000 characters or fewer").default(""),
    deadlineDay: z.string().trim().optional(),
    deadlineTime: z.string().trim().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome !== "approved") return;
    if (!v.deadlineDay || !isDayInRange(v.deadlineDay))
      ctx.addIssue({ code: "custom", path: ["deadlineDay"], message: "Give the new deadline, for example 2027-05-28" });
    if (v.deadlineTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(v.deadlineTime))
      ctx.addIssue({ code: "custom", path: ["deadlineTime"], message: "Enter a time on the 24-hour clock, for example 12:00" });
  })
  .transform((v) => ({
    ...v,
    deadline: v.outcome === "approved" && v.deadlineDay ? englandInstant(v.deadlineDay, v.deadlineTime || "12:00") : null,
  }));

export const mitigationDecisionSchema = z.object({
  mitigationId: z.string().uuid("Choose the circumstances"),
  outcome: z.enum(["accepted", "not_accepted"], { error: "Choose accepted or not accepted" }),
  note: z.string().trim().max(2000, "Write 2,000 characters or fewer").default(""),
});

/** The board's confirmation: the lead signs with their name and confirms they have weighed everything. */
export const boardConfirmSchema = z.object({
  signedName: z
    .string({ error: "Sign with your full name" })
    .trim()
    .min(1, "Sign with your full name")
    .max(200, "Write 200 characters or fewer"),
  confirm: z.literal("yes", { error: "Confirm that the board has considered every mark and the notes beside them" }),
});

export const resubmissionSchema = z
  .object({ enrolmentId: z.string().uuid("Choose a learner"), ...deadlineFields })
  .transform(withDeadline);

export const examinerCommentSchema = z.object({
  assignmentId: z.string().uuid("Choose an assignment"),
  comment: longText("Write your comment for the exam board"),
});
