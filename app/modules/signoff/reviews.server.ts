/** Review points: submissions and sign-offs, written once and never changed. */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  enrolments,
  evidenceItems,
  evidenceVersions,
  panelOutcomes,
  reviewSubmissions,
  signoffs,
  users,
  type CoveredItem,
} from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { getDb, refusedByCheck } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { yearInputFor } from "~/modules/first-year/year";
import { assessorObservationsMissing, type EvidenceSummary, KIND_LABELS } from "~/modules/portfolio/rules";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import type { AssessmentRules } from "~/modules/programmes/content-schema";
import {
  actorName,
  emailNoticesAfterCommit,
  type NoticeRow,
  recordNotices,
  yearParties,
} from "~/modules/notices/notices.server";
import { reviewNotices } from "~/modules/notices/notices";
import { finalAssessmentBlockers, reviewState, reviewStates, submissionHash } from "./reviews";

export type SignoffActor = AuditActor;

export type Submission = typeof reviewSubmissions.$inferSelect;
export type Signoff = typeof signoffs.$inferSelect & { signerName: string };

export interface ReviewRecords {
  submissions: Submission[];
  signoffs: Signoff[];
  /** Submissions whose signed-off final assessment a moderation panel extended: the learner submits again. */
  reopened: Set<string>;
}

/**
 * Every submission and sign-off of many enrolments' reviews, and the final assessments a
 * moderation panel extended, in three queries.
 */
export async function reviewRecordsFor(enrolmentIds: string[]) {
  const result = new Map<string, ReviewRecords>(
    enrolmentIds.map((id) => [id, { submissions: [], signoffs: [], reopened: new Set<string>() }]),
  );
  if (enrolmentIds.length === 0) return result;
  const db = await getDb();
  const [subs, signs, extended] = await Promise.all([
    db
      .select()
      .from(reviewSubmissions)
      .where(inArray(reviewSubmissions.enrolmentId, enrolmentIds))
      .orderBy(asc(reviewSubmissions.submittedAt)),
    db
      .select({ signoff: signoffs, signerName: users.name })
      .from(signoffs)
      .innerJoin(users, eq(users.id, signoffs.userId))
      .where(inArray(signoffs.enrolmentId, enrolmentIds))
      .orderBy(asc(signoffs.signedAt)),
    db
      .select({ enrolmentId: panelOutcomes.enrolmentId, signoffId: panelOutcomes.signoffId })
      .from(panelOutcomes)
      .where(
        and(
          inArray(panelOutcomes.enrolmentId, enrolmentIds),
          eq(panelOutcomes.step, "chair_signed"),
          eq(panelOutcomes.outcome, "extension"),
        ),
      ),
  ]);
  for (const s of subs) result.get(s.enrolmentId)?.submissions.push(s);
  for (const s of signs) result.get(s.signoff.enrolmentId)?.signoffs.push({ ...s.signoff, signerName: s.signerName });
  for (const e of extended) {
    const records = result.get(e.enrolmentId);
    const decision = records?.signoffs.find((s) => s.id === e.signoffId);
    if (decision) records!.reopened.add(decision.submissionId);
  }
  return result;
}

export async function reviewRecords(enrolmentId: string, reviewCode?: string): Promise<ReviewRecords> {
  const all = (await reviewRecordsFor([enrolmentId])).get(enrolmentId)!;
  if (!reviewCode) return all;
  return {
    submissions: all.submissions.filter((s) => s.reviewCode === reviewCode),
    signoffs: all.signoffs.filter((s) => s.reviewCode === reviewCode),
    reopened: all.reopened,
  };
}

export type ReviewResult = { ok: true } | { ok: false; field?: string; message: string };

/** The audit record of a review step, in the same transaction as the row it describes. */
async function audit(
  tx: Database,
  actor: SignoffActor,
  action: string,
  subjectId: string,
  detail: Record<string, unknown>,
) {
  await recordAudit(
    {
      ...actedBy(actor),
      action,
      subjectType: "review",
      subjectId,
      detail,
    },
    tx,
  );
}

