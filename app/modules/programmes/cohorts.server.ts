/** Cohorts and enrolment by a programme lead, always inside the lead's own organisation. */
import { assignCandidateNumbers } from "~/modules/masters/assignments.server";
import { alias } from "drizzle-orm/pg-core";
import { and, asc, count, eq } from "drizzle-orm";
import { cohorts, enrolments, memberships, users } from "#db/schema";
import { actedBy, recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import { findProgramme } from "./catalogue.server";
import { emailNoticesAfterCommit, type NoticeRow, noticeTeamManagerNamed } from "~/modules/notices/notices.server";
import { startsTooEarly } from "./availability";

export interface Actor {
  userId: string;
  role: string;
  organisationId: string;
  ipAddress?: string;
}

export async function listCohorts(organisationId: string) {
  const db = await getDb();
  return db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      programmeSlug: cohorts.programmeSlug,
      startsOn: cohorts.startsOn,
      learners: count(enrolments.id),
    })
    .from(cohorts)
    .leftJoin(enrolments, and(eq(enrolments.cohortId, cohorts.id), eq(enrolments.status, "active")))
    .where(eq(cohorts.organisationId, organisationId))
    .groupBy(cohorts.id)
    .orderBy(asc(cohorts.startsOn), asc(cohorts.name));
}

export async function findCohort(organisationId: string, cohortId: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.id, cohortId), eq(cohorts.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

const supervisor = alias(users, "supervisor");
const teamManager = alias(users, "team_manager");

export async function listCohortEnrolments(cohortId: string) {
  const db = await getDb();
  return db
    .select({
      enrolmentId: enrolments.id,
      userId: users.id,
      name: users.name,
      startedOn: enrolments.startedOn,
      supervisorName: supervisor.name,
      teamManagerName: teamManager.name,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(supervisor, eq(supervisor.id, enrolments.supervisorId))
    .leftJoin(teamManager, eq(teamManager.id, enrolments.teamManagerId))
    .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.status, "active")))
    .orderBy(asc(users.name));
}

export async function createCohort(actor: Actor, input: { programmeSlug: string; name: string; startsOn: string }) {
  const programme = findProgramme(input.programmeSlug);
  if (!programme) return { ok: false as const, field: "programmeSlug", message: "Choose a programme" };
  const tooEarly = startsTooEarly(programme, input.startsOn);
  if (tooEarly) return { ok: false as const, field: "startsOn", message: tooEarly };
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(cohorts)
      .values({
        organisationId: actor.organisationId,
        programmeSlug: input.programmeSlug,
        name: input.name,
        startsOn: input.startsOn,
        createdById: actor.userId,
      })
      .returning();
    await recordAudit(
      {
        ...actedBy(actor),
        action: "cohort.created",
        subjectType: "cohort",
        subjectId: created!.id,
        detail: { programme: input.programmeSlug, name: input.name },
      },
      tx,
    );
    return created!;
  });
  return { ok: true as const, cohort: row };
}

async function activeMembership(
  organisationId: string,
  userId: string,
  role: "learner" | "supervisor" | "team_manager",
) {
  const db = await getDb();
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.userId, userId),
        eq(memberships.role, role),
        eq(memberships.active, true),
      ),
    )
    .limit(1);
  return row ?? null;
}

export type EnrolResult =
  | { ok: true; enrolmentId: string; teamManagerNamed: boolean }
  | { ok: false; field: "learnerId" | "supervisorId" | "teamManagerId" | "startedOn"; message: string };

/**
 * Enrols a learner of the lead's organisation into one of its cohorts, with a supervisor and (now
 * or later, on the year's settings) a team manager from the same organisation. Anyone outside the
 * organisation is refused as if unknown.
 */
export async function enrolLearner(
  actor: Actor,
  cohortId: string,
  input: { learnerId: string; supervisorId: string; teamManagerId?: string | null; startedOn: string },
): Promise<EnrolResult> {
  const cohort = await findCohort(actor.organisationId, cohortId);
  if (!cohort) return { ok: false, field: "learnerId", message: "That cohort is not in your organisation" };
  const programme = findProgramme(cohort.programmeSlug);
  const tooEarly = programme ? startsTooEarly(programme, input.startedOn) : null;
  if (tooEarly) return { ok: false, field: "startedOn", message: tooEarly };
  if (!(await activeMembership(actor.organisationId, input.learnerId, "learner")))
    return { ok: false, field: "learnerId", message: "Choose a learner from your organisation" };
  if (!(await activeMembership(actor.organisationId, input.supervisorId, "supervisor")))
    return { ok: false, field: "supervisorId", message: "Choose a practice supervisor from your organisation" };
  const teamManagerId = input.teamManagerId || null;
  if (teamManagerId && !(await activeMembership(actor.organisationId, teamManagerId, "team_manager")))
    return { ok: false, field: "teamManagerId", message: "Choose a team manager from your organisation" };
  const db = await getDb();
  let told: NoticeRow[] = [];
  const inserted = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(enrolments)
      .values({
        userId: input.learnerId,
        programmeSlug: cohort.programmeSlug,
        organisationId: actor.organisationId,
        cohortId: cohort.id,
        supervisorId: input.supervisorId,
        teamManagerId,
        startedOn: input.startedOn,
        enrolledById: actor.userId,
      })
      // A learner who was withdrawn can be enrolled again; an active enrolment is left alone.
      .onConflictDoUpdate({
        target: [enrolments.userId, enrolments.programmeSlug],
        set: {
          status: "active",
          organisationId: actor.organisationId,
          cohortId: cohort.id,
          supervisorId: input.supervisorId,
          teamManagerId,
          startedOn: input.startedOn,
          enrolledById: actor.userId,
        },
        setWhere: eq(enrolments.status, "withdrawn"),
      })
      .returning({ id: enrolments.id });
    // The supervisor chosen here is the learner's practice supervisor in this organisation,
    // so the supervisor's list of supervisees and the enrolment never disagree.
    if (rows[0]) {
      // A learner on a Masters cohort is known to markers by an anonymous candidate number.
      if (programme?.award) await assignCandidateNumbers(tx, cohort.id);
      await tx
        .update(memberships)
        .set({ supervisorId: input.supervisorId })
        .where(
          and(
            eq(memberships.organisationId, actor.organisationId),
            eq(memberships.userId, input.learnerId),
            eq(memberships.role, "learner"),
          ),
        );
      await recordAudit(
        {
          ...actedBy(actor),
          action: "enrolment.created",
          subjectType: "enrolment",
          subjectId: rows[0].id,
          detail: {
            programme: cohort.programmeSlug,
            learner: input.learnerId,
            supervisor: input.supervisorId,
            teamManager: teamManagerId,
          },
          ipAddress: actor.ipAddress,
        },
        tx,
      );
      if (teamManagerId) told = await noticeTeamManagerNamed(tx, rows[0].id);
    }
    return rows;
  });
  await emailNoticesAfterCommit(told);
  if (!inserted[0]) return { ok: false, field: "learnerId", message: "This learner is already on this programme" };
  return { ok: true, enrolmentId: inserted[0].id, teamManagerNamed: !!teamManagerId };
}
