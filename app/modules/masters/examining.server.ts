/**
 * The external examiner: appointed to one programme of one university for a term
 * (`examiners.server.ts`), they read the sample, marks and feedback of that programme's assignments
 * there (candidates by number until the board releases the marks) and record comments for the
 * board, append-only. Only while the appointment is current: before its first day, after its last,
 * or once the lead has ended it, they see nothing of the programme.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  candidateNumbers,
  cohorts,
  courseworkAssignments,
  courseworkBoardDecisions,
  courseworkExaminerComments,
  courseworkSampleMembers,
  courseworkSamples,
  courseworkSubmissions,
  enrolments,
  memberships,
  users,
} from "#db/schema";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { findModule, findProgramme } from "~/modules/programmes/catalogue.server";
import { forbidden, requireMembership, type ActingUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { markForBoard, rulesOf } from "./board";
import { recordedMarks } from "./board.server";
import { appointmentsOfMembership, type Appointment } from "./examiners.server";
import { MARK_BASIS_WORDS } from "./marks";

export interface ExaminerScope {
  organisationId: string;
  programmeSlug: string;
}

/**
 * The examiner acting in their university, and the programme their current appointment lets them
 * examine there; `scope` is null without one, with their latest appointment (one to come, or one
 * over) and the university's programme leads to ask, so the page can say so instead of refusing.
 */
export async function examinerAccess(request: Request): Promise<{
  current: ActingUser;
  scope: ExaminerScope | null;
  latest: Appointment | null;
  leads: { name: string; email: string }[];
}> {
  const current = await requireMembership(request, { permission: "coursework:examine:programme" });
  const appointments = await appointmentsOfMembership(current.active.id, current.active.organisationId);
  const now = appointments.find((a) => a.state === "current");
  if (now) return { current, scope: { organisationId: current.active.organisationId, programmeSlug: now.programmeSlug }, latest: now, leads: [] };
  const db = await getDb();
  const leads = await db
    .select({ name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, current.active.organisationId), eq(memberships.role, "programme_lead"), eq(memberships.active, true)))
    .orderBy(asc(users.name));
  // An appointment still to come says more than one that is over.
  const latest = appointments.find((a) => a.state === "upcoming") ?? appointments[0] ?? null;
  return { current, scope: null, latest, leads };
}

/** The examiner and the programme they examine now; 403 without a current appointment (for actions). */
export async function requireExaminer(request: Request): Promise<{ current: ActingUser; scope: ExaminerScope }> {
  const { current, scope } = await examinerAccess(request);
  if (!scope) forbidden("You are not appointed external examiner of a programme here at present.");
  return { current, scope };
}

const STAGE_WORDS = { first: "First marker", second: "Second marker", third: "Third reader" } as const;
const KIND_WORDS = { mark: "marked", agree: "agreed with the first mark", propose: "proposed", agreed: "recorded the agreed mark" } as const;

