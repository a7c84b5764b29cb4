/**
 * Marking Masters coursework: the programme lead allocates markers and draws the second-marking
 * sample; markers see their queue and mark by candidate number; every mark is an append-only record
 * naming the marker, their role, when and the exact version. Who may do what is checked here against
 * the allocations, scoped to the organisation the person acts in.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  candidateNumbers,
  cohorts,
  courseworkAssignments,
  courseworkBoardDecisions,
  courseworkFileContents,
  courseworkFiles,
  courseworkMarkerAllocations,
  courseworkMarks,
  courseworkResubmissions,
  courseworkSampleMembers,
  courseworkSamples,
  courseworkSubmissions,
  enrolments,
  memberships,
  users,
} from "#db/schema";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { findModule, findProgramme } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { englandDateTime, englandDay } from "~/utils/england";
import { isUuid } from "~/utils/ids";
import type { HandedInFile } from "./assignments.server";
import {
  allocationProblem,
  assignmentProgress,
  type AssignmentSummaryView,
  assignmentStage,
  leadMarkingView,
  longDay,
  markingDeadline,
  markingStateOf,
  type MarkRecord,
  schemeFor,
  type Stage,
  taskFor,
  versionToMark,
} from "./marking";
import { bandOf, nextMarkingStep, type SampleReason, secondMarkingSample } from "./marks";

type Assignment = typeof courseworkAssignments.$inferSelect;

export function moduleOf(assignment: Pick<Assignment, "programmeSlug" | "moduleSlug">) {
  const programme = findProgramme(assignment.programmeSlug);
  const module = programme ? findModule(programme, assignment.moduleSlug) : undefined;
  return {
    title: module?.title ?? assignment.moduleSlug,
    rubric: module?.assignment?.rubric ?? [],
    scheme: schemeFor(programme?.award),
  };
}

const submissionColumns = {
  id: courseworkSubmissions.id,
  assignmentId: courseworkSubmissions.assignmentId,
  enrolmentId: courseworkSubmissions.enrolmentId,
  version: courseworkSubmissions.version,
  attempt: courseworkSubmissions.attempt,
  late: courseworkSubmissions.late,
  overLength: courseworkSubmissions.overLength,
  wordCount: courseworkSubmissions.wordCount,
  submittedAt: courseworkSubmissions.submittedAt,
  deadline: courseworkSubmissions.deadline,
};

/**
 * Everything marking needs of a set of assignments, in a constant number of statements: each
 * learner's version to mark for each attempt (a resubmission is marked as its own piece of work)
 * with its candidate number, its marks, and the sample of that attempt.
 */
async function markingFacts(db: Database, assignmentIds: string[]) {
  if (!assignmentIds.length) return [];
  const [versions, marks, members, samples] = await Promise.all([
    db
      .select({ ...submissionColumns, candidateNumber: candidateNumbers.number })
      .from(courseworkSubmissions)
      .leftJoin(candidateNumbers, eq(candidateNumbers.enrolmentId, courseworkSubmissions.enrolmentId))
      .where(inArray(courseworkSubmissions.assignmentId, assignmentIds)),
    db
      .select({
        submissionId: courseworkMarks.submissionId,
        stage: courseworkMarks.stage,
        kind: courseworkMarks.kind,
        mark: courseworkMarks.mark,
        markedAt: courseworkMarks.markedAt,
      })
      .from(courseworkMarks)
      .where(inArray(courseworkMarks.assignmentId, assignmentIds)),
    db.select().from(courseworkSampleMembers).where(inArray(courseworkSampleMembers.assignmentId, assignmentIds)),
    db.select().from(courseworkSamples).where(inArray(courseworkSamples.assignmentId, assignmentIds)),
  ]);
  const firstMarked = new Set(marks.filter((m) => m.stage === "first" && m.kind === "mark").map((m) => m.submissionId));
  const byLearner = new Map<string, (typeof versions)[number][]>();
  for (const v of versions) {
    const key = `${v.assignmentId}:${v.enrolmentId}:${v.attempt}`;
    byLearner.set(key, [...(byLearner.get(key) ?? []), v]);
  }
  return [...byLearner.values()].map((all) => {
    const submission = versionToMark(all, firstMarked)!;
    const member = members.find((m) => m.submissionId === submission.id);
    const records: MarkRecord[] = marks.filter((m) => m.submissionId === submission.id);
    const sampleDrawn = samples.some((s) => s.assignmentId === submission.assignmentId && s.attempt === submission.attempt);
    return {
      submission,
      candidateNumber: submission.candidateNumber ?? "No number",
      versions: all.length,
      sampleDrawn,
      sampled: !!member,
      reasons: (member?.reasons ?? []) as SampleReason[],
      state: markingStateOf(records, !!member),
    };
  });
}

