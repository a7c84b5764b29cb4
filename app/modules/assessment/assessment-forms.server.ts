/** The forms of assessment against criteria, checked on the server (no page's JavaScript carries zod). */
import { z } from "zod";
import { dayField } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";

const LIMIT = 20_000;
const limited = (what: string) => z.string().trim().max(LIMIT, `${what} must be 20,000 characters or fewer`);

/** One text box per criterion, named statement-<code>; each may be left for later. */
export function statementsSchema(codes: string[]) {
  return z.object(
    Object.fromEntries(codes.map((code) => [`statement-${code}`, limited(`The statement for ${code}`).default("")])),
  );
}

export const intentSchema = z.object({ intent: z.enum(["statements", "submit", "confirm"], { error: "Choose what to do" }) });

export const confirmSchema = z.object({
  submissionId: z.string().refine(isUuid, "Reload the page and confirm again"),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "Reload the page and confirm again"),
  declare: z.literal("yes", { error: "Tick to confirm the practice claims are true" }),
  comments: limited("Comments").default(""),
});

export const appointSchema = z.object({
  enrolmentId: z.string().refine(isUuid, "Choose a candidate from the list"),
  assessor: z.string({ error: "Choose an independent assessor" }).refine(isUuid, "Choose an independent assessor"),
});

export const acceptSchema = z.object({
  appointmentId: z.string().refine(isUuid, "Reload the page and accept again"),
  declare: z.literal("yes", { error: "Tick to declare you have no conflict of interest" }),
});

export const decisionSchema = z.object({
  intent: z.literal("criterion"),
  code: z.string().regex(/^[A-Z][A-Z-]*-\d+(\.\d+)*$/, "Choose a criterion"),
  met: z.enum(["met", "not_met"], { error: "Choose met or not yet met" }),
  feedback: limited("Feedback").pipe(z.string().min(1, "Enter your feedback on this criterion")),
});

export const outcomeSchema = z.object({
  intent: z.literal("outcome"),
  outcome: z.enum(["achieved", "not_yet_achieved", "referred"], { error: "Choose the overall outcome" }),
  developmentPlan: limited("The development plan").default(""),
  resubmitBy: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    dayField("Enter the resubmission date as a date, for example 2027-03-31").optional(),
  ),
});
