/**
 * Reads and writes of assessment against criteria (ADR 024). Every decision is an append-only row
 * naming who, in which role, when and the submission's hash; the state is worked out from them by
 * the pure rules in ./criteria. Callers gate first; these functions scope every row to the
 * enrolment or assignment they were asked about, and check again what the rules need.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  assessorAcceptances,
  assessorAppointments,
  certificates,
  criteriaConfirmations,
  criteriaOutcomes,
  criteriaSubmissions,
  criterionDecisions,
  criterionStatements,
  enrolments,
  memberships,
  organisations,
  users,
} from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { actorName, emailNoticesAfterCommit, recordNotices, type NoticeRow } from "~/modules/notices/notices.server";
import {
  assessmentConfirmedNotice,
  assessmentOutcomeNotice,
  assessmentSubmittedNotice,
  assessorAppointedNotice,
  type CandidateParties,
} from "~/modules/notices/notices";
import { listEvidence, readEvidenceFile, versionsAt } from "~/modules/portfolio/portfolio.server";
import { findProgramme, loadManifest } from "~/modules/programmes/catalogue.server";
import type { Programme } from "~/modules/programmes/content-schema";
import { newVerificationCode } from "~/modules/signoff/verification-code.server";
import { englandDay } from "~/utils/england";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import {
  certificateFrameworks,
  CONFIRMATION_DECLARATION,
  CONFLICT_DECLARATION,
  conflictProblem,
  criteriaOf,
  criteriaWithoutEvidence,
  criteriaWithoutStatement,
  isAssessedAgainstCriteria,
  nextStep,
  outcomeProblem,
  submitProblem,
  type Outcome,
} from "./criteria";
import { criteriaSubmissionHash } from "./hash.server";

type Tx = Database;
export type Result<T = object> = ({ ok: true } & T) | { ok: false; message: string; field?: string };

/** The candidate and programme, as the assessment's notices name them. */
async function candidateParties(db: Tx, enrolment: typeof enrolments.$inferSelect): Promise<CandidateParties> {
  const [person] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, enrolment.userId)).limit(1);
  return {
    enrolmentId: enrolment.id,
    organisationId: enrolment.organisationId,
    candidate: person ?? { id: enrolment.userId, name: "The candidate" },
    programmeTitle: findProgramme(enrolment.programmeSlug)?.title ?? enrolment.programmeSlug,
  };
}

/** The latest statement for each criterion of one enrolment. */
async function statementsOf(db: Tx, enrolmentId: string) {
  const rows = await db
    .select({ code: criterionStatements.criterionCode, body: criterionStatements.body, version: criterionStatements.version })
    .from(criterionStatements)
    .where(eq(criterionStatements.enrolmentId, enrolmentId))
    .orderBy(asc(criterionStatements.version));
  const latest = new Map<string, { body: string; version: number }>();
  for (const r of rows) latest.set(r.code, { body: r.body, version: r.version });
  return latest;
}

