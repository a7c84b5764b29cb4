/**
 * Masters assignments: opened per cohort by the university's programme lead, handed in by learners
 * as append-only versions (text and PDF or Word files), with extensions, mitigating circumstances
 * and anonymous candidate numbers. Access is decided by the caller (./access.server); every
 * function here scopes what it reads to the organisation or enrolment it was asked for.
 */
import { createHash, randomInt } from "node:crypto";
import { and, type AnyColumn, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  candidateNumbers,
  cohorts,
  courseworkAssignments,
  courseworkExtensionDecisions,
  courseworkExtensionRequests,
  courseworkFileContents,
  courseworkFiles,
  courseworkMitigationDecisions,
  courseworkMitigations,
  courseworkSubmissions,
  enrolments,
  users,
} from "#db/schema";
import { actedBy, type AuditActor, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { findModule, findProgramme } from "~/modules/programmes/catalogue.server";
import type { Enrolment } from "~/modules/programmes/learning.server";
import type { FileCheck } from "~/modules/portfolio/files";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import {
  candidateNumberFrom,
  countStates,
  countWords,
  extensionRequestProblem,
  isLate,
  isOverLength,
  learnerDeadline,
  submissionHashInput,
  submissionState,
  type SubmissionState,
} from "./assignments";
import { handInFor } from "./release.server";

export type Assignment = typeof courseworkAssignments.$inferSelect;

/** Whether a programme leads to an award (the Masters): only such programmes have assignments. */
export function isCreditBearing(programmeSlug: string) {
  return !!findProgramme(programmeSlug)?.award;
}

/** Gives every learner on the cohort without one a candidate number, unique in the cohort. */
export async function assignCandidateNumbers(tx: Database, cohortId: string) {
  const missing = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .leftJoin(candidateNumbers, eq(candidateNumbers.enrolmentId, enrolments.id))
    .where(and(eq(enrolments.cohortId, cohortId), isNull(candidateNumbers.enrolmentId)));
  for (const { id } of missing) {
    // A clash with a number already given in the cohort is skipped by the unique index: try again.
    for (let attempt = 0; attempt < 20; attempt++) {
      const saved = await tx
        .insert(candidateNumbers)
        .values({ enrolmentId: id, cohortId, number: candidateNumberFrom(randomInt(0, 900000)) })
        .onConflictDoNothing()
        .returning({ number: candidateNumbers.number });
      if (saved.length) break;
    }
  }
}

/** The Masters cohorts of one organisation, with the modules an assignment can be opened for. */
export async function creditBearingCohorts(organisationId: string) {
  const db = await getDb();
  const rows = await db
    .select({ id: cohorts.id, name: cohorts.name, programmeSlug: cohorts.programmeSlug })
    .from(cohorts)
    .where(eq(cohorts.organisationId, organisationId))
    .orderBy(asc(cohorts.name));
  return rows.flatMap((c) => {
    const programme = findProgramme(c.programmeSlug);
    if (!programme?.award) return [];
    const modules = programme.modules
      .filter((m) => m.assignment?.wordCount)
      .map((m) => ({ slug: m.slug, title: m.title, wordLimit: m.assignment!.wordCount! }));
    return [{ ...c, programmeTitle: programme.title, modules }];
  });
}

export type OpenResult = { ok: true; assignmentId: string } | { ok: false; field: "cohortId" | "moduleSlug" | "deadline"; message: string };

/** Opens a module's assignment for a cohort of the lead's organisation; the word limit comes from the brief. */
export async function openAssignment(
  actor: OrganisationActor,
  input: { cohortId: string; moduleSlug: string; deadline: Date },
  now = new Date(),
): Promise<OpenResult> {
  const db = await getDb();
  const [cohort] = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.id, input.cohortId), eq(cohorts.organisationId, actor.organisationId)));
  const programme = cohort ? findProgramme(cohort.programmeSlug) : undefined;
  if (!cohort || !programme?.award) return { ok: false, field: "cohortId", message: "Choose a Masters cohort of your university" };
  const module = findModule(programme, input.moduleSlug);
  const wordLimit = module?.assignment?.wordCount;
  if (!module || !wordLimit) return { ok: false, field: "moduleSlug", message: "Choose a module of this cohort's programme" };
  if (input.deadline.getTime() <= now.getTime()) return { ok: false, field: "deadline", message: "The deadline must be in the future" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(courseworkAssignments)
      .values({
        organisationId: actor.organisationId,
        cohortId: cohort.id,
        programmeSlug: cohort.programmeSlug,
        moduleSlug: module.slug,
        deadline: input.deadline,
        wordLimit,
        openedById: actor.userId,
      })
      .onConflictDoNothing()
      .returning({ id: courseworkAssignments.id });
    if (!row) return { ok: false as const, field: "moduleSlug" as const, message: "This module's assignment is already open for this cohort" };
    await assignCandidateNumbers(tx, cohort.id);
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.assignment_opened",
        subjectType: "coursework_assignment",
        subjectId: row.id,
        detail: { module: module.title, cohort: cohort.name, deadline: input.deadline.toISOString(), wordLimit },
      },
      tx,
    );
    return { ok: true as const, assignmentId: row.id };
  });
}