/** Every assignment of the examiner's programme with its sample, marks and feedback (a fixed number of statements). */
export async function examiningView(scope: ExaminerScope) {
  const db = await getDb();
  const assignments = await db
    .select({ assignment: courseworkAssignments, cohortName: cohorts.name })
    .from(courseworkAssignments)
    .innerJoin(cohorts, eq(cohorts.id, courseworkAssignments.cohortId))
    .where(and(eq(courseworkAssignments.organisationId, scope.organisationId), eq(courseworkAssignments.programmeSlug, scope.programmeSlug)))
    .orderBy(asc(courseworkAssignments.deadline));
  const ids = assignments.map((a) => a.assignment.id);
  if (!ids.length) return [];
  const [submissions, samples, members, decisions, comments] = await Promise.all([
    db
      .selectDistinctOn([courseworkSubmissions.assignmentId, courseworkSubmissions.enrolmentId, courseworkSubmissions.attempt], {
        id: courseworkSubmissions.id,
        assignmentId: courseworkSubmissions.assignmentId,
        attempt: courseworkSubmissions.attempt,
        version: courseworkSubmissions.version,
        late: courseworkSubmissions.late,
        candidateNumber: candidateNumbers.number,
        name: users.name,
      })
      .from(courseworkSubmissions)
      .innerJoin(enrolments, eq(enrolments.id, courseworkSubmissions.enrolmentId))
      .innerJoin(users, eq(users.id, enrolments.userId))
      .leftJoin(candidateNumbers, eq(candidateNumbers.enrolmentId, enrolments.id))
      .where(inArray(courseworkSubmissions.assignmentId, ids))
      .orderBy(
        courseworkSubmissions.assignmentId,
        courseworkSubmissions.enrolmentId,
        courseworkSubmissions.attempt,
        desc(courseworkSubmissions.version),
      ),
    db.select({ assignmentId: courseworkSamples.assignmentId }).from(courseworkSamples).where(inArray(courseworkSamples.assignmentId, ids)),
    db.select().from(courseworkSampleMembers).where(inArray(courseworkSampleMembers.assignmentId, ids)),
    db
      .select({ assignmentId: courseworkBoardDecisions.assignmentId })
      .from(courseworkBoardDecisions)
      .where(inArray(courseworkBoardDecisions.assignmentId, ids)),
    db
      .select({ assignmentId: courseworkExaminerComments.assignmentId, comment: courseworkExaminerComments.comment, at: courseworkExaminerComments.commentedAt, name: users.name })
      .from(courseworkExaminerComments)
      .innerJoin(users, eq(users.id, courseworkExaminerComments.examinerId))
      .where(inArray(courseworkExaminerComments.assignmentId, ids))
      .orderBy(asc(courseworkExaminerComments.commentedAt)),
  ]);
  const marks = await recordedMarks(
    db,
    submissions.map((s) => s.id),
  );
  const programme = findProgramme(scope.programmeSlug);
  const { scheme } = rulesOf(programme?.award);
  return assignments.map(({ assignment, cohortName }) => {
    const released = decisions.some((d) => d.assignmentId === assignment.id);
    const drawn = samples.some((s) => s.assignmentId === assignment.id);
    const candidates = submissions
      .filter((s) => s.assignmentId === assignment.id)
      .map((s) => {
        const recorded = marks.get(s.id) ?? [];
        const member = members.find((m) => m.submissionId === s.id);
        const board = markForBoard(recorded, { drawn, inSample: !!member }, scheme);
        return {
          id: s.id,
          // Names only once the board has released the marks.
          candidate: released ? `${s.name} (${s.candidateNumber ?? "no number"})` : (s.candidateNumber ?? "No number yet"),
          attempt: s.attempt,
          version: s.version,
          late: s.late,
          inSample: member ? member.reasons : null,
          forBoard: board.state === "ready" ? `${board.mark} (${MARK_BASIS_WORDS[board.basis]})` : null,
          marks: recorded.map((m) => ({
            who: `${STAGE_WORDS[m.stage]} (${m.markerName})`,
            what: KIND_WORDS[m.kind],
            mark: m.mark,
            feedback: m.feedback,
            criteria: m.criteria,
            at: m.markedAt,
          })),
        };
      })
      .sort((a, b) => a.candidate.localeCompare(b.candidate));
    return {
      id: assignment.id,
      moduleTitle: (programme && findModule(programme, assignment.moduleSlug)?.title) ?? assignment.moduleSlug,
      cohortName,
      deadline: assignment.deadline,
      released,
      sampleDrawn: drawn,
      candidates,
      comments: comments.filter((c) => c.assignmentId === assignment.id),
    };
  });
}

/** The examiner records a comment on one of their programme's assignments. */
export async function addExaminerComment(
  actor: OrganisationActor,
  scope: ExaminerScope,
  assignmentId: string,
  comment: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!isUuid(assignmentId)) return { ok: false, message: "We could not find that assignment" };
  const db = await getDb();
  const [assignment] = await db
    .select({ id: courseworkAssignments.id, moduleSlug: courseworkAssignments.moduleSlug })
    .from(courseworkAssignments)
    .where(
      and(
        eq(courseworkAssignments.id, assignmentId),
        eq(courseworkAssignments.organisationId, scope.organisationId),
        eq(courseworkAssignments.programmeSlug, scope.programmeSlug),
      ),
    );
  if (!assignment) return { ok: false, message: "We could not find that assignment" };
  const programme = findProgramme(scope.programmeSlug);
  await db.transaction(async (tx) => {
    await tx.insert(courseworkExaminerComments).values({ assignmentId, comment, examinerId: actor.userId, examinerRole: actor.role });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.examiner_commented",
        subjectType: "coursework_assignment",
        subjectId: assignmentId,
        detail: { module: (programme && findModule(programme, assignment.moduleSlug)?.title) ?? assignment.moduleSlug },
      },
      tx,
    );
  });
  return { ok: true };
}