/** Why this year's final assessment cannot be submitted yet (none: it can); see finalAssessmentBlockers. */
export async function blockersOfFinal(
  enrolment: Parameters<typeof yearInputFor>[0] & { id: string },
  programme: Parameters<typeof yearInputFor>[1] & { assessment?: AssessmentRules },
  evidence?: Pick<EvidenceSummary, "kind" | "byAssessor">[],
) {
  const [records, items] = await Promise.all([reviewRecords(enrolment.id), evidence ?? listEvidence(enrolment.id)]);
  const missing = programme.assessment ? assessorObservationsMissing(programme.assessment, items) : 0;
  return finalAssessmentBlockers(reviewStates(yearInputFor(enrolment, programme), records), missing);
}

/** The learner puts evidence forward, each item at its current version. */
export async function submitReview(
  enrolmentId: string,
  reviewCode: string,
  actor: SignoffActor,
  comments: string,
  itemIds: string[],
): Promise<ReviewResult> {
  const db = await getDb();
  const { submissions, signoffs: signs, reopened } = await reviewRecords(enrolmentId, reviewCode);
  const { state, latest } = reviewState(submissions, signs, reopened);
  if (state !== "not_started" && state !== "returned")
    return { ok: false, message: "This review has already been submitted" };
  if (!itemIds.every(isUuid))
    return { ok: false, field: "evidence", message: "Choose evidence from your own portfolio" };
  const rows = await db
    .select({
      itemId: evidenceItems.id,
      kind: evidenceItems.kind,
      version: evidenceVersions.version,
      contentHash: evidenceVersions.contentHash,
      title: evidenceVersions.title,
    })
    .from(evidenceItems)
    .innerJoin(
      evidenceVersions,
      and(eq(evidenceVersions.itemId, evidenceItems.id), eq(evidenceVersions.version, evidenceItems.currentVersion)),
    )
    .where(and(eq(evidenceItems.enrolmentId, enrolmentId), inArray(evidenceItems.id, itemIds)));
  if (rows.length !== new Set(itemIds).size)
    return { ok: false, field: "evidence", message: "Choose evidence from your own portfolio" };
  const items: CoveredItem[] = rows.map((r) => ({ ...r, kind: KIND_LABELS[r.kind] }));
  const contentHash = submissionHash(comments, items);
  return db.transaction(async (tx): Promise<ReviewResult> => {
    // Numbered from the state just judged: a second click races for the same number and the unique index refuses it.
    const inserted = await tx
      .insert(reviewSubmissions)
      .values({
        enrolmentId,
        reviewCode,
        number: (latest?.number ?? 0) + 1,
        learnerComments: comments.trim(),
        items,
        contentHash,
        submittedById: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: reviewSubmissions.id, number: reviewSubmissions.number });
    if (!inserted[0]) return { ok: false, message: "This review was submitted a moment ago: reload the page" };
    await audit(tx, actor, "review.submitted", inserted[0].id, {
      enrolment: enrolmentId,
      review: reviewCode,
      number: inserted[0].number,
      contentHash,
      items: items.map((i) => ({ item: i.itemId, version: i.version })),
    });
    return { ok: true };
  });
}

/** The supervisor approves (with on track / not on track, or the final recommendation) or returns it. */
export async function decideReview(
  enrolmentId: string,
  reviewCode: string,
  actor: SignoffActor,
  submissionId: string,
  input: { decision: "approved" | "returned"; outcome: string | null; comments: string; actionPlan: string | null },
  about: ReviewNamed = { title: "review", final: false },
): Promise<ReviewResult> {
  const { submissions, signoffs: signs, reopened } = await reviewRecords(enrolmentId, reviewCode);
  const { state, latest } = reviewState(submissions, signs, reopened);
  if (state !== "submitted" || !latest) return { ok: false, message: "There is nothing waiting for your decision" };
  if (latest.id !== submissionId)
    return { ok: false, message: "The learner submitted a newer version while you were reading. Read it, then decide" };
  return sign(enrolmentId, { code: reviewCode, ...about }, actor, latest, "supervisor_decision", input);
}