/** Everything recorded about one candidate's assessment, in a fixed number of statements. */
export async function candidateRecord(enrolmentId: string, tx?: Tx) {
  // Inside a transaction, read through it: the embedded database has one connection.
  const db = tx ?? (await getDb());
  const [statements, submissions, appointment, certificate, lineManager] = await Promise.all([
    statementsOf(db, enrolmentId),
    db
      .select()
      .from(criteriaSubmissions)
      .where(eq(criteriaSubmissions.enrolmentId, enrolmentId))
      .orderBy(asc(criteriaSubmissions.number)),
    currentAppointment(db, enrolmentId),
    db.select().from(certificates).where(eq(certificates.enrolmentId, enrolmentId)).limit(1),
    db
      .select({ name: users.name })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.teamManagerId))
      .where(eq(enrolments.id, enrolmentId))
      .limit(1),
  ]);
  const ids = submissions.map((s) => s.id);
  const [confirmations, decisions, outcomes] = ids.length
    ? await Promise.all([
        db
          .select({ c: criteriaConfirmations, name: users.name })
          .from(criteriaConfirmations)
          .innerJoin(users, eq(users.id, criteriaConfirmations.userId))
          .where(inArray(criteriaConfirmations.submissionId, ids)),
        db
          .select({ d: criterionDecisions, name: users.name })
          .from(criterionDecisions)
          .innerJoin(users, eq(users.id, criterionDecisions.userId))
          .where(inArray(criterionDecisions.submissionId, ids))
          .orderBy(asc(criterionDecisions.at)),
        db
          .select({ o: criteriaOutcomes, name: users.name })
          .from(criteriaOutcomes)
          .innerJoin(users, eq(users.id, criteriaOutcomes.userId))
          .where(inArray(criteriaOutcomes.submissionId, ids)),
      ])
    : [[], [], []];
  const history = submissions.map((s) => ({
    ...s,
    confirmation: confirmations.find((c) => c.c.submissionId === s.id) ?? null,
    decisions: decisions.filter((d) => d.d.submissionId === s.id),
    outcome: outcomes.find((o) => o.o.submissionId === s.id) ?? null,
  }));
  return {
    statements,
    history,
    appointment,
    certificate: certificate[0] ?? null,
    /** The candidate's line manager (the enrolment's team manager), who confirms the practice claims. */
    lineManagerName: lineManager[0]?.name ?? null,
  };
}

export type CandidateRecord = Awaited<ReturnType<typeof candidateRecord>>;

/** The latest appointment of an assessor to the enrolment, with their name and acceptance. */
async function currentAppointment(db: Tx, enrolmentId: string) {
  const [row] = await db
    .select({ appointment: assessorAppointments, assessorName: users.name, acceptedAt: assessorAcceptances.at })
    .from(assessorAppointments)
    .innerJoin(users, eq(users.id, assessorAppointments.assessorId))
    .leftJoin(assessorAcceptances, eq(assessorAcceptances.appointmentId, assessorAppointments.id))
    .where(eq(assessorAppointments.enrolmentId, enrolmentId))
    .orderBy(desc(assessorAppointments.at), desc(assessorAppointments.id))
    .limit(1);
  return row ?? null;
}

/** The candidate's stage and next step, from their record and portfolio. */
export function standingOf(
  programme: Programme,
  record: CandidateRecord,
  evidence: { capabilities: string[] }[],
) {
  const criteria = criteriaOf(programme);
  const latest = record.history.at(-1) ?? null;
  const statements = new Map([...record.statements].map(([k, v]) => [k, v.body]));
  const step = nextStep({
    latest: latest
      ? {
          number: latest.number,
          confirmed: !!latest.confirmation,
          outcome: latest.outcome?.o.outcome ?? null,
          resubmitBy: latest.outcome?.o.resubmitBy ?? null,
        }
      : null,
    assessor: record.appointment
      ? { name: record.appointment.assessorName, accepted: !!record.appointment.acceptedAt }
      : null,
    emptyCriteria: criteriaWithoutEvidence(criteria, evidence),
    unstated: criteriaWithoutStatement(criteria, statements),
    lineManagerName: record.lineManagerName,
  });
  return { ...step, criteria, statements, latest };
}

/** Saves a new version of a criterion's statement (nothing when the text is unchanged). */
export async function saveStatement(enrolmentId: string, actor: AuditActor, code: string, body: string): Promise<Result> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [enrolment] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId)).for("update").limit(1);
    const programme = enrolment && findProgramme(enrolment.programmeSlug);
    if (!enrolment || !programme || !criteriaOf(programme).some((c) => c.code === code))
      return { ok: false as const, message: "That criterion is not one of the programme's.", field: "body" };
    const latest = (await statementsOf(tx, enrolmentId)).get(code);
    if (latest && latest.body === body.trim()) return { ok: true as const };
    const version = (latest?.version ?? 0) + 1;
    await tx.insert(criterionStatements).values({ enrolmentId, criterionCode: code, version, body: body.trim(), writtenById: actor.userId });
    await recordAudit(
      { ...actedBy(actor), action: "assessment.statement_saved", subjectType: "enrolment", subjectId: enrolmentId, detail: { criterion: code, version } },
      tx,
    );
    return { ok: true as const };
  });
}

