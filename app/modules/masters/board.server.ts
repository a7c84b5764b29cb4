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
import { boardRefusal, markForBoard, resubmissionsClosed, rulesOf, type BoardMark, type RecordedMark } from "./board";
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

/** The assignment's samples, by attempt: which attempts are drawn and which submission versions are in them, with why. */
export async function sampleOf(db: Database, assignmentId: string) {
  const [drawn, members] = await Promise.all([
    db
      .select({ attempt: courseworkSamples.attempt, seed: courseworkSamples.seed })
      .from(courseworkSamples)
      .where(eq(courseworkSamples.assignmentId, assignmentId)),
    db
      .select({ submissionId: courseworkSampleMembers.submissionId, reasons: courseworkSampleMembers.reasons })
      .from(courseworkSampleMembers)
      .where(eq(courseworkSampleMembers.assignmentId, assignmentId)),
  ]);
  return {
    attempts: drawn.map((d) => d.attempt),
    drawn: (attempt: number) => drawn.some((d) => d.attempt === attempt),
    members: new Map(members.map((m) => [m.submissionId, m.reasons])),
  };
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

  /**
   * What follows a mark the board confirmed at attempt n: the resubmission open or boarded, one the
   * lead may open, or why none can be (passed, the one resubmission used, resubmissions closed).
   */
  const nextAfter = (
    confirmed: (typeof confirmedMarks)[number],
    opened: (typeof resubmissions)[number] | null,
    rule: ReturnType<typeof resubmission>,
  ): AfterBoard => {
    if (opened)
      return decidedAttempts.includes(opened.attempt)
        ? { kind: "resubmitted", attempt: opened.attempt }
        : { kind: "open", deadline: opened.deadline };
    if (!rule.allowed)
      return confirmed.cappedMark >= scheme.passMark ? { kind: "passed" } : { kind: "closed", reason: rule.reason };
    const closed = resubmissionsClosed(rule.attempt, { decidedAttempts, sampledAttempts: sample.attempts }, scheme);
    return closed ? { kind: "closed", reason: closed } : { kind: "can-open", attempt: rule.attempt };
  };

  const rowsFor = (n: number) =>
    learners
      .filter((l) => n === 1 || resubmissions.some((r) => r.enrolmentId === l.enrolmentId && r.attempt === n))
      .map((l) => {
        const submission = submissions.find((s) => s.enrolmentId === l.enrolmentId && s.attempt === n) ?? null;
        const mark: BoardMark | null = submission
          ? markForBoard(marks.get(submission.id) ?? [], { drawn: sample.drawn(n), inSample: sample.members.has(submission.id) }, scheme)
          : null;
        const result = mark?.state === "ready" ? attemptResult(mark.mark, n, scheme) : null;
        const confirmed = confirmedMarks.find((c) => c.enrolmentId === l.enrolmentId && c.attempt === n) ?? null;
        const opened = resubmissions.find((r) => r.enrolmentId === l.enrolmentId && r.attempt === n + 1) ?? null;
        // The rule asks of the attempts confirmed up to this one, so each decision's row reads as it stood.
        const rule = resubmission(
          confirmedMarks
            .filter((c) => c.enrolmentId === l.enrolmentId && c.attempt <= n)
            .map((c) => ({ attempt: c.attempt, mark: c.mark, confirmed: true })),
          scheme,
        );
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
          resubmission: rule,
          next: confirmed ? nextAfter(confirmed, opened, rule) : null,
        };
      });
  const rows = attempt ? rowsFor(attempt) : [];
  const handedIn = rows.filter((r) => r.submission);
  const decided = decisions.map((d) => ({
    ...d.decision,
    deciderName: d.deciderName,
    rows: rowsFor(d.decision.attempt).filter((r) => r.confirmed),
  }));
  /** Said when nothing waits for the board, so the lead knows whether anything can still come to it. */
  const finished = attempt
    ? null
    : decidedAttempts.some((a) => a > 1)
      ? "Every mark for this assignment is confirmed, the resubmissions' too. A failed module may be resubmitted once, so nothing more comes to this board."
      : decided.some((d) => d.rows.some((r) => r.next?.kind === "can-open"))
        ? "Every mark handed in is confirmed. A learner who failed may be given one resubmission below: it is marked, sampled and confirmed here as the first attempt was."
        : "Every mark for this assignment is confirmed by the board.";
  return {
    assignment,
    cohortName: found.cohortName,
    moduleTitle: module?.title ?? assignment.moduleSlug,
    credits,
    scheme,
    attempt,
    rows,
    refusal: attempt ? boardRefusal(handedIn.map((r) => ({ label: r.label, mark: r.mark! }))) : null,
    decisions: decided,
    finished,
    comments,
  };
}

/** `field` names the form's field a refusal is about, when it is about one. */
export type BoardResult = { ok: true } | { ok: false; message: string; field?: "deadlineDay" };

/** What follows a mark the board confirmed, for its row of the board's decisions. */
export type AfterBoard =
  | { kind: "none" }
  | { kind: "passed" }
  | { kind: "open"; deadline: Date }
  | { kind: "resubmitted"; attempt: number }
  | { kind: "can-open"; attempt: number }
  | { kind: "closed"; reason: string };

/**
 * The lead confirms every mark of the next attempt in one signed step. Read again in the
 * transaction under a lock on the assignment, so the snapshot is exactly what was ready.
 */
export async function confirmBoard(
  actor: OrganisationActor,
  assignmentId: string,
  signedName: string,
  within?: Database,
  /** When the board sat; now, except for the demo world's boards held in the past. */
  decidedAt?: Date,
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
      .values({
        assignmentId,
        attempt: board.attempt,
        signedName,
        decidedById: actor.userId,
        decidedByRole: actor.role,
        ...(decidedAt ? { decidedAt } : {}),
      })
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
        ...(decidedAt ? { at: decidedAt } : {}),
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
  // The learner's latest confirmed attempt decides: after a failed resubmission there is no other.
  const row = board.decisions
    .flatMap((d) => d.rows)
    .filter((r) => r.enrolmentId === enrolmentId)
    .at(-1);
  if (!row?.next) return { ok: false, message: "This learner has no mark confirmed by the board" };
  const next = row.next;
  if (next.kind === "open") return { ok: false, message: "A resubmission is already open for this learner" };
  if (next.kind === "resubmitted") return { ok: false, message: "This learner's resubmission has already been to the board" };
  if (next.kind === "passed") return { ok: false, message: "The module has been passed" };
  if (next.kind === "closed") return { ok: false, message: next.reason };
  if (next.kind !== "can-open") return { ok: false, message: "This learner has no mark confirmed by the board" };
  if (deadline.getTime() <= now.getTime()) return { ok: false, message: "The deadline must be in the future", field: "deadlineDay" };
  const attempt = next.attempt;
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