/** The latest version each learner handed in for these assignments (one statement). */
async function latestVersions(db: Database, assignmentIds: string[]) {
  if (!assignmentIds.length) return [];
  return db
    .selectDistinctOn([courseworkSubmissions.assignmentId, courseworkSubmissions.enrolmentId], {
      assignmentId: courseworkSubmissions.assignmentId,
      enrolmentId: courseworkSubmissions.enrolmentId,
      version: courseworkSubmissions.version,
      late: courseworkSubmissions.late,
      wordCount: courseworkSubmissions.wordCount,
      overLength: courseworkSubmissions.overLength,
      submittedAt: courseworkSubmissions.submittedAt,
    })
    .from(courseworkSubmissions)
    .where(inArray(courseworkSubmissions.assignmentId, assignmentIds))
    .orderBy(courseworkSubmissions.assignmentId, courseworkSubmissions.enrolmentId, desc(courseworkSubmissions.version));
}

/** Every assignment of the organisation, with how many learners have submitted, submitted late or not submitted. */
export async function assignmentsForOrganisation(organisationId: string) {
  const db = await getDb();
  const rows = await db
    .select({ assignment: courseworkAssignments, cohortName: cohorts.name })
    .from(courseworkAssignments)
    .innerJoin(cohorts, eq(cohorts.id, courseworkAssignments.cohortId))
    .where(eq(courseworkAssignments.organisationId, organisationId))
    .orderBy(asc(courseworkAssignments.deadline));
  const cohortIds = [...new Set(rows.map((r) => r.assignment.cohortId))];
  const [learners, latest, waiting] = await Promise.all([
    cohortIds.length
      ? db
          .select({ id: enrolments.id, cohortId: enrolments.cohortId })
          .from(enrolments)
          .where(and(inArray(enrolments.cohortId, cohortIds), eq(enrolments.status, "active")))
      : [],
    latestVersions(
      db,
      rows.map((r) => r.assignment.id),
    ),
    rows.length
      ? db
          .select({ assignmentId: courseworkExtensionRequests.assignmentId, n: sql<number>`count(*)::int` })
          .from(courseworkExtensionRequests)
          .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkExtensionRequests.assignmentId))
          .leftJoin(courseworkExtensionDecisions, eq(courseworkExtensionDecisions.requestId, courseworkExtensionRequests.id))
          .where(and(eq(courseworkAssignments.organisationId, organisationId), isNull(courseworkExtensionDecisions.requestId)))
          .groupBy(courseworkExtensionRequests.assignmentId)
      : [],
  ]);
  return rows.map(({ assignment, cohortName }) => {
    const module = findModule(findProgramme(assignment.programmeSlug)!, assignment.moduleSlug);
    const states: SubmissionState[] = learners
      .filter((l) => l.cohortId === assignment.cohortId)
      .map((l) => submissionState(latest.find((v) => v.assignmentId === assignment.id && v.enrolmentId === l.id)));
    return {
      id: assignment.id,
      programmeSlug: assignment.programmeSlug,
      moduleSlug: assignment.moduleSlug,
      moduleTitle: module?.title ?? assignment.moduleSlug,
      cohortName,
      deadline: assignment.deadline,
      wordLimit: assignment.wordLimit,
      counts: countStates(states),
      extensionsWaiting: waiting.find((w) => w.assignmentId === assignment.id)?.n ?? 0,
    };
  });
}