/**
 * Submits the portfolio: every criterion's evidence at its exact version, and every statement, with
 * a hash over both. Refused, naming the criteria, while any criterion has no evidence or statement.
 */
export async function submitForAssessment(enrolmentId: string, actor: AuditActor): Promise<Result<{ number: number }>> {
  const db = await getDb();
  const evidence = await listEvidence(enrolmentId);
  let told: NoticeRow[] = [];
  const done = await db.transaction(async (tx) => {
    // One submission at a time: a double click waits here, then finds the first already made.
    const [enrolment] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId)).for("update").limit(1);
    const programme = enrolment && findProgramme(enrolment.programmeSlug);
    if (!enrolment || !programme || !isAssessedAgainstCriteria(programme))
      return { ok: false as const, message: "This programme is not assessed against criteria." };
    const record = await candidateRecord(enrolmentId, tx);
    const standing = standingOf(programme, record, evidence);
    const problem = submitProblem({ criteria: standing.criteria, evidence, statements: standing.statements, stage: standing.stage });
    if (problem) return { ok: false as const, message: problem };
    const codes = standing.criteria.map((c) => c.code);
    const mapped = evidence.filter((e) => e.capabilities.some((c) => codes.includes(c)));
    const versions = mapped.length
      ? await tx
          .select({ itemId: sql<string>`v.item_id`, version: sql<number>`v.version`, hash: sql<string>`v.content_hash` })
          .from(sql`evidence_versions v`)
          .where(sql`(v.item_id, v.version) in (${sql.join(mapped.map((e) => sql`(${e.id}::uuid, ${e.version}::int)`), sql`, `)})`)
      : [];
    const items = mapped.map((e) => ({
      itemId: e.id,
      version: e.version,
      contentHash: versions.find((v) => v.itemId === e.id)!.hash,
      title: e.title,
      kind: e.kind,
      criteria: e.capabilities.filter((c) => codes.includes(c)),
    }));
    const statements = codes.map((code) => ({ code, body: standing.statements.get(code) ?? "" }));
    const contentHash = criteriaSubmissionHash(codes, items, statements);
    const number = (record.history.at(-1)?.number ?? 0) + 1;
    const [row] = await tx
      .insert(criteriaSubmissions)
      .values({ enrolmentId, number, criteria: codes, items, statements, contentHash, submittedById: actor.userId })
      .returning({ id: criteriaSubmissions.id });
    await recordAudit(
      { ...actedBy(actor), action: "assessment.submitted", subjectType: "criteria_submission", subjectId: row!.id, detail: { enrolment: enrolmentId, number, contentHash, items: items.length } },
      tx,
    );
    // The line manager confirms next: they are told (a candidate without one is told so on their page).
    if (enrolment.teamManagerId)
      told = await recordNotices(tx, [assessmentSubmittedNotice(await candidateParties(tx, enrolment), { id: row!.id, number }, enrolment.teamManagerId)]);
    return { ok: true as const, number };
  });
  await emailNoticesAfterCommit(told);
  return done;
}

