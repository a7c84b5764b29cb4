/**
 * An introduction's course: which steps a council may record next, what each step needs,
 * and what it means for the helpline's request. Pure. The council's form is in
 * introduction-schema.server.ts, so that no page's JavaScript carries zod.
 */
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
