/**
 * Whether marks are released, in one place: a learner sees a mark, band, feedback and credits, and
 * a marker sees whose work it was, only once the exam board has confirmed the assignment's marks.
 * Also what a learner may hand in next: the first attempt until the board, then nothing, unless
 * the lead has opened a resubmission after a confirmed fail.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { courseworkBoardDecisions, courseworkBoardMarks, courseworkResubmissions } from "#db/schema";
import type { Database } from "#db/client";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";

/**
 * True once the exam board has confirmed the marks of this attempt of the assignment (the first,
 * unless a resubmission's is asked): a resubmission is marked anonymously until its own board.
 */
export async function marksReleased(assignmentId: string, attempt = 1): Promise<boolean> {
  if (!isUuid(assignmentId)) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: courseworkBoardDecisions.id })
    .from(courseworkBoardDecisions)
    .where(and(eq(courseworkBoardDecisions.assignmentId, assignmentId), eq(courseworkBoardDecisions.attempt, attempt)))
    .limit(1);
  return !!row;
}

/** The marks the board released to one learner on these assignments, oldest attempt first. */
export async function releasedMarksFor(enrolmentId: string, assignmentIds?: string[]) {
  const db = await getDb();
  if (assignmentIds && !assignmentIds.length) return [];
  return db
    .select({
      assignmentId: courseworkBoardDecisions.assignmentId,
      decidedAt: courseworkBoardDecisions.decidedAt,
      submissionId: courseworkBoardMarks.submissionId,
      version: courseworkBoardMarks.version,
      attempt: courseworkBoardMarks.attempt,
      mark: courseworkBoardMarks.mark,
      cappedMark: courseworkBoardMarks.cappedMark,
      band: courseworkBoardMarks.band,
      credits: courseworkBoardMarks.credits,
      feedback: courseworkBoardMarks.feedback,
    })
    .from(courseworkBoardMarks)
    .innerJoin(courseworkBoardDecisions, eq(courseworkBoardDecisions.id, courseworkBoardMarks.decisionId))
    .where(
      and(
        eq(courseworkBoardMarks.enrolmentId, enrolmentId),
        assignmentIds ? inArray(courseworkBoardDecisions.assignmentId, assignmentIds) : undefined,
      ),
    )
    .orderBy(asc(courseworkBoardMarks.attempt));
}

export type HandIn =
  | { open: true; attempt: number; /** A resubmission's own deadline; null for the first attempt's. */ deadline: Date | null }
  | { open: false; reason: string };

/**
 * What a learner may hand in for an assignment now: the first attempt until the board confirms it,
 * then a resubmission only when the lead has opened one (and not after its board).
 */
export async function handInFor(db: Database, assignmentId: string, enrolmentId: string): Promise<HandIn> {
  const [decisions, resubmissions] = await Promise.all([
    db
      .select({ attempt: courseworkBoardDecisions.attempt })
      .from(courseworkBoardDecisions)
      .where(eq(courseworkBoardDecisions.assignmentId, assignmentId)),
    db
      .select({ attempt: courseworkResubmissions.attempt, deadline: courseworkResubmissions.deadline })
      .from(courseworkResubmissions)
      .where(and(eq(courseworkResubmissions.assignmentId, assignmentId), eq(courseworkResubmissions.enrolmentId, enrolmentId)))
      .orderBy(asc(courseworkResubmissions.attempt)),
  ]);
  const confirmed = new Set(decisions.map((d) => d.attempt));
  if (!confirmed.has(1)) return { open: true, attempt: 1, deadline: null };
  const resubmission = resubmissions.at(-1);
  if (resubmission && !confirmed.has(resubmission.attempt))
    return { open: true, attempt: resubmission.attempt, deadline: resubmission.deadline };
  return {
    open: false,
    reason: "The exam board has confirmed the marks for this assignment, so nothing more can be handed in for it",
  };
}