export type MarkingFact = Awaited<ReturnType<typeof markingFacts>>[number];

const TASK_WORDS = {
  "first-mark": "To mark",
  "second-mark": "To second-mark",
  "record-agreed": "Agree a mark",
  "third-read": "To read as third reader",
} as const;

/** Whether a marker at this stage has any part in this work (first markers: all of it; others: the sample). */
function concerns(stage: Stage, fact: MarkingFact) {
  if (stage === "first") return true;
  if (!fact.sampled || !fact.state) return false;
  if (stage === "second") return true;
  const step = nextMarkingStep(fact.state);
  return (
    step.step === "third-reader-or-agreement" || (step.step === "ready-for-board" && step.basis === "third-reader")
  );
}

/** The marker's queue: each assignment of their organisation they are allocated to, with the work to mark. */
export async function markingQueue(markerId: string, organisationId: string) {
  const db = await getDb();
  const allocated = await db
    .select({ assignment: courseworkAssignments, stage: courseworkMarkerAllocations.stage, cohortName: cohorts.name })
    .from(courseworkMarkerAllocations)
    .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkMarkerAllocations.assignmentId))
    .innerJoin(cohorts, eq(cohorts.id, courseworkAssignments.cohortId))
    .where(
      and(eq(courseworkMarkerAllocations.markerId, markerId), eq(courseworkAssignments.organisationId, organisationId)),
    )
    .orderBy(asc(courseworkAssignments.deadline));
  const facts = await markingFacts(
    db,
    allocated.map((a) => a.assignment.id),
  );
  return allocated.map(({ assignment, stage, cohortName }) => {
    const module = moduleOf(assignment);
    const mine = facts
      .filter((f) => f.submission.assignmentId === assignment.id && concerns(stage, f))
      .sort((a, b) => a.candidateNumber.localeCompare(b.candidateNumber));
    const items = mine.map((f) => {
      const task = taskFor(stage, f.state, f.sampled, module.scheme);
      return {
        submissionId: f.submission.id,
        candidateNumber: f.candidateNumber,
        version: f.submission.version,
        resubmission: f.submission.attempt > 1,
        late: f.submission.late,
        overLength: f.submission.overLength,
        task,
        status: task ? TASK_WORDS[task] : "Done",
      };
    });
    const attempts = facts.filter((f) => f.submission.assignmentId === assignment.id);
    const undrawn = [...new Set(attempts.filter((f) => !f.sampleDrawn).map((f) => f.submission.attempt))];
    return {
      assignmentId: assignment.id,
      moduleTitle: module.title,
      cohortName,
      stage,
      deadline: assignment.deadline,
      markingDue: markingDeadline(assignment.deadline),
      /** What the second marker and third reader wait for, when a sample is still to be drawn. */
      sampleWaiting:
        stage === "first" || !undrawn.length
          ? null
          : undrawn.includes(1)
            ? "the second-marking sample has not been drawn yet"
            : "the sample of the resubmissions has not been drawn yet",
      items,
      toDo: items.filter((i) => i.task).length,
      done: items.filter((i) => !i.task).length,
    };
  });
}

/**
 * One piece of work as a marker allocated to its assignment sees it, or null (the page answers 404)
 * when they are not allocated, it is another organisation's, it is not the version marked, or it
 * is not (yet) theirs to read: a second marker reads only the sample, a third reader only the work
 * sent to them.
 */
