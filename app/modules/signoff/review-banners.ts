/**
 * The banner a review page shows after a step is recorded. An approval "not on track" (or of a
 * fail recommendation) is recorded, but it is not good news for the NQSW: an action plan follows
 * (or the panel reads it), so it is shown as a warning, not styled as a success. Pure.
 */
export type BannerKind = "success" | "warning";

export const REVIEW_BANNERS: Record<string, { title: string; text: string; kind: BannerKind }> = {
  submitted: { title: "Review submitted", text: "Your supervisor is asked to read it and decide.", kind: "success" },
  returned: { title: "Review returned", text: "The NQSW is asked to revise it and submit again.", kind: "success" },
  approved: { title: "Review approved", text: "The team manager is asked to countersign it.", kind: "success" },
  "approved-not-on-track": {
    title: "Review approved: not on track",
    text: "The action plan is recorded with it. The team manager is asked to countersign it.",
    kind: "warning",
  },
  "approved-fail": {
    title: "Review approved: recommended fail",
    text: "Every fail goes to the moderation panel. The team manager is asked to countersign it.",
    kind: "warning",
  },
  countersigned: { title: "Review countersigned", text: "The review is signed off.", kind: "success" },
};

/** The `done` the page is sent back with after a supervisor's decision. */
export function decisionDone(decision: "approved" | "returned", outcome: string | null | undefined) {
  if (decision === "approved" && outcome === "not_on_track") return "approved-not-on-track";
  if (decision === "approved" && outcome === "fail") return "approved-fail";
  return decision;
}

/** Whether a supervisor's approval carries news that is not good: not on track, or a fail recommended. */
export function approvedWithConcern(outcome: string | null | undefined) {
  return outcome === "not_on_track" || outcome === "fail";
}

/**
 * The outcome of a review's standing approval: the latest approving decision for its code.
 * Null when it has none.
 */
export function standingOutcome(
  signoffs: readonly { reviewCode: string; step: string; decision: string; outcome: string | null; signedAt: Date }[],
  code: string,
) {
  let latest: (typeof signoffs)[number] | null = null;
  for (const s of signoffs)
    if (s.reviewCode === code && s.step === "supervisor_decision" && s.decision === "approved")
      if (!latest || s.signedAt > latest.signedAt) latest = s;
  return latest?.outcome ?? null;
}
