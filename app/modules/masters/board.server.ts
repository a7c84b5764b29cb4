/**
 * The exam board of one assignment: every candidate's mark for the board (from the marks recorded,
 * by `markForBoard`), the notes the board weighs (late work, extensions, mitigating circumstances,
 * the external examiner's comments), the lead's one signed confirmation (an append-only decision
 * with a snapshot of every mark it confirms) and resubmissions opened after a confirmed fail.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  candidateNumbers,
  cohorts,
  courseworkAssignments,
  courseworkBoardDecisions,
  courseworkBoardMarks,
  courseworkExaminerComments,
  courseworkExtensionDecisions,
  courseworkExtensionRequests,
  courseworkMarks,
  courseworkMitigationDecisions,
  courseworkMitigations,
  courseworkResubmissions,
  courseworkSampleMembers,
  courseworkSamples,
  courseworkSubmissions,
  enrolments,
  users,
} from "#db/schema";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { findModule, findProgramme } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { boardRefusal, markForBoard, rulesOf, type BoardMark, type RecordedMark } from "./board";
import { attemptResult, checkedMark, resubmission } from "./marks";

/** The marks recorded on these submission versions, grouped by submission (one statement). */
export async function recordedMarks(db: Database, submissionIds: string[]) {
  const grouped = new Map<string, (RecordedMark & { markerName: string; criteria: { criterion: string; band: string; comment?: string }[] })[]>();
  if (!submissionIds.length) return grouped;
  const rows = await db
    .select({
      submissionId: courseworkMarks.submissionId,
      stage: courseworkMarks.stage,
      kind: courseworkMarks.kind,
      mark: courseworkMarks.mark,
      feedback: courseworkMarks.feedback,
      criteria: courseworkMarks.criteria,
      markedAt: courseworkMarks.markedAt,
      markerName: users.name,
    })
    .from(courseworkMarks)
    .innerJoin(users, eq(users.id, courseworkMarks.markerId))
    .where(inArray(courseworkMarks.submissionId, submissionIds))
    .orderBy(asc(courseworkMarks.markedAt));
  for (const r of rows) grouped.set(r.submissionId, [...(grouped.get(r.submissionId) ?? []), r]);
  return grouped;
}

/** The assignment's sample: whether it is drawn and which submission versions are in it, with why. */
export async function sampleOf(db: Database, assignmentId: string) {
  const [drawn, members] = await Promise.all([
    db.select({ seed: courseworkSamples.seed }).from(courseworkSamples).where(eq(courseworkSamples.assignmentId, assignmentId)),
    db
      .select({ submissionId: courseworkSampleMembers.submissionId, reasons: courseworkSampleMembers.reasons })
      .from(courseworkSampleMembers)
      .where(eq(courseworkSampleMembers.assignmentId, assignmentId)),
  ]);
  return { drawn: drawn.length > 0, members: new Map(members.map((m) => [m.submissionId, m.reasons])) };
}

/**
 * A mark recorded straight into `coursework_marks` (append-only), for the demo world and tests: the
 * marking pages record theirs through the marking module. Checked like a form: a whole mark 0–100.
 */
export async function recordMark(
  db: Database,
  input: {
    submissionId: string;
    stage: "first" | "second" | "third";
    kind: "mark" | "agree" | "propose" | "agreed";
    mark: number;
    feedback: string;
    markerId: string;
    markerRole?: string;
    criteria?: { criterion: string; band: string; comment?: string }[];
    markedAt?: Date;
  },
) {
  const [submission] = await db
    .select({ assignmentId: courseworkSubmissions.assignmentId })
    .from(courseworkSubmissions)
    .where(eq(courseworkSubmissions.id, input.submissionId));
  if (!submission) throw new Error(`No submission ${input.submissionId}`);
  await db.insert(courseworkMarks).values({
    assignmentId: submission.assignmentId,
    submissionId: input.submissionId,
    stage: input.stage,
    kind: input.kind,
    mark: checkedMark(input.mark),
    criteria: input.criteria ?? [],
    feedback: input.feedback,
    markerId: input.markerId,
    markerRole: input.markerRole ?? "marker",
    ...(input.markedAt ? { markedAt: input.markedAt } : {}),
  });
}

async function assignmentOf(db: Database, organisationId: string, assignmentId: string | undefined) {
  if (!isUuid(assignmentId)) return null;
  const [found] = await db
    .select({ assignment: courseworkAssignments, cohortName: cohorts.name })
    .from(courseworkAssignments)
    .innerJoin(cohorts, eq(cohorts.id, courseworkAssignments.cohortId))
    .where(and(eq(courseworkAssignments.id, assignmentId), eq(courseworkAssignments.organisationId, organisationId)));
  return found ?? null;
}

/** The attempt whose board is next: 1 until confirmed, then 2 when resubmissions are open, else null. */
function boardAttempt(decided: number[], resubmissionAttempts: number[]) {
  if (!decided.includes(1)) return 1;
  const next = resubmissionAttempts.filter((a) => !decided.includes(a)).sort((a, b) => a - b)[0];
  return next ?? null;
}