/** The line manager's signed confirmation of one submission's practice claims, bound to its hash. */
export async function confirmSubmission(
  enrolmentId: string,
  submissionId: string,
  hashSeen: string,
  actor: AuditActor,
  comments: string,
): Promise<Result> {
  if (!isUuid(submissionId)) return { ok: false, message: "We could not find that submission." };
  const db = await getDb();
  let told: NoticeRow[] = [];
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ s: criteriaSubmissions, enrolment: enrolments })
      .from(criteriaSubmissions)
      .innerJoin(enrolments, eq(enrolments.id, criteriaSubmissions.enrolmentId))
      .where(and(eq(criteriaSubmissions.id, submissionId), eq(criteriaSubmissions.enrolmentId, enrolmentId)))
      .limit(1);
    if (!row) return { ok: false as const, message: "We could not find that submission." };
    if (row.enrolment.teamManagerId !== actor.userId)
      return { ok: false as const, message: "The candidate's line manager confirms their practice claims, and you are not their line manager." };
    if (row.s.contentHash !== hashSeen)
      return { ok: false as const, message: "The submission is not the one you read. Reload the page and read it again." };
    const latest = await tx
      .select({ number: criteriaSubmissions.number })
      .from(criteriaSubmissions)
      .where(eq(criteriaSubmissions.enrolmentId, enrolmentId))
      .orderBy(desc(criteriaSubmissions.number))
      .limit(1);
    if (latest[0]?.number !== row.s.number)
      return { ok: false as const, message: "The candidate has submitted a newer version: confirm that one." };
    const inserted = await tx
      .insert(criteriaConfirmations)
      .values({ submissionId, submissionHash: row.s.contentHash, userId: actor.userId, role: "team_manager", comments: comments.trim() })
      .onConflictDoNothing()
      .returning({ id: criteriaConfirmations.id });
    if (inserted.length)
      await recordAudit(
        {
          ...actedBy(actor),
          action: "assessment.confirmed",
          subjectType: "criteria_submission",
          subjectId: submissionId,
          detail: { enrolment: enrolmentId, number: row.s.number, contentHash: row.s.contentHash, declaration: CONFIRMATION_DECLARATION },
        },
        tx,
      );
    // The assessor decides next: the one appointed last is told (until one is, the lead sees it on Candidates).
    const [assessor] = await tx
      .select({ assessorId: assessorAppointments.assessorId })
      .from(assessorAppointments)
      .where(eq(assessorAppointments.enrolmentId, enrolmentId))
      .orderBy(desc(assessorAppointments.at), desc(assessorAppointments.id))
      .limit(1);
    if (inserted.length && assessor)
      told = await recordNotices(tx, [
        assessmentConfirmedNotice(await candidateParties(tx, row.enrolment), { id: submissionId, number: row.s.number }, assessor.assessorId),
      ]);
    return { ok: true as const };
  });
  await emailNoticesAfterCommit(told);
  return done;
}

/** Candidates on programmes assessed against criteria in one organisation, with where each stands. */
export async function candidatesOf(organisationId: string) {
  const db = await getDb();
  const slugs = loadManifest()
    .programmes.filter(isAssessedAgainstCriteria)
    .map((p) => p.slug);
  if (!slugs.length) return [];
  const lineManager = sql<string | null>`(select name from users where users.id = ${enrolments.teamManagerId})`;
  const rows = await db
    .select({ enrolment: enrolments, name: users.name, lineManagerName: lineManager })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.organisationId, organisationId), inArray(enrolments.programmeSlug, slugs), eq(enrolments.status, "active")))
    .orderBy(asc(users.name));
  const ids = rows.map((r) => r.enrolment.id);
  if (!ids.length) return [];
  const [submissions, appointments] = await Promise.all([
    // Written out with the table's name: drizzle leaves the columns of a one-table select unqualified,
    // and inside these subqueries a bare "id" would be the confirmation's or outcome's own.
    db
      .select({
        enrolmentId: criteriaSubmissions.enrolmentId,
        number: criteriaSubmissions.number,
        confirmed: sql<boolean>`exists (select 1 from criteria_confirmations c where c.submission_id = criteria_submissions.id)`,
        outcome: sql<Outcome | null>`(select o.outcome::text from criteria_outcomes o where o.submission_id = criteria_submissions.id)`,
        resubmitBy: sql<string | null>`(select o.resubmit_by::text from criteria_outcomes o where o.submission_id = criteria_submissions.id)`,
      })
      .from(criteriaSubmissions)
      .where(inArray(criteriaSubmissions.enrolmentId, ids))
      .orderBy(asc(criteriaSubmissions.number)),
    db
      .select({ enrolmentId: assessorAppointments.enrolmentId, name: users.name, accepted: sql<boolean>`${assessorAcceptances.id} is not null` })
      .from(assessorAppointments)
      .innerJoin(users, eq(users.id, assessorAppointments.assessorId))
      .leftJoin(assessorAcceptances, eq(assessorAcceptances.appointmentId, assessorAppointments.id))
      .where(inArray(assessorAppointments.enrolmentId, ids))
      .orderBy(asc(assessorAppointments.at), asc(assessorAppointments.id)),
  ]);
  return rows.map((r) => {
    const latest = submissions.filter((s) => s.enrolmentId === r.enrolment.id).at(-1) ?? null;
    const assessor = appointments.filter((a) => a.enrolmentId === r.enrolment.id).at(-1) ?? null;
    const step = nextStep({
      latest: latest && { number: latest.number, confirmed: latest.confirmed, outcome: latest.outcome, resubmitBy: latest.resubmitBy },
      assessor: assessor && { name: assessor.name, accepted: assessor.accepted },
      emptyCriteria: [],
      unstated: [],
      lineManagerName: r.lineManagerName,
    });
    return {
      enrolmentId: r.enrolment.id,
      name: r.name,
      programmeTitle: findProgramme(r.enrolment.programmeSlug)?.title ?? r.enrolment.programmeSlug,
      stage: step.stage,
      submissions: latest?.number ?? 0,
      assessor,
    };
  });
}