/** One assignment of the organisation, for its programme lead: each learner's state, extensions and mitigating circumstances. */
export async function assignmentForLead(organisationId: string, assignmentId: string | undefined) {
  if (!isUuid(assignmentId)) return null;
  const db = await getDb();
  const [found] = await db
    .select({ assignment: courseworkAssignments, cohortName: cohorts.name })
    .from(courseworkAssignments)
    .innerJoin(cohorts, eq(cohorts.id, courseworkAssignments.cohortId))
    .where(and(eq(courseworkAssignments.id, assignmentId), eq(courseworkAssignments.organisationId, organisationId)));
  if (!found) return null;
  const { assignment } = found;
  const [learners, latest, requests, mitigations] = await Promise.all([
    db
      .select({ id: enrolments.id, userId: enrolments.userId, name: users.name, candidateNumber: candidateNumbers.number })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .leftJoin(candidateNumbers, eq(candidateNumbers.enrolmentId, enrolments.id))
      .where(and(eq(enrolments.cohortId, assignment.cohortId), eq(enrolments.status, "active")))
      .orderBy(asc(users.name)),
    latestVersions(db, [assignment.id]),
    db
      .select({ request: courseworkExtensionRequests, decision: courseworkExtensionDecisions, learnerName: users.name })
      .from(courseworkExtensionRequests)
      .innerJoin(enrolments, eq(enrolments.id, courseworkExtensionRequests.enrolmentId))
      .innerJoin(users, eq(users.id, enrolments.userId))
      .leftJoin(courseworkExtensionDecisions, eq(courseworkExtensionDecisions.requestId, courseworkExtensionRequests.id))
      .where(eq(courseworkExtensionRequests.assignmentId, assignment.id))
      .orderBy(asc(courseworkExtensionRequests.requestedAt)),
    db
      .select({ mitigation: courseworkMitigations, decision: courseworkMitigationDecisions, learnerName: users.name })
      .from(courseworkMitigations)
      .innerJoin(enrolments, eq(enrolments.id, courseworkMitigations.enrolmentId))
      .innerJoin(users, eq(users.id, enrolments.userId))
      .leftJoin(courseworkMitigationDecisions, eq(courseworkMitigationDecisions.mitigationId, courseworkMitigations.id))
      .where(eq(courseworkMitigations.assignmentId, assignment.id))
      .orderBy(asc(courseworkMitigations.submittedAt)),
  ]);
  const module = findModule(findProgramme(assignment.programmeSlug)!, assignment.moduleSlug);
  return {
    assignment,
    moduleTitle: module?.title ?? assignment.moduleSlug,
    cohortName: found.cohortName,
    learners: learners.map((l) => {
      const version = latest.find((v) => v.enrolmentId === l.id) ?? null;
      const decided = requests
        .filter((r) => r.request.enrolmentId === l.id && r.decision)
        .map((r) => ({ outcome: r.decision!.outcome, deadline: r.decision!.deadline, decidedAt: r.decision!.decidedAt }));
      return {
        ...l,
        deadline: learnerDeadline(assignment.deadline, decided),
        state: submissionState(version),
        latest: version,
      };
    }),
    requests,
    mitigations,
  };
}

/** The assignment a learner's cohort has for a module, or null when none is open. */
export async function assignmentForLearner(enrolment: Enrolment, moduleSlug: string) {
  if (!enrolment.cohortId) return null;
  const db = await getDb();
  const [assignment] = await db
    .select()
    .from(courseworkAssignments)
    .where(and(eq(courseworkAssignments.cohortId, enrolment.cohortId), eq(courseworkAssignments.moduleSlug, moduleSlug)));
  return assignment ?? null;
}