/** Everything the board page shows and the confirmation records, read with a fixed number of statements. */
export async function boardFor(organisationId: string, assignmentId: string | undefined, db?: Database) {
  db ??= await getDb();
  const found = await assignmentOf(db, organisationId, assignmentId);
  if (!found) return null;
  const { assignment } = found;
  const programme = findProgramme(assignment.programmeSlug);
  const module = programme ? findModule(programme, assignment.moduleSlug) : undefined;
  const { scheme } = rulesOf(programme?.award);
  const credits = programme?.award?.credits[assignment.moduleSlug] ?? module?.credits ?? 0;
  const [learners, submissions, decisions, resubmissions, sample, extensions, mitigations, comments] = await Promise.all([
    db
      .select({ enrolmentId: enrolments.id, name: users.name, candidateNumber: candidateNumbers.number })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .leftJoin(candidateNumbers, eq(candidateNumbers.enrolmentId, enrolments.id))
      .where(eq(enrolments.cohortId, assignment.cohortId))
      .orderBy(asc(candidateNumbers.number), asc(users.name)),
    db
      .selectDistinctOn([courseworkSubmissions.enrolmentId, courseworkSubmissions.attempt], {
        id: courseworkSubmissions.id,
        enrolmentId: courseworkSubmissions.enrolmentId,
        attempt: courseworkSubmissions.attempt,
        version: courseworkSubmissions.version,
        late: courseworkSubmissions.late,
        overLength: courseworkSubmissions.overLength,
      })
      .from(courseworkSubmissions)
      .where(eq(courseworkSubmissions.assignmentId, assignment.id))
      .orderBy(courseworkSubmissions.enrolmentId, courseworkSubmissions.attempt, desc(courseworkSubmissions.version)),
    db
      .select({ decision: courseworkBoardDecisions, deciderName: users.name })
      .from(courseworkBoardDecisions)
      .innerJoin(users, eq(users.id, courseworkBoardDecisions.decidedById))
      .where(eq(courseworkBoardDecisions.assignmentId, assignment.id))
      .orderBy(asc(courseworkBoardDecisions.attempt)),
    db.select().from(courseworkResubmissions).where(eq(courseworkResubmissions.assignmentId, assignment.id)),
    sampleOf(db, assignment.id),
    db
      .select({ enrolmentId: courseworkExtensionRequests.enrolmentId, deadline: courseworkExtensionDecisions.deadline })
      .from(courseworkExtensionRequests)
      .innerJoin(courseworkExtensionDecisions, eq(courseworkExtensionDecisions.requestId, courseworkExtensionRequests.id))
      .where(and(eq(courseworkExtensionRequests.assignmentId, assignment.id), eq(courseworkExtensionDecisions.outcome, "approved"))),
    db
      .select({ enrolmentId: courseworkMitigations.enrolmentId, outcome: courseworkMitigationDecisions.outcome, note: courseworkMitigationDecisions.note })
      .from(courseworkMitigations)
      .leftJoin(courseworkMitigationDecisions, eq(courseworkMitigationDecisions.mitigationId, courseworkMitigations.id))
      .where(eq(courseworkMitigations.assignmentId, assignment.id)),
    db
      .select({ comment: courseworkExaminerComments.comment, at: courseworkExaminerComments.commentedAt, name: users.name })
      .from(courseworkExaminerComments)
      .innerJoin(users, eq(users.id, courseworkExaminerComments.examinerId))
      .where(eq(courseworkExaminerComments.assignmentId, assignment.id))
      .orderBy(asc(courseworkExaminerComments.commentedAt)),
  ]);
  const decidedAttempts = decisions.map((d) => d.decision.attempt);
  const attempt = boardAttempt(
    decidedAttempts,
    resubmissions.map((r) => r.attempt),
  );
  const confirmedMarks = decisions.length
    ? await db
        .select()
        .from(courseworkBoardMarks)
        .where(inArray(courseworkBoardMarks.decisionId, decisions.map((d) => d.decision.id)))
    : [];
  const marks = await recordedMarks(
    db,
    submissions.map((s) => s.id),
  );

  const rowsFor = (n: number) =>
    learners
      .filter((l) => n === 1 || resubmissions.some((r) => r.enrolmentId === l.enrolmentId && r.attempt === n))
      .map((l) => {
        const submission = submissions.find((s) => s.enrolmentId === l.enrolmentId && s.attempt === n) ?? null;
        const mark: BoardMark | null = submission
          ? markForBoard(marks.get(submission.id) ?? [], { drawn: sample.drawn, inSample: sample.members.has(submission.id) }, scheme)
          : null;
        const result = mark?.state === "ready" ? attemptResult(mark.mark, n, scheme) : null;
        const confirmed = confirmedMarks.find((c) => c.enrolmentId === l.enrolmentId && c.attempt === n) ?? null;
        const allConfirmed = confirmedMarks.filter((c) => c.enrolmentId === l.enrolmentId);
        return {
          ...l,
          label: l.candidateNumber ?? l.name,
          submission,
          mark,
          result,
          inSample: submission ? sample.members.get(submission.id) ?? null : null,
          extended: extensions.some((e) => e.enrolmentId === l.enrolmentId),
          mitigations: mitigations.filter((m) => m.enrolmentId === l.enrolmentId),
          confirmed,
          resubmission: resubmission(
            allConfirmed.map((c) => ({ attempt: c.attempt, mark: c.mark, confirmed: true })),
            scheme,
          ),
          resubmissionOpened: resubmissions.find((r) => r.enrolmentId === l.enrolmentId && r.attempt > 1) ?? null,
        };
      });
  const rows = attempt ? rowsFor(attempt) : [];
  const handedIn = rows.filter((r) => r.submission);
  return {
    assignment,
    cohortName: found.cohortName,
    moduleTitle: module?.title ?? assignment.moduleSlug,
    credits,
    scheme,
    attempt,
    rows,
    refusal: attempt ? boardRefusal(handedIn.map((r) => ({ label: r.label, mark: r.mark! }))) : null,
    decisions: decisions.map((d) => ({
      ...d.decision,
      deciderName: d.deciderName,
      rows: rowsFor(d.decision.attempt).filter((r) => r.confirmed),
    })),
    comments,
  };
}