export async function submissionForMarker(markerId: string, organisationId: string, submissionId: string | undefined) {
  if (!isUuid(submissionId)) return null;
  const db = await getDb();
  const [found] = await db
    .select({
      submission: courseworkSubmissions,
      assignment: courseworkAssignments,
      stage: courseworkMarkerAllocations.stage,
    })
    .from(courseworkSubmissions)
    .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkSubmissions.assignmentId))
    .innerJoin(
      courseworkMarkerAllocations,
      and(
        eq(courseworkMarkerAllocations.assignmentId, courseworkAssignments.id),
        eq(courseworkMarkerAllocations.markerId, markerId),
      ),
    )
    .where(and(eq(courseworkSubmissions.id, submissionId), eq(courseworkAssignments.organisationId, organisationId)));
  if (!found) return null;
  const facts = await markingFacts(db, [found.assignment.id]);
  const fact = facts.find((f) => f.submission.id === submissionId);
  if (!fact || !concerns(found.stage, fact)) return null;
  const module = moduleOf(found.assignment);
  const [files, marks] = await Promise.all([
    found.submission.fileIds.length
      ? db
          .select({
            id: courseworkFiles.id,
            contentType: courseworkFiles.contentType,
            sizeBytes: courseworkFiles.sizeBytes,
          })
          .from(courseworkFiles)
          .where(inArray(courseworkFiles.id, found.submission.fileIds))
      : [],
    db
      .select()
      .from(courseworkMarks)
      .where(eq(courseworkMarks.submissionId, submissionId))
      .orderBy(asc(courseworkMarks.markedAt)),
  ]);
  const task = taskFor(found.stage, fact.state, fact.sampled, module.scheme);
  return {
    assignment: found.assignment,
    submission: found.submission,
    stage: found.stage,
    candidateNumber: fact.candidateNumber,
    module,
    files: found.submission.fileIds.flatMap((id) => files.filter((f) => f.id === id)),
    marks,
    fact,
    task,
    next: fact.state ? nextMarkingStep({ ...fact.state, inSample: fact.sampled }, module.scheme) : null,
  };
}

export type WorkForMarker = NonNullable<Awaited<ReturnType<typeof submissionForMarker>>>;

/** A file of the work (or an annotated copy on one of its marks), for a marker who may read it. */
export async function markerFile(work: WorkForMarker, fileId: string | undefined) {
  if (!isUuid(fileId)) return null;
  const annotated = work.marks.filter((m) => m.annotatedFileId).map((m) => m.annotatedFileId!);
  if (!work.submission.fileIds.includes(fileId) && !annotated.includes(fileId)) return null;
  const db = await getDb();
  const [found] = await db
    .select({ file: courseworkFiles, content: courseworkFileContents.content })
    .from(courseworkFiles)
    .innerJoin(courseworkFileContents, eq(courseworkFileContents.fileId, courseworkFiles.id))
    .where(eq(courseworkFiles.id, fileId));
  if (!found) return null;
  const mark = work.marks.find((m) => m.annotatedFileId === fileId);
  return { ...found, index: work.submission.fileIds.indexOf(fileId), annotatedBy: mark?.stage ?? null };
}

export interface MarkInput {
  kind: "mark" | "agree" | "propose" | "agreed";
  mark: number | null;
  criteria: { criterion: string; band: string }[];
  feedback: string;
  file: HandedInFile | null;
}

export type MarkResult = { ok: true } | { ok: false; field: string; message: string };

const AUDIT_ACTION = {
  mark: { first: "coursework.first_marked", second: "coursework.second_marked", third: "coursework.third_read" },
  agree: { first: "coursework.second_marked", second: "coursework.second_marked", third: "coursework.second_marked" },
  propose: { first: "coursework.second_marked", second: "coursework.second_marked", third: "coursework.second_marked" },
  agreed: {
    first: "coursework.agreed_mark_recorded",
    second: "coursework.agreed_mark_recorded",
    third: "coursework.agreed_mark_recorded",
  },
} as const;

/**
 * Records the marker's mark on the version they were shown, if it is still theirs to give: a first
 * mark once per version (the database refuses a second), a second marker's word once, an agreed mark
 * within the two marks, a third reading once. Everything is audited with the version.
 */