/** The organisation's independent assessors, by membership, for the lead's choice. */
export async function independentAssessorsOf(organisationId: string) {
  const db = await getDb();
  return db
    .select({ membershipId: memberships.id, userId: users.id, name: users.name, team: memberships.team })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "independent_assessor"), eq(memberships.active, true)))
    .orderBy(asc(users.name));
}

/**
 * The programme lead appoints an independent assessor to a candidate of their organisation. Refused,
 * with the reason, for the candidate themselves, their supervisor, their line manager, anyone in their
 * team, and anyone not holding the role there; the database refuses the first three too.
 */
export async function appointAssessor(
  enrolmentId: string,
  assessorMembershipId: string,
  actor: AuditActor & { organisationId: string },
): Promise<Result> {
  if (!isUuid(enrolmentId) || !isUuid(assessorMembershipId)) return { ok: false, message: "Choose an assessor from the list.", field: "assessor" };
  const db = await getDb();
  let told: NoticeRow[] = [];
  const done = await db.transaction(async (tx) => {
    const [enrolment] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.organisationId, actor.organisationId)))
      .for("update")
      .limit(1);
    const programme = enrolment && findProgramme(enrolment.programmeSlug);
    if (!enrolment || !programme || !isAssessedAgainstCriteria(programme))
      return { ok: false as const, message: "We could not find that candidate." };
    const [chosen] = await tx
      .select({ m: memberships, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, assessorMembershipId), eq(memberships.organisationId, actor.organisationId), eq(memberships.active, true)))
      .limit(1);
    if (!chosen) return { ok: false as const, message: "Choose an assessor from the list.", field: "assessor" };
    const candidateMemberships = await tx
      .select({ team: memberships.team, supervisorId: memberships.supervisorId })
      .from(memberships)
      .where(and(eq(memberships.userId, enrolment.userId), eq(memberships.organisationId, actor.organisationId)));
    const problem = conflictProblem({
      candidate: {
        userId: enrolment.userId,
        team: candidateMemberships.find((m) => m.team)?.team ?? null,
        supervisorIds: [enrolment.supervisorId, ...candidateMemberships.map((m) => m.supervisorId)],
        lineManagerId: enrolment.teamManagerId,
      },
      assessor: { userId: chosen.m.userId, name: chosen.name, team: chosen.m.team, role: chosen.m.role },
    });
    if (problem) return { ok: false as const, message: problem, field: "assessor" };
    const [row] = await tx
      .insert(assessorAppointments)
      .values({ enrolmentId, assessorId: chosen.m.userId, appointedById: actor.userId, appointedRole: actor.role })
      .returning({ id: assessorAppointments.id });
    await recordAudit(
      { ...actedBy(actor), action: "assessment.assessor_appointed", subjectType: "enrolment", subjectId: enrolmentId, detail: { assessor: chosen.name, appointment: row!.id } },
      tx,
    );
    told = await recordNotices(tx, [assessorAppointedNotice(await candidateParties(tx, enrolment), { id: row!.id, assessorId: chosen.m.userId })]);
    return { ok: true as const };
  });
  await emailNoticesAfterCommit(told);
  return done;
}