/**
 * The year's team manager countersigns the supervisor's approval of exactly the submission they
 * read, as team manager (a programme lead who is also the year's team manager signs as such). The
 * database refuses a countersignature by anyone else too (migration 0024).
 */
export async function countersignReview(
  enrolmentId: string,
  reviewCode: string,
  actor: SignoffActor,
  submissionHashSeen: string,
  comments: string,
  about: ReviewNamed = { title: "review", final: false },
): Promise<ReviewResult> {
  const db = await getDb();
  const [year] = await db
    .select({ teamManagerId: enrolments.teamManagerId })
    .from(enrolments)
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  if (!year?.teamManagerId)
    return {
      ok: false,
      message: "No team manager named yet: nobody can countersign until the programme lead names one",
    };
  if (year.teamManagerId !== actor.userId)
    return { ok: false, message: "Only the year's team manager countersigns its reviews" };
  const { submissions, signoffs: signs, reopened } = await reviewRecords(enrolmentId, reviewCode);
  const { state, latest, decision } = reviewState(submissions, signs, reopened);
  if (state !== "approved" || !latest)
    return { ok: false, message: "There is nothing waiting for your countersignature" };
  // Two people sign: whoever approved cannot countersign, whatever other role they hold.
  if (decision?.userId === actor.userId)
    return { ok: false, message: "The countersignature must be by someone other than the person who approved it" };
  if (latest.contentHash !== submissionHashSeen)
    return { ok: false, message: "The review changed while you were reading it. Read it again, then countersign" };
  return sign(enrolmentId, { code: reviewCode, ...about }, { ...actor, role: "team_manager" }, latest, "countersignature", {
    decision: "countersigned",
    outcome: null,
    comments,
    actionPlan: null,
  });
}

/** A review's name as its notices use it ("6-month review", or the final recommendation). */
export interface ReviewNamed {
  title: string;
  final: boolean;
}

async function sign(
  enrolmentId: string,
  review: ReviewNamed & { code: string },
  actor: SignoffActor,
  submission: Submission,
  step: "supervisor_decision" | "countersignature",
  input: { decision: string; outcome: string | null; comments: string; actionPlan: string | null },
): Promise<ReviewResult> {
  const reviewCode = review.code;
  const db = await getDb();
  let told: NoticeRow[] = [];
  const write = db.transaction(async (tx): Promise<ReviewResult> => {
    const inserted = await tx
      .insert(signoffs)
      .values({
        enrolmentId,
        reviewCode,
        submissionId: submission.id,
        step,
        decision: input.decision,
        outcome: input.outcome,
        comments: input.comments.trim(),
        actionPlan: input.actionPlan?.trim() || null,
        items: submission.items,
        contentHash: submission.contentHash,
        userId: actor.userId,
        role: actor.role,
        organisationId: actor.organisationId,
      })
      .onConflictDoNothing()
      .returning({ id: signoffs.id });
    if (!inserted[0]) return { ok: false, message: "This has already been signed" };
    const action = step === "countersignature" ? "review.countersigned" : `review.${input.decision}`;
    await audit(tx, actor, action, submission.id, {
      enrolment: enrolmentId,
      review: reviewCode,
      number: submission.number,
      outcome: input.outcome,
      contentHash: submission.contentHash,
    });
    const year = await yearParties(tx, enrolmentId);
    if (year) {
      const event = step === "countersignature" ? "countersigned" : input.decision === "returned" ? "returned" : "approved";
      const by = await actorName(tx, actor.userId, "Your supervisor");
      told = await recordNotices(tx, reviewNotices(year, review, { step: event, submissionId: submission.id, by }));
    }
    return { ok: true };
  });
  try {
    const result = await write;
    await emailNoticesAfterCommit(told);
    return result;
  } catch (error) {
    // Only the year's team manager countersigns (migration 0024): named again in the meantime, say so.
    if (refusedByCheck(error)) return { ok: false, message: "Only the year's team manager countersigns its reviews" };
    throw error;
  }
}