export async function recordMark(actor: OrganisationActor, work: WorkForMarker, input: MarkInput): Promise<MarkResult> {
  const expected = {
    "first-mark": ["mark"],
    "second-mark": ["agree", "propose"],
    "record-agreed": ["agreed"],
    "third-read": ["mark"],
  } as const;
  if (!work.task || !(expected[work.task] as readonly string[]).includes(input.kind))
    return {
      ok: false,
      field: "form",
      message: "This work's marking has moved on since you opened it: look at it again",
    };
  const first = work.fact.state?.firstMark ?? null;
  const mark = input.kind === "agree" ? first! : input.mark!;
  if (input.kind === "agreed" && work.next && "range" in work.next) {
    const [low, high] = work.next.range;
    if (mark < low || mark > high)
      return { ok: false, field: "mark", message: `An agreed mark lies between the two marks, ${low} to ${high}` };
  }
  const db = await getDb();
  const { submission, assignment } = work;
  return db.transaction(async (tx) => {
    // One marker's word at a time on one version: the next check and insert happen under the lock.
    await tx
      .select({ id: courseworkSubmissions.id })
      .from(courseworkSubmissions)
      .where(eq(courseworkSubmissions.id, submission.id))
      .for("update");
    if (input.kind !== "agreed") {
      const already = await tx
        .select({ id: courseworkMarks.id })
        .from(courseworkMarks)
        .where(
          and(
            eq(courseworkMarks.submissionId, submission.id),
            eq(courseworkMarks.stage, work.stage),
            inArray(courseworkMarks.kind, ["mark", "agree", "propose"]),
          ),
        );
      if (already.length)
        return {
          ok: false as const,
          field: "form",
          message: "A mark has already been recorded for this work at your stage",
        };
    }
    let annotatedFileId: string | null = null;
    if (input.file) {
      const sha256 = createHash("sha256").update(input.file.bytes).digest("hex");
      const [row] = await tx
        .insert(courseworkFiles)
        .values({
          assignmentId: assignment.id,
          enrolmentId: submission.enrolmentId,
          fileName: input.file.name,
          contentType: input.file.check.contentType,
          sizeBytes: input.file.bytes.length,
          sha256,
          wordCount: null,
          uploadedById: actor.userId,
        })
        .returning({ id: courseworkFiles.id });
      await tx.insert(courseworkFileContents).values({ fileId: row!.id, content: input.file.bytes });
      annotatedFileId = row!.id;
    }
    await tx.insert(courseworkMarks).values({
      assignmentId: assignment.id,
      submissionId: submission.id,
      stage: work.stage,
      kind: input.kind,
      mark,
      criteria: input.criteria,
      feedback: input.feedback,
      annotatedFileId,
      markerId: actor.userId,
      markerRole: actor.role,
    });
    const [learner] = await tx
      .select({ userId: enrolments.userId })
      .from(enrolments)
      .where(eq(enrolments.id, submission.enrolmentId));
    await recordAudit(
      {
        ...actedBy(actor),
        action: AUDIT_ACTION[input.kind][work.stage],
        subjectType: "user",
        subjectId: learner!.userId,
        detail: {
          module: work.module.title,
          candidate: work.candidateNumber,
          version: submission.version,
          mark,
          kind: input.kind,
          stage: work.stage,
          band: bandOf(mark, work.module.scheme.bands).label,
        },
      },
      tx,
    );
    return { ok: true as const };
  });
}

// ————— The programme lead's side —————

/** The markers of the organisation (active memberships in the marker role), to allocate. */
export async function markersOf(organisationId: string) {
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organisationId, organisationId), eq(memberships.role, "marker"), eq(memberships.active, true)),
    )
    .orderBy(asc(users.name));
}

/**
 * The assignment's marking for its lead, ready to show: allocations, the markers to choose from,
 * and for each attempt handed in (the first, then the resubmissions) its progress and sample.
 */
export async function markingForLead(assignment: Assignment, names: ReadonlyMap<string, string>) {
  const db = await getDb();
  const [allocations, markers, facts, samples, resubmissions] = await Promise.all([
    db
      .select({
        stage: courseworkMarkerAllocations.stage,
        markerId: courseworkMarkerAllocations.markerId,
        name: users.name,
      })
      .from(courseworkMarkerAllocations)
      .innerJoin(users, eq(users.id, courseworkMarkerAllocations.markerId))
      .where(eq(courseworkMarkerAllocations.assignmentId, assignment.id)),
    markersOf(assignment.organisationId),
    markingFacts(db, [assignment.id]),
    db.select().from(courseworkSamples).where(eq(courseworkSamples.assignmentId, assignment.id)),
    db
      .select({ attempt: courseworkResubmissions.attempt })
      .from(courseworkResubmissions)
      .where(eq(courseworkResubmissions.assignmentId, assignment.id)),
  ]);
  return leadMarkingView({
    scheme: moduleOf(assignment).scheme,
    allocations,
    markers,
    facts: facts.map((f) => ({
      submissionId: f.submission.id,
      attempt: f.submission.attempt,
      candidateNumber: f.candidateNumber,
      name: names.get(f.submission.enrolmentId) ?? "",
      state: f.state,
      sampled: f.sampled,
      reasons: f.reasons,
    })),
    samples,
    resubmissionAttempts: resubmissions.map((r) => r.attempt),
  });
}

