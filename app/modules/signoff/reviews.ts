/**
 * Review points as a sequence of append-only records: the learner submits evidence, the
 * supervisor approves or returns it, the year's team manager countersigns. The state is worked out
 * from those records, never stored beside them. Pure.
 */
import { createHash } from "node:crypto";
import type { CoveredItem } from "#db/schema";
import type { Party } from "~/modules/first-year/agreement";
import { reviewDates, type YearInput } from "~/modules/first-year/year";

export type ReviewState = "not_started" | "submitted" | "returned" | "approved" | "complete";

export interface SubmissionLike {
  id: string;
  number: number;
  contentHash: string;
}

export interface SignoffLike {
  submissionId: string;
  step: "supervisor_decision" | "countersignature";
  decision: string;
}

export const STATE_LABELS: Record<ReviewState, string> = {
  not_started: "Not submitted",
  submitted: "Waiting for the supervisor",
  returned: "Returned to the learner",
  approved: "Waiting for the team manager's countersignature",
  complete: "Signed off",
};

/**
 * `reopened` names submissions whose signed-off final assessment a moderation panel extended: the
 * year goes on, so the learner submits again (the review reads as returned to them).
 */
export function reviewState<S extends SubmissionLike, G extends SignoffLike>(
  submissions: S[],
  signoffs: G[],
  reopened: ReadonlySet<string> = new Set(),
) {
  const latest = [...submissions].sort((a, b) => b.number - a.number)[0] ?? null;
  if (!latest) return { state: "not_started" as ReviewState, latest: null, decision: null, countersignature: null };
  const decision = signoffs.find((s) => s.submissionId === latest.id && s.step === "supervisor_decision") ?? null;
  const countersignature = signoffs.find((s) => s.submissionId === latest.id && s.step === "countersignature") ?? null;
  const state: ReviewState = !decision
    ? "submitted"
    : decision.decision === "returned"
      ? "returned"
      : countersignature
        ? reopened.has(latest.id)
          ? "returned"
          : "complete"
        : "approved";
  return { state, latest, decision, countersignature };
}

export type ReviewAction = "submit" | "decide" | "countersign";

/**
 * Who may do what next: the learner submits (again), the supervisor decides, the year's team manager
 * countersigns. `signsAs` is what the person signs as in this year (parties.ts): null for a programme
 * lead who is not the year's team manager, who reads the review and takes no step in it.
 */
export function nextAction(state: ReviewState, signsAs: Party | null): ReviewAction | null {
  if (signsAs === "learner" && (state === "not_started" || state === "returned")) return "submit";
  if (signsAs === "supervisor" && state === "submitted") return "decide";
  if (signsAs === "team_manager" && state === "approved") return "countersign";
  return null;
}

/** The hash a submission is known by: the learner's comments and every item's exact version. */
export function submissionHash(comments: string, items: Pick<CoveredItem, "itemId" | "version" | "contentHash">[]) {
  const sorted = [...items].sort((a, b) => a.itemId.localeCompare(b.itemId));
  return createHash("sha256")
    .update(JSON.stringify([comments.trim(), sorted.map((i) => [i.itemId, i.version, i.contentHash])]))
    .digest("hex");
}

/** Evidence edited since it was signed: the sign-off still names the earlier version. */
export function changedSinceSignoff(covered: CoveredItem[], current: Map<string, number>) {
  return covered
    .filter((c) => (current.get(c.itemId) ?? c.version) > c.version)
    .map((c) => ({ itemId: c.itemId, signedVersion: c.version, currentVersion: current.get(c.itemId)! }));
}

export const OUTCOMES = {
  on_track: "On track",
  not_on_track: "Not on track: an action plan follows",
} as const;

export const RECOMMENDATIONS = {
  pass: "Pass: recommend that the NQSW passes the assessed year",
  fail: "Fail: recommend that the NQSW does not pass (every fail goes to the moderation panel)",
} as const;

/** Each review point of a year with its due date and where it is, from the year's records. */
export function reviewStates<
  S extends SubmissionLike & { reviewCode: string },
  G extends SignoffLike & { reviewCode: string; signedAt: Date },
>(year: YearInput, records: { submissions: S[]; signoffs: G[]; reopened?: ReadonlySet<string> }) {
  return reviewDates(year).map((r) => {
    const status = reviewState(
      records.submissions.filter((s) => s.reviewCode === r.code),
      records.signoffs.filter((g) => g.reviewCode === r.code),
      records.reopened,
    );
    return {
      code: r.code,
      title: r.title,
      final: r.final,
      due: r.due,
      state: status.state,
      signedOn: status.state === "complete" ? status.countersignature!.signedAt : null,
    };
  });
}

/**
 * Why the final assessment cannot be put forward yet: every earlier review must be signed off,
 * and the assessor must have observed the learner's practice (observations by the supervisor
 * alone, however many, do not meet the programme's rule).
 */
export function finalAssessmentBlockers(
  reviews: { title: string; final: boolean; state: ReviewState }[],
  assessorObservationsMissing: number,
) {
  const blockers: string[] = [];
  const earlier = reviews.filter((r) => !r.final && r.state !== "complete");
  if (earlier.length) blockers.push(`Sign off the earlier reviews first: ${earlier.map((r) => r.title).join(", ")}`);
  if (assessorObservationsMissing > 0)
    blockers.push(
      `The final assessment needs ${
        assessorObservationsMissing === 1 ? "a direct observation" : `${assessorObservationsMissing} more direct observations`
      } recorded by your assessor: ask them to observe your practice and record it first`,
    );
  return blockers;
}

/** Roles as a sign-off line names them ("Daniel Okafor, practice supervisor"). */
export const SIGNER_ROLES: Record<string, string> = {
  learner: "NQSW",
  supervisor: "practice supervisor",
  assessor: "assessor",
  team_manager: "team manager",
  programme_lead: "programme lead",
};
