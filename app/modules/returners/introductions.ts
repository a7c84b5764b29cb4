/**
 * An introduction's course: which steps a council may record next, what each step needs,
 * and what it means for the helpline's request. Pure.
 */
import { z } from "zod";
import type { CallbackStatus, IntroductionStatus } from "./options";

/** The steps a council records. `introduced` is where every introduction starts. */
export const COUNCIL_STEPS = ["interview", "offered", "started", "declined"] as const;
export type CouncilStep = (typeof COUNCIL_STEPS)[number];

const NEXT: Record<IntroductionStatus, readonly IntroductionStatus[]> = {
  introduced: ["interview", "offered", "declined"],
  interview: ["offered", "declined"],
  offered: ["started", "declined"],
  started: [],
  declined: [],
  withdrawn: [],
};

export function nextSteps(from: IntroductionStatus): IntroductionStatus[] {
  return [...NEXT[from]];
}

export function canMove(from: IntroductionStatus, to: IntroductionStatus): boolean {
  return NEXT[from].includes(to);
}

export function isFinal(status: IntroductionStatus): boolean {
  return NEXT[status].length === 0;
}

/**
 * The request's status after an introduction moves: an introduction makes a new or contacted
 * request `introduced`; a start means the person has returned. A closed request stays closed.
 */
export function requestStatusAfter(current: CallbackStatus, introduction: IntroductionStatus): CallbackStatus {
  if (current === "closed") return current;
  if (introduction === "started") return "returned";
  if (["introduced", "interview", "offered"].includes(introduction) && (current === "new" || current === "contacted"))
    return "introduced";
  return current;
}

/** Introductions share a person's details with a council, so they need the consent the helpline recorded. */
export function hasRecordedConsent(request: { consentToShare: boolean; consentRecordedAt: Date | string | null }) {
  return request.consentToShare && !!request.consentRecordedAt;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(ISO_DAY, message)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), message);
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