/** The candidates whose latest appointment names this assessor in this organisation (their queue). */
export async function assessorQueue(userId: string, organisationId: string) {
  const db = await getDb();
  const rows = await db
    .select({
      appointmentId: assessorAppointments.id,
      enrolmentId: enrolments.id,
      programmeSlug: enrolments.programmeSlug,
      candidateName: users.name,
      acceptedAt: assessorAcceptances.at,
      latest: sql<{ id: string; number: number; confirmed: boolean; outcome: Outcome | null } | null>`(
        select json_build_object('id', s.id, 'number', s.number,
          'confirmed', exists (select 1 from criteria_confirmations c where c.submission_id = s.id),
          'outcome', (select o.outcome from criteria_outcomes o where o.submission_id = s.id))
        from criteria_submissions s where s.enrolment_id = ${enrolments.id} order by s.number desc limit 1)`,
    })
    .from(assessorAppointments)
    .innerJoin(enrolments, eq(enrolments.id, assessorAppointments.enrolmentId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(assessorAcceptances, eq(assessorAcceptances.appointmentId, assessorAppointments.id))
    .where(
      and(
        eq(assessorAppointments.assessorId, userId),
        eq(enrolments.organisationId, organisationId),
        eq(enrolments.status, "active"),
        // Only the appointment that stands: a later one to someone else ends this one.
        sql`${assessorAppointments.id} = (select a.id from assessor_appointments a where a.enrolment_id = ${enrolments.id} order by a.at desc, a.id desc limit 1)`,
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, programmeTitle: findProgramme(r.programmeSlug)?.title ?? r.programmeSlug }));
}

/** The assessor accepts their appointment, declaring freedom from conflict of interest (recorded). */
export async function acceptAppointment(appointmentId: string, actor: AuditActor & { organisationId: string }): Promise<Result> {
  if (!isUuid(appointmentId)) return { ok: false, message: "We could not find that appointment." };
  const queue = await assessorQueue(actor.userId, actor.organisationId);
  const mine = queue.find((q) => q.appointmentId === appointmentId);
  if (!mine) return { ok: false, message: "We could not find that appointment." };
  const db = await getDb();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(assessorAcceptances)
      .values({ appointmentId, userId: actor.userId, role: actor.role, declaration: CONFLICT_DECLARATION })
      .onConflictDoNothing()
      .returning({ id: assessorAcceptances.id });
    if (inserted.length)
      await recordAudit(
        { ...actedBy(actor), action: "assessment.assessor_accepted", subjectType: "enrolment", subjectId: mine.enrolmentId, detail: { appointment: appointmentId, declaration: CONFLICT_DECLARATION } },
        tx,
      );
  });
  return { ok: true };
}

/**
 * A submission as its assessor may read it: only the latest appointment's assessor, once accepted,
 * in the candidate's organisation, and only once the line manager has confirmed it. Null otherwise.
 */
export async function submissionForAssessor(submissionId: string | undefined, userId: string, organisationId: string) {
  if (!isUuid(submissionId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ s: criteriaSubmissions, enrolment: enrolments, candidateName: users.name })
    .from(criteriaSubmissions)
    .innerJoin(enrolments, eq(enrolments.id, criteriaSubmissions.enrolmentId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(criteriaSubmissions.id, submissionId), eq(enrolments.organisationId, organisationId)))
    .limit(1);
  if (!row) return null;
  const appointment = await currentAppointment(db, row.enrolment.id);
  if (!appointment || appointment.appointment.assessorId !== userId || !appointment.acceptedAt) return null;
  const record = await candidateRecord(row.enrolment.id);
  const submission = record.history.find((h) => h.id === row.s.id)!;
  if (!submission.confirmation) return null;
  const programme = findProgramme(row.enrolment.programmeSlug)!;
  return { submission, enrolment: row.enrolment, candidateName: row.candidateName, programme, isLatest: record.history.at(-1)!.id === row.s.id, previous: record.history.filter((h) => h.number < row.s.number) };
}

/**
 * A file of the evidence as submitted, for the submission's assessor: only a file the submitted
 * version of that item carried (a file added to a later version is not part of what they assess).
 */
