/**
 * One review point of a learner's year, as its page shows it: what was submitted and signed, what
 * is waiting and for whom, and the evidence that could be put forward. The route gates and renders.
 */
import { format } from "date-fns";
import { loadDraft } from "~/modules/drafts/drafts.server";
import { reviewDraftKey } from "~/modules/drafts/drafts";
import type { Party } from "~/modules/first-year/agreement";
import type { YearViewer } from "~/modules/first-year/parties";
import type { ReviewDate } from "~/modules/first-year/year";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import { KIND_LABELS } from "~/modules/portfolio/rules";
import {
  changedSinceSignoff,
  nextAction,
  OUTCOMES,
  RECOMMENDATIONS,
  reviewState,
  SIGNER_ROLES,
  STATE_LABELS,
  type ReviewAction,
} from "./reviews";
import { blockersOfFinal, reviewRecords } from "./reviews.server";
import { approvedWithConcern, standingOutcome } from "./review-banners";

const when = (d: Date) => format(d, "d MMM yyyy 'at' HH:mm");

type Enrolment = Parameters<typeof blockersOfFinal>[0];
type Programme = Parameters<typeof blockersOfFinal>[1];

export async function reviewPage({
  enrolment,
  programme,
  review,
  signsAs,
  viewerId,
}: {
  enrolment: Enrolment;
  programme: Programme;
  review: ReviewDate;
  signsAs: Party | null;
  viewerId: string;
}) {
  const [records, evidence] = await Promise.all([reviewRecords(enrolment.id, review.code), listEvidence(enrolment.id)]);
  const status = reviewState(records.submissions, records.signoffs, records.reopened);
  const action = nextAction(status.state, signsAs);
  const [draft, blockers] = await Promise.all([
    action === "submit" ? loadDraft(viewerId, reviewDraftKey(enrolment.id, review.code)) : null,
    action === "submit" && review.final ? blockersOfFinal(enrolment, programme, evidence) : [],
  ]);
  const currentVersions = new Map(evidence.map((e) => [e.id, e.version]));
  const base = `/year/${enrolment.id}/portfolio`;
  const latest = status.latest && records.submissions.find((s) => s.id === status.latest!.id)!;
  return {
    review: { code: review.code, title: review.title, final: review.final, due: format(review.due, "d MMMM yyyy") },
    state: status.state,
    stateLabel: STATE_LABELS[status.state],
    // Approved, but not on track (or a fail recommended): the page does not show it as good news.
    concern:
      (status.state === "approved" || status.state === "complete") &&
      approvedWithConcern(standingOutcome(records.signoffs, review.code)),
    action,
    latest: status.latest && { id: status.latest.id, hash: status.latest.contentHash },
    history: [...records.submissions]
      .sort((a, b) => b.number - a.number)
      .map((s) => {
        const changed = new Map(changedSinceSignoff(s.items, currentVersions).map((c) => [c.itemId, c.currentVersion]));
        return {
          id: s.id,
          number: s.number,
          submittedAt: when(s.submittedAt),
          comments: s.learnerComments,
          hash: s.contentHash.slice(0, 12),
          items: s.items.map((i) => ({
            ...i,
            href: `${base}/${i.itemId}?version=${i.version}`,
            changedTo: changed.get(i.itemId) ?? null,
          })),
          signoffs: records.signoffs
            .filter((g) => g.submissionId === s.id)
            .map((g) => ({
              id: g.id,
              step: g.step,
              decision: g.decision,
              concern: g.decision === "approved" && approvedWithConcern(g.outcome),
              outcome: g.outcome
                ? ((OUTCOMES as Record<string, string>)[g.outcome] ??
                  (RECOMMENDATIONS as Record<string, string>)[g.outcome])
                : null,
              comments: g.comments,
              actionPlan: g.actionPlan,
              by: g.signerName,
              role: SIGNER_ROLES[g.role] ?? g.role,
              at: when(g.signedAt),
            })),
        };
      }),
    evidence: evidence.map((e) => ({
      id: e.id,
      title: e.title,
      kind: KIND_LABELS[e.kind],
      version: e.version,
      occurredOn: format(new Date(e.occurredOn), "d MMM yyyy"),
    })),
    previous: latest ? { comments: latest.learnerComments, evidence: latest.items.map((i) => i.itemId) } : null,
    draft: draft ? { fields: draft.fields, savedAt: draft.updatedAt.toISOString() } : null,
    blockers,
  };
}

/**
 * The step waiting for this person on the review (null when none is), and what to tell them when
 * they try one that is not theirs to take.
 */
export async function stepWaitingFor(
  enrolmentId: string,
  reviewCode: string,
  party: YearViewer,
  signsAs: Party | null,
) {
  const records = await reviewRecords(enrolmentId, reviewCode);
  const step: ReviewAction | null = nextAction(
    reviewState(records.submissions, records.signoffs, records.reopened).state,
    signsAs,
  );
  const refusal =
    party === "learner"
      ? "The review is with your supervisor or team manager now."
      : party === "supervisor"
        ? "There is nothing waiting for your decision on this review."
        : signsAs === "team_manager"
          ? "There is nothing waiting for your countersignature on this review."
          : "The year's team manager countersigns its reviews, and you are not this year's team manager.";
  return { step, refusal };
}