export type BoardResult = { ok: true } | { ok: false; message: string };

/**
 * The lead confirms every mark of the next attempt in one signed step. Read again in the
 * transaction under a lock on the assignment, so the snapshot is exactly what was ready.
 */
export async function confirmBoard(
  actor: OrganisationActor,
  assignmentId: string,
  signedName: string,
  within?: Database,
): Promise<BoardResult> {
  const db = within ?? (await getDb());
  return db.transaction(async (tx) => {
    await tx.select({ id: courseworkAssignments.id }).from(courseworkAssignments).where(eq(courseworkAssignments.id, assignmentId)).for("update");
    const board = await boardFor(actor.organisationId, assignmentId, tx);
    if (!board) return { ok: false as const, message: "We could not find that assignment" };
    if (!board.attempt) return { ok: false as const, message: "The exam board has already confirmed these marks" };
    if (board.refusal) return { ok: false as const, message: board.refusal };
    const [decision] = await tx
      .insert(courseworkBoardDecisions)
      .values({ assignmentId, attempt: board.attempt, signedName, decidedById: actor.userId, decidedByRole: actor.role })
      .onConflictDoNothing()
      .returning({ id: courseworkBoardDecisions.id });
    if (!decision) return { ok: false as const, message: "The exam board has already confirmed these marks" };
    const confirmed = board.rows.filter((r) => r.submission && r.mark?.state === "ready" && r.result);
    await tx.insert(courseworkBoardMarks).values(
      confirmed.map((r) => {
        const ready = r.mark as Extract<BoardMark, { state: "ready" }>;
        return {
          decisionId: decision.id,
          submissionId: r.submission!.id,
          enrolmentId: r.enrolmentId,
          version: r.submission!.version,
          attempt: board.attempt!,
          mark: r.result!.mark,
          cappedMark: r.result!.cappedMark,
          band: r.result!.band.band,
          basis: ready.basis,
          credits: r.result!.passed ? board.credits : 0,
          feedback: ready.feedback,
        };
      }),
    );
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.board_confirmed",
        subjectType: "coursework_assignment",
        subjectId: assignmentId,
        detail: {
          module: board.moduleTitle,
          cohort: board.cohortName,
          attempt: board.attempt,
          count: confirmed.length,
          signedAs: signedName,
        },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** The lead opens a learner's one resubmission after a fail the board confirmed, with its deadline. */
export async function openResubmission(
  actor: OrganisationActor,
  assignmentId: string,
  enrolmentId: string,
  deadline: Date,
  now = new Date(),
): Promise<BoardResult> {
  const db = await getDb();
  const board = await boardFor(actor.organisationId, assignmentId, db);
  if (!board) return { ok: false, message: "We could not find that assignment" };
  const row = board.decisions.flatMap((d) => d.rows).find((r) => r.enrolmentId === enrolmentId);
  if (!row) return { ok: false, message: "This learner has no mark confirmed by the board" };
  if (!row.resubmission.allowed) return { ok: false, message: row.resubmission.reason };
  if (deadline.getTime() <= now.getTime()) return { ok: false, message: "The deadline must be in the future" };
  const attempt = row.resubmission.attempt;
  return db.transaction(async (tx) => {
    const saved = await tx
      .insert(courseworkResubmissions)
      .values({ assignmentId, enrolmentId, attempt, deadline, openedById: actor.userId, openedByRole: actor.role })
      .onConflictDoNothing()
      .returning({ attempt: courseworkResubmissions.attempt });
    if (!saved.length) return { ok: false as const, message: "A resubmission is already open for this learner" };
    const [learner] = await tx.select({ userId: enrolments.userId }).from(enrolments).where(eq(enrolments.id, enrolmentId));
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.resubmission_opened",
        subjectType: "user",
        subjectId: learner!.userId,
        detail: { module: board.moduleTitle, attempt, deadline: deadline.toISOString() },
      },
      tx,
    );
    return { ok: true as const };
  });
}