export async function submittedEvidenceFile(
  found: NonNullable<Awaited<ReturnType<typeof submissionForAssessor>>>,
  itemId: string | undefined,
  fileId: string | undefined,
) {
  const item = found.submission.items.find((i) => i.itemId === itemId);
  if (!item || !isUuid(fileId)) return null;
  const [submitted] = await versionsAt(found.enrolment.id, [{ itemId: item.itemId, version: item.version }]);
  if (!submitted?.version.fileIds.includes(fileId)) return null;
  return readEvidenceFile(found.enrolment.id, item.itemId, fileId);
}

/** Met or not yet met, with feedback, for one criterion of a submission the assessor may read. */
export async function recordCriterionDecision(
  submissionId: string,
  actor: AuditActor & { organisationId: string },
  input: { code: string; met: boolean; feedback: string },
): Promise<Result> {
  const found = await submissionForAssessor(submissionId, actor.userId, actor.organisationId);
  if (!found) return { ok: false, message: "We could not find that submission." };
  if (!found.isLatest || found.submission.outcome) return { ok: false, message: "This submission has been decided: decisions are kept as they were made." };
  if (!found.submission.criteria.includes(input.code)) return { ok: false, message: "That criterion is not in this submission.", field: "code" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(criterionDecisions)
      .values({ submissionId, submissionHash: found.submission.contentHash, criterionCode: input.code, met: input.met, feedback: input.feedback.trim(), userId: actor.userId, role: actor.role })
      .onConflictDoNothing()
      .returning({ id: criterionDecisions.id });
    if (!inserted.length) return { ok: false as const, message: `${input.code} is already decided for this submission: decisions are kept as they were made.` };
    await recordAudit(
      { ...actedBy(actor), action: "assessment.criterion_decided", subjectType: "criteria_submission", subjectId: submissionId, detail: { enrolment: found.enrolment.id, criterion: input.code, met: input.met, contentHash: found.submission.contentHash } },
      tx,
    );
    return { ok: true as const };
  });
}

/**
 * The assessor's overall outcome; achieved issues the certificate in the same transaction. Refused,
 * with the reason, when the outcome's rules are not met (./criteria `outcomeProblem`).
 */
export async function recordOutcome(
  submissionId: string,
  actor: AuditActor & { organisationId: string },
  input: { outcome: Outcome; developmentPlan: string; resubmitBy: string | null },
): Promise<Result<{ certificateCode: string | null }>> {
  const found = await submissionForAssessor(submissionId, actor.userId, actor.organisationId);
  if (!found) return { ok: false, message: "We could not find that submission." };
  if (!found.isLatest || found.submission.outcome) return { ok: false, message: "This submission already has its outcome." };
  const criteria = found.submission.criteria.map((code) => ({ code }));
  const problem = outcomeProblem({
    ...input,
    criteria,
    decisions: found.submission.decisions.map((d) => ({ code: d.d.criterionCode, met: d.d.met })),
    today: englandDay(),
  });
  if (problem) return { ok: false, ...problem };
  const db = await getDb();
  let told: NoticeRow[] = [];
  const done = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(criteriaOutcomes)
      .values({
        submissionId,
        submissionHash: found.submission.contentHash,
        outcome: input.outcome,
        developmentPlan: input.developmentPlan.trim(),
        resubmitBy: input.outcome === "not_yet_achieved" ? input.resubmitBy : null,
        userId: actor.userId,
        role: actor.role,
      })
      .onConflictDoNothing()
      .returning({ id: criteriaOutcomes.id });
    if (!inserted.length) return { ok: false as const, message: "This submission already has its outcome." };
    await recordAudit(
      { ...actedBy(actor), action: "assessment.outcome_recorded", subjectType: "criteria_submission", subjectId: submissionId, detail: { enrolment: found.enrolment.id, outcome: input.outcome, contentHash: found.submission.contentHash } },
      tx,
    );
    const certificateCode = input.outcome === "achieved" ? await issueCertificate(tx, found.enrolment.id, found.programme, actor) : null;
    told = await recordNotices(tx, [
      assessmentOutcomeNotice(
        await candidateParties(tx, found.enrolment),
        { id: submissionId, number: found.submission.number },
        { outcome: input.outcome, resubmitBy: input.outcome === "not_yet_achieved" ? input.resubmitBy : null },
        await actorName(tx, actor.userId, "Your independent assessor"),
      ),
    ]);
    return { ok: true as const, certificateCode };
  });
  await emailNoticesAfterCommit(told);
  return done;
}