/** Everything the learner sees of their own work on an assignment: versions, files, extensions, circumstances. */
export async function learnerCoursework(assignment: Assignment, enrolmentId: string) {
  const db = await getDb();
  const mine = (table: { assignmentId: AnyColumn; enrolmentId: AnyColumn }) =>
    and(eq(table.assignmentId, assignment.id), eq(table.enrolmentId, enrolmentId));
  const [versions, files, requests, mitigations, candidate] = await Promise.all([
    db.select().from(courseworkSubmissions).where(mine(courseworkSubmissions)).orderBy(desc(courseworkSubmissions.version)),
    db
      .select({
        id: courseworkFiles.id,
        fileName: courseworkFiles.fileName,
        sizeBytes: courseworkFiles.sizeBytes,
        sha256: courseworkFiles.sha256,
        wordCount: courseworkFiles.wordCount,
      })
      .from(courseworkFiles)
      .where(mine(courseworkFiles)),
    db
      .select({ request: courseworkExtensionRequests, decision: courseworkExtensionDecisions })
      .from(courseworkExtensionRequests)
      .leftJoin(courseworkExtensionDecisions, eq(courseworkExtensionDecisions.requestId, courseworkExtensionRequests.id))
      .where(mine(courseworkExtensionRequests))
      .orderBy(asc(courseworkExtensionRequests.requestedAt)),
    db
      .select({ mitigation: courseworkMitigations, decision: courseworkMitigationDecisions })
      .from(courseworkMitigations)
      .leftJoin(courseworkMitigationDecisions, eq(courseworkMitigationDecisions.mitigationId, courseworkMitigations.id))
      .where(mine(courseworkMitigations))
      .orderBy(asc(courseworkMitigations.submittedAt)),
    db.select({ number: candidateNumbers.number }).from(candidateNumbers).where(eq(candidateNumbers.enrolmentId, enrolmentId)),
  ]);
  const deadline = learnerDeadline(
    assignment.deadline,
    requests.flatMap((r) => (r.decision ? [{ outcome: r.decision.outcome, deadline: r.decision.deadline, decidedAt: r.decision.decidedAt }] : [])),
  );
  return {
    deadline,
    candidateNumber: candidate[0]?.number ?? null,
    versions: versions.map((v) => ({ ...v, files: v.fileIds.map((id) => files.find((f) => f.id === id)!).filter(Boolean) })),
    requests,
    mitigations,
  };
}

export interface HandedInFile {
  name: string;
  bytes: Buffer;
  check: Extract<FileCheck, { ok: true }>;
  /** Words in a Word document's text; null for a PDF. */
  wordCount: number | null;
}

export type SubmitResult = { ok: true; version: number; late: boolean; contentHash: string } | { ok: false; message: string };

/**
 * Hands in a new version: the text typed, the file chosen (if any) and the files of the previous
 * version the learner kept. Late if after their own deadline; over-length flagged, never refused.
 */