/** The lead allocates (or changes) a marker for one stage; one person never holds two stages of one assignment. */
export async function allocateMarker(
  actor: OrganisationActor,
  assignment: Assignment,
  input: { stage: Stage; markerId: string },
): Promise<MarkResult> {
  const db = await getDb();
  const markers = await markersOf(actor.organisationId);
  const marker = markers.find((m) => m.id === input.markerId);
  if (!marker) return { ok: false, field: `marker-${input.stage}`, message: "Choose one of your university's markers" };
  return db.transaction(async (tx) => {
    await tx
      .select({ id: courseworkAssignments.id })
      .from(courseworkAssignments)
      .where(eq(courseworkAssignments.id, assignment.id))
      .for("update");
    const current = await tx
      .select({ stage: courseworkMarkerAllocations.stage, markerId: courseworkMarkerAllocations.markerId })
      .from(courseworkMarkerAllocations)
      .where(eq(courseworkMarkerAllocations.assignmentId, assignment.id));
    const problem = allocationProblem(current, input);
    if (problem) return { ok: false as const, field: `marker-${input.stage}`, message: problem };
    await tx
      .insert(courseworkMarkerAllocations)
      .values({
        assignmentId: assignment.id,
        stage: input.stage,
        markerId: input.markerId,
        allocatedById: actor.userId,
      })
      .onConflictDoUpdate({
        target: [courseworkMarkerAllocations.assignmentId, courseworkMarkerAllocations.stage],
        set: { markerId: input.markerId, allocatedById: actor.userId, allocatedAt: new Date() },
      });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.marker_allocated",
        subjectType: "user",
        subjectId: input.markerId,
        detail: { module: moduleOf(assignment).title, stage: input.stage },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/**
 * Draws the second-marking sample of one attempt (the first, or the resubmissions) once every piece
 * of work handed in for it has its first mark: every fail, every mark near a band boundary and a
 * share of the rest, from a random seed kept with it, so attempt 2 is sampled on its own marks
 * exactly as attempt 1 was (ADR 023).
 */
export async function drawSample(actor: OrganisationActor, assignment: Assignment, attempt = 1): Promise<MarkResult> {
  const db = await getDb();
  const facts = (await markingFacts(db, [assignment.id])).filter((f) => f.submission.attempt === attempt);
  const progress = assignmentProgress(
    facts.map((f) => ({ state: f.state, sampled: f.sampled })),
    facts.some((f) => f.sampleDrawn),
  );
  const what = attempt === 1 ? "The sample" : "The sample of the resubmissions";
  if (progress.sampleDrawn) return { ok: false, field: `sample-${attempt}`, message: `${what} has already been drawn` };
  if (!progress.handedIn)
    return {
      ok: false,
      field: `sample-${attempt}`,
      message: attempt === 1 ? "No work has been handed in yet, so there is nothing to sample" : "No resubmission has been handed in yet, so there is nothing to sample",
    };
  if (!progress.firstMarkingComplete)
    return {
      ok: false,
      field: `sample-${attempt}`,
      message: `First marking is not finished: ${progress.firstMarked} of ${progress.handedIn} marked`,
    };
  const scheme = moduleOf(assignment).scheme;
  const seed = randomBytes(16).toString("hex");
  const sample = secondMarkingSample(
    facts.map((f) => ({ id: f.submission.id, mark: f.state!.firstMark })),
    seed,
    scheme,
  );
  return db.transaction(async (tx) => {
    const saved = await tx
      .insert(courseworkSamples)
      .values({
        assignmentId: assignment.id,
        attempt,
        seed,
        sharePercent: scheme.samplePercent,
        drawnById: actor.userId,
        drawnByRole: actor.role,
      })
      .onConflictDoNothing()
      .returning({ id: courseworkSamples.assignmentId });
    if (!saved.length) return { ok: false as const, field: `sample-${attempt}`, message: `${what} has already been drawn` };
    const members = sample.choices.filter((c) => c.inSample);
    if (members.length)
      await tx
        .insert(courseworkSampleMembers)
        .values(members.map((c) => ({ assignmentId: assignment.id, attempt, submissionId: c.id, reasons: c.reasons })));
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.sample_drawn",
        subjectType: "coursework_assignment",
        subjectId: assignment.id,
        detail: { module: moduleOf(assignment).title, attempt, sampled: members.length, of: sample.choices.length, seed },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** Where each of these assignments stands, in the lead's words (a constant number of statements). */
export async function assignmentStages(
  assignments: Pick<Assignment, "id" | "deadline" | "programmeSlug" | "moduleSlug">[],
  now = new Date(),
) {
  const ids = assignments.map((a) => a.id);
  const stages = new Map<string, string>();
  if (!ids.length) return stages;
  const db = await getDb();
  const [facts, decisions, resubmissions] = await Promise.all([
    markingFacts(db, ids),
    db
      .select({
        assignmentId: courseworkBoardDecisions.assignmentId,
        attempt: courseworkBoardDecisions.attempt,
        decidedAt: courseworkBoardDecisions.decidedAt,
      })
      .from(courseworkBoardDecisions)
      .where(inArray(courseworkBoardDecisions.assignmentId, ids)),
    db
      .selectDistinct({ assignmentId: courseworkResubmissions.assignmentId, attempt: courseworkResubmissions.attempt })
      .from(courseworkResubmissions)
      .where(inArray(courseworkResubmissions.assignmentId, ids)),
  ]);
  for (const assignment of assignments) {
    const scheme = moduleOf(assignment).scheme;
    const mine = facts.filter((f) => f.submission.assignmentId === assignment.id);
    const progress = new Map(
      [...new Set(mine.map((f) => f.submission.attempt))].map((attempt) => {
        const of = mine.filter((f) => f.submission.attempt === attempt);
        return [attempt, assignmentProgress(of.map((f) => ({ state: f.state, sampled: f.sampled })), of.some((f) => f.sampleDrawn), scheme)];
      }),
    );
    const decided = decisions.filter((d) => d.assignmentId === assignment.id);
    const first = decided.find((d) => d.attempt === 1);
    stages.set(
      assignment.id,
      assignmentStage({
        deadlinePassed: assignment.deadline.getTime() <= now.getTime(),
        progress,
        decidedAttempts: decided.map((d) => d.attempt),
        resubmissionAttempts: resubmissions.filter((r) => r.assignmentId === assignment.id).map((r) => r.attempt),
        confirmedOn: first ? longDay(englandDay(first.decidedAt)) : null,
      }),
    );
  }
  return stages;
}

/**
 * The summary both of the lead's pages on an assignment show at their head (the assignment and its
 * exam board): cohort, module, credits, deadline, word limit, when marks are due and where it stands.
 */
export async function assignmentSummary(assignment: Assignment, cohortName: string): Promise<AssignmentSummaryView> {
  const programme = findProgramme(assignment.programmeSlug);
  const module = programme ? findModule(programme, assignment.moduleSlug) : undefined;
  const stages = await assignmentStages([assignment]);
  return {
    assignmentId: assignment.id,
    cohortName,
    moduleTitle: module?.title ?? assignment.moduleSlug,
    credits: programme?.award?.credits[assignment.moduleSlug] ?? module?.credits ?? null,
    deadline: englandDateTime(assignment.deadline),
    wordLimit: assignment.wordLimit.toLocaleString("en-GB"),
    marksDue: longDay(markingDeadline(assignment.deadline)),
    stage: stages.get(assignment.id) ?? "",
  };
}

/** The names behind candidate numbers, for the lead only (never for a marker before release). */
export async function learnerNames(enrolmentIds: string[]) {
  if (!enrolmentIds.length) return new Map<string, string>();
  const db = await getDb();
  const rows = await db
    .select({ id: enrolments.id, name: users.name })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(inArray(enrolments.id, enrolmentIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}