async function issueCertificate(tx: Tx, enrolmentId: string, programme: Programme, actor: AuditActor) {
  const [row] = await tx
    .select({ enrolment: enrolments, learnerName: users.name, organisationName: organisations.name })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(organisations, eq(organisations.id, enrolments.organisationId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  const today = englandDay();
  const frameworks = certificateFrameworks(programme, loadManifest().frameworks);
  const code = newVerificationCode();
  const [cert] = await tx
    .insert(certificates)
    .values({
      code,
      enrolmentId,
      learnerName: row!.learnerName,
      organisationName: row!.organisationName,
      programmeTitle: programme.title,
      frameworks,
      startedOn: row!.enrolment.startedOn,
      completedOn: today,
      decidedOn: today,
      decidedBy: "independent_assessor",
      awardNote: programme.awardNote ?? null,
    })
    .onConflictDoNothing()
    .returning({ code: certificates.code });
  if (cert)
    await recordAudit(
      { ...actedBy(actor), action: "certificate.issued", subjectType: "enrolment", subjectId: enrolmentId, detail: { code: cert.code, programme: programme.slug } },
      tx,
    );
  return cert?.code ?? null;
}

/**
 * A person's outcomes and certificates on programmes assessed against criteria, across every
 * organisation: what a career record reads (it belongs to the person, so it is asked by user).
 */
export async function assessmentAwardsFor(userId: string) {
  const db = await getDb();
  const rows = await db
    .select({
      enrolmentId: enrolments.id,
      programmeSlug: enrolments.programmeSlug,
      organisationName: organisations.name,
      startedOn: enrolments.startedOn,
      outcomes: sql<{ number: number; outcome: Outcome; at: string; submissionHash: string }[]>`coalesce((
        select json_agg(json_build_object('number', s.number, 'outcome', o.outcome, 'at', o.at, 'submissionHash', o.submission_hash) order by s.number)
        from criteria_submissions s join criteria_outcomes o on o.submission_id = s.id where s.enrolment_id = ${enrolments.id}), '[]'::json)`,
      certificateCode: certificates.code,
      certificateIssuedAt: certificates.issuedAt,
    })
    .from(enrolments)
    .leftJoin(organisations, eq(organisations.id, enrolments.organisationId))
    .leftJoin(certificates, eq(certificates.enrolmentId, enrolments.id))
    .where(eq(enrolments.userId, userId));
  return rows
    .filter((r) => {
      const p = findProgramme(r.programmeSlug);
      return p && isAssessedAgainstCriteria(p);
    })
    .map((r) => ({ ...r, programmeTitle: findProgramme(r.programmeSlug)!.title }));
}

/**
 * The candidates whose line manager this person is, in the organisation they act in, on programmes
 * assessed against criteria, each with whether their latest submission waits for the confirmation.
 */
export async function candidatesManagedBy(userId: string, organisationId: string) {
  const db = await getDb();
  const slugs = loadManifest()
    .programmes.filter(isAssessedAgainstCriteria)
    .map((p) => p.slug);
  if (!slugs.length) return [];
  const rows = await db
    .select({
      enrolmentId: enrolments.id,
      programmeSlug: enrolments.programmeSlug,
      name: users.name,
      toConfirm: sql<number | null>`(select s.number from criteria_submissions s
        where s.enrolment_id = ${enrolments.id}
          and not exists (select 1 from criteria_confirmations c where c.submission_id = s.id)
          and not exists (select 1 from criteria_outcomes o where o.submission_id = s.id)
        order by s.number desc limit 1)`,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(
      and(
        eq(enrolments.teamManagerId, userId),
        eq(enrolments.organisationId, organisationId),
        inArray(enrolments.programmeSlug, slugs),
        eq(enrolments.status, "active"),
      ),
    )
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, programmeTitle: findProgramme(r.programmeSlug)?.title ?? r.programmeSlug }));
}