export async function submitVersion(
  actor: AuditActor,
  assignment: Assignment,
  enrolment: Enrolment,
  input: { body: string; file: HandedInFile | null; keepFileIds: string[] },
  now = new Date(),
): Promise<SubmitResult> {
  const db = await getDb();
  const current = await learnerCoursework(assignment, enrolment.id);
  const previous = current.versions[0];
  const kept = (previous?.files ?? []).filter((f) => input.keepFileIds.includes(f.id));
  if (!input.body.trim() && !input.file && !kept.length) return { ok: false, message: "Write your work in the box or choose a file to hand in" };
  // After the exam board, only a resubmission the lead has opened may be handed in, by its own deadline.
  const handIn = await handInFor(db, assignment.id, enrolment.id);
  if (!handIn.open) return { ok: false, message: handIn.reason };
  const deadline = handIn.deadline ?? current.deadline;
  return db.transaction(async (tx) => {
    // One hand-in at a time per learner (two tabs, a double click): the next version number is read under the lock.
    await tx.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.id, enrolment.id)).for("update");
    const [last] = await tx
      .select({ version: sql<number | null>`max(${courseworkSubmissions.version})` })
      .from(courseworkSubmissions)
      .where(and(eq(courseworkSubmissions.assignmentId, assignment.id), eq(courseworkSubmissions.enrolmentId, enrolment.id)));
    let stored: { id: string; sha256: string; wordCount: number | null } | null = null;
    if (input.file) {
      const sha256 = createHash("sha256").update(input.file.bytes).digest("hex");
      const [row] = await tx
        .insert(courseworkFiles)
        .values({
          assignmentId: assignment.id,
          enrolmentId: enrolment.id,
          fileName: input.file.name,
          contentType: input.file.check.contentType,
          sizeBytes: input.file.bytes.length,
          sha256,
          wordCount: input.file.wordCount,
          uploadedById: actor.userId,
        })
        .returning();
      await tx.insert(courseworkFileContents).values({ fileId: row!.id, content: input.file.bytes });
      stored = row!;
    }
    const files = [...kept, ...(stored ? [stored] : [])];
    const wordCount = countWords(input.body) + files.reduce((sum, f) => sum + (f.wordCount ?? 0), 0);
    const contentHash = createHash("sha256")
      .update(submissionHashInput(input.body, files.map((f) => f.sha256)))
      .digest("hex");
    const late = isLate(now, deadline);
    const version = (last?.version ?? 0) + 1;
    await tx.insert(courseworkSubmissions).values({
      assignmentId: assignment.id,
      enrolmentId: enrolment.id,
      version,
      attempt: handIn.attempt,
      body: input.body,
      fileIds: files.map((f) => f.id),
      wordCount,
      overLength: isOverLength(wordCount, assignment.wordLimit),
      deadline,
      late,
      contentHash,
      submittedById: actor.userId,
      submittedAt: now,
    });
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: assignment.organisationId }),
        action: "coursework.submitted",
        subjectType: "user",
        subjectId: enrolment.userId,
        detail: { module: moduleTitle(assignment), version, attempt: handIn.attempt, late, words: wordCount, hash: contentHash },
      },
      tx,
    );
    return { ok: true as const, version, late, contentHash };
  });
}

function moduleTitle(assignment: Assignment) {
  const programme = findProgramme(assignment.programmeSlug);
  return (programme && findModule(programme, assignment.moduleSlug)?.title) ?? assignment.moduleSlug;
}

/** A learner asks for a later deadline, with reasons. */
export async function requestExtension(
  actor: AuditActor,
  assignment: Assignment,
  enrolment: Enrolment,
  input: { reasons: string; deadline: Date },
): Promise<{ ok: true } | { ok: false; field: "deadline"; message: string }> {
  const current = await learnerCoursework(assignment, enrolment.id);
  const problem = extensionRequestProblem(input.deadline, current.deadline);
  if (problem) return { ok: false, field: "deadline", message: problem };
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(courseworkExtensionRequests).values({
      assignmentId: assignment.id,
      enrolmentId: enrolment.id,
      reasons: input.reasons,
      requestedDeadline: input.deadline,
      requestedById: actor.userId,
    });
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: assignment.organisationId }),
        action: "coursework.extension_requested",
        subjectType: "user",
        subjectId: enrolment.userId,
        detail: { module: moduleTitle(assignment), deadline: input.deadline.toISOString() },
      },
      tx,
    );
  });
  return { ok: true };
}

/** A learner puts forward mitigating circumstances for an assignment. */
export async function recordMitigation(actor: AuditActor, assignment: Assignment, enrolment: Enrolment, circumstances: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(courseworkMitigations).values({
      assignmentId: assignment.id,
      enrolmentId: enrolment.id,
      circumstances,
      submittedById: actor.userId,
    });
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: assignment.organisationId }),
        action: "coursework.mitigation_submitted",
        subjectType: "user",
        subjectId: enrolment.userId,
        detail: { module: moduleTitle(assignment) },
      },
      tx,
    );
  });
}

export type DecideResult = { ok: true } | { ok: false; message: string };

/** The lead approves (with the new deadline) or refuses an extension request of their organisation; once. */
export async function decideExtension(
  actor: OrganisationActor,
  requestId: string,
  input: { outcome: "approved" | "refused"; deadline: Date | null; note: string },
): Promise<DecideResult> {
  const db = await getDb();
  const [found] = await db
    .select({ request: courseworkExtensionRequests, assignment: courseworkAssignments, userId: enrolments.userId })
    .from(courseworkExtensionRequests)
    .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkExtensionRequests.assignmentId))
    .innerJoin(enrolments, eq(enrolments.id, courseworkExtensionRequests.enrolmentId))
    .where(and(eq(courseworkExtensionRequests.id, requestId), eq(courseworkAssignments.organisationId, actor.organisationId)));
  if (!found) return { ok: false, message: "We could not find that request" };
  if (input.outcome === "approved" && !input.deadline) return { ok: false, message: "Give the new deadline" };
  return db.transaction(async (tx) => {
    const saved = await tx
      .insert(courseworkExtensionDecisions)
      .values({
        requestId,
        outcome: input.outcome,
        deadline: input.outcome === "approved" ? input.deadline : null,
        note: input.note,
        decidedById: actor.userId,
        decidedByRole: actor.role,
      })
      .onConflictDoNothing()
      .returning({ requestId: courseworkExtensionDecisions.requestId });
    if (!saved.length) return { ok: false as const, message: "This request has already been decided" };
    await recordAudit(
      {
        ...actedBy(actor),
        action: input.outcome === "approved" ? "coursework.extension_approved" : "coursework.extension_refused",
        subjectType: "user",
        subjectId: found.userId,
        detail: {
          module: moduleTitle(found.assignment),
          deadline: input.outcome === "approved" ? input.deadline!.toISOString() : null,
          reason: input.note || null,
        },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** The lead records a decision on mitigating circumstances put forward in their organisation; once. */
export async function decideMitigation(
  actor: OrganisationActor,
  mitigationId: string,
  input: { outcome: "accepted" | "not_accepted"; note: string },
): Promise<DecideResult> {
  const db = await getDb();
  const [found] = await db
    .select({ assignment: courseworkAssignments, userId: enrolments.userId })
    .from(courseworkMitigations)
    .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkMitigations.assignmentId))
    .innerJoin(enrolments, eq(enrolments.id, courseworkMitigations.enrolmentId))
    .where(and(eq(courseworkMitigations.id, mitigationId), eq(courseworkAssignments.organisationId, actor.organisationId)));
  if (!found) return { ok: false, message: "We could not find those circumstances" };
  return db.transaction(async (tx) => {
    const saved = await tx
      .insert(courseworkMitigationDecisions)
      .values({ mitigationId, outcome: input.outcome, note: input.note, decidedById: actor.userId, decidedByRole: actor.role })
      .onConflictDoNothing()
      .returning({ id: courseworkMitigationDecisions.mitigationId });
    if (!saved.length) return { ok: false as const, message: "A decision has already been recorded" };
    await recordAudit(
      {
        ...actedBy(actor),
        action: input.outcome === "accepted" ? "coursework.mitigation_accepted" : "coursework.mitigation_not_accepted",
        subjectType: "user",
        subjectId: found.userId,
        detail: { module: moduleTitle(found.assignment), reason: input.note || null },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** A handed-in file with who may see it: the learner whose work it is, and the university that set the work. */
export async function readSubmissionFile(fileId: string | undefined) {
  if (!isUuid(fileId)) return null;
  const db = await getDb();
  const [found] = await db
    .select({
      file: courseworkFiles,
      content: courseworkFileContents.content,
      organisationId: courseworkAssignments.organisationId,
      learnerId: enrolments.userId,
    })
    .from(courseworkFiles)
    .innerJoin(courseworkFileContents, eq(courseworkFileContents.fileId, courseworkFiles.id))
    .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkFiles.assignmentId))
    .innerJoin(enrolments, eq(enrolments.id, courseworkFiles.enrolmentId))
    .where(eq(courseworkFiles.id, fileId));
  return found ?? null;
}
