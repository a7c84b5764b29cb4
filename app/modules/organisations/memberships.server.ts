import { alias } from "drizzle-orm/pg-core";
import { and, asc, eq, getTableColumns, isNull, sql, type AnyColumn, type Placeholder, type SQL } from "drizzle-orm";
import { deskRevisions, enrolments, invitations, lessonProgress, memberships, organisations, users, yearRevisions } from "#db/schema";
import type { Database } from "#db/client";
import { programmeLessonKeys } from "~/modules/programmes/catalogue.server";
import { constantTextArray, getDb, preparedStatement } from "~/utils/db.server";
import type { Role } from "./roles";

export type MembershipWithOrganisation = typeof memberships.$inferSelect & {
  organisation: typeof organisations.$inferSelect;
};

/**
 * A user's memberships as every page sees them: the active ones, by organisation name, then role.
 * The session lookup (auth/session.server.ts) joins them with the same condition and order.
 */
export const activeMembershipsOf = (userId: string | AnyColumn) =>
  and(eq(memberships.userId, userId), eq(memberships.active, true));
export const membershipOrder = [asc(organisations.name), asc(memberships.role)] as const;
/**
 * The organisation a membership is in, as long as it has not been deactivated: a deactivated
 * organisation's members can no longer work in it, though everything it holds is kept.
 */
export const liveOrganisationOf = (organisationId: AnyColumn) =>
  and(eq(organisations.id, organisationId), isNull(organisations.deactivatedAt));

/** Reads inside the caller's transaction when one is given (so a membership it just wrote is seen). */
export async function listMembershipsForUser(userId: string, tx?: Database): Promise<MembershipWithOrganisation[]> {
  const db = tx ?? (await getDb());
  const rows = await db
    .select({ membership: memberships, organisation: organisations })
    .from(memberships)
    .innerJoin(organisations, liveOrganisationOf(memberships.organisationId))
    .where(activeMembershipsOf(userId))
    .orderBy(...membershipOrder);
  return rows.map((r) => ({ ...r.membership, organisation: r.organisation }));
}

const supervisor = alias(users, "supervisor");

const personColumns = {
  membershipId: memberships.id,
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  jobTitle: memberships.jobTitle,
  team: memberships.team,
  stage: memberships.stage,
  startedOn: memberships.startedOn,
  supervisorId: memberships.supervisorId,
  supervisorName: supervisor.name,
  /** A partner's agency (ADR 026). */
  agency: memberships.agency,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
};

export type Person = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  jobTitle: string | null;
  team: string | null;
  stage: (typeof memberships.$inferSelect)["stage"];
  startedOn: string | null;
  supervisorId: string | null;
  supervisorName: string | null;
  agency: string | null;
  hasPassword: boolean;
};

/** Memberships with the person and their supervisor's name; callers add the filter. */
function selectPeople(db: Database, where: SQL | undefined) {
  return db
    .select(personColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(supervisor, eq(supervisor.id, memberships.supervisorId))
    .where(where)
    .$dynamic();
}

/** Everyone in one organisation, for its programme lead. */
export async function listPeople(organisationId: string): Promise<Person[]> {
  const query = selectPeople(
    await getDb(),
    and(eq(memberships.organisationId, organisationId), eq(memberships.active, true)),
  );
  return query.orderBy(asc(memberships.role), asc(users.name));
}

/** The people holding one role in an organisation (its team managers, its supervisors), by name. */
export async function listInRole(organisationId: string, role: Role) {
  const db = await getDb();
  return db
    .select({ userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organisationId, organisationId), eq(memberships.role, role), eq(memberships.active, true)),
    )
    .orderBy(asc(users.name));
}

/** Who a supervisor supervises in an organisation: its active learner memberships naming them. */
const superviseesOf = (organisationId: string | Placeholder, supervisorId: string | Placeholder) =>
  and(
    eq(memberships.organisationId, organisationId),
    eq(memberships.supervisorId, supervisorId),
    eq(memberships.role, "learner"),
    eq(memberships.active, true),
  );

/** Longest-serving first, as the desk lists them. */
const superviseeOrder = [asc(memberships.startedOn), asc(users.name), asc(memberships.id)] as const;

/** The learners a supervisor supervises in one organisation, longest-serving first. */
export async function listSupervisees(organisationId: string, supervisorId: string): Promise<Person[]> {
  const query = selectPeople(await getDb(), superviseesOf(organisationId, supervisorId));
  return query.orderBy(...superviseeOrder);
}

export interface SuperviseesWithYears {
  supervisees: Person[];
  /** Their active enrolments through the organisation, each with its year's revision. */
  enrolments: (typeof enrolments.$inferSelect & { revision: number })[];
  /** How many of its programme's lessons each enrolment has completed, by enrolment. */
  completed: Map<string, number>;
  /** What deskRevision answers while none of this has changed; null when the desk is empty. */
  deskRevision: string | null;
}

/** A new statement for each catalogue a process loads (tests load several), since its lesson keys are written into it. */
const statementVersions = new WeakMap<readonly string[], number>();
let statementsMade = 0;
function statementVersionOf(lessonKeys: readonly string[]) {
  let version = statementVersions.get(lessonKeys);
  if (version === undefined) statementVersions.set(lessonKeys, (version = statementsMade++));
  return version;
}

/**
 * The supervisees' rows as the desk reads them, for one organisation's supervisor (placeholders
 * organisationId and supervisorId): each learner with their active enrolments through it, the
 * year's revision (for the summaries kept against it), the lessons completed on each, and the
 * desk's revision as this same statement saw it, so the desk made from them is kept against it.
 */
function superviseeRows(db: Database, lessonKeys: readonly string[]) {
  const person = personColumns;
  const enrolment = getTableColumns(enrolments);
  const revision = sql<number>`coalesce(${yearRevisions.revision}, 0)::int`;
  // Counted here, of the lessons the programme still has, rather than sent as lists of keys.
  const completed = sql<number>`(select count(*) from ${lessonProgress} where ${lessonProgress.enrolmentId} = ${enrolments.id} and ${lessonProgress.completedAt} is not null and ${enrolments.programmeSlug} || ':' || ${lessonProgress.moduleSlug} || '/' || ${lessonProgress.lessonSlug} = any(${constantTextArray(lessonKeys)}))::int`;
  return db
    .select({
      person,
      enrolment,
      revision,
      completed: completed.as("completed"),
      deskRevision: sql<string>`coalesce(${deskRevisions.revision}, 0)::text`.as("desk_revision"),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(supervisor, eq(supervisor.id, memberships.supervisorId))
    .leftJoin(
      enrolments,
      and(
        eq(enrolments.userId, memberships.userId),
        eq(enrolments.organisationId, memberships.organisationId),
        eq(enrolments.status, "active"),
      ),
    )
    .leftJoin(yearRevisions, eq(yearRevisions.enrolmentId, enrolments.id))
    .leftJoin(
      deskRevisions,
      and(
        eq(deskRevisions.organisationId, memberships.organisationId),
        eq(deskRevisions.supervisorId, memberships.supervisorId),
      ),
    )
    .where(superviseesOf(sql.placeholder("organisationId"), sql.placeholder("supervisorId")))
    .orderBy(...superviseeOrder, asc(enrolments.startedOn));
}

/**
 * What the supervisor's desk reads, in one statement: the learners a supervisor supervises in an
 * organisation, each with their active enrolments through it (with the year's revision, for the
 * summaries kept against it) and the lessons completed on each.
 */
export async function listSuperviseesWithYears(
  organisationId: string,
  supervisorId: string,
): Promise<SuperviseesWithYears> {
  const lessonKeys = programmeLessonKeys();
  const query = await preparedStatement(`supervisees_with_years_${statementVersionOf(lessonKeys)}`, (db) =>
    superviseeRows(db, lessonKeys).prepare("supervisees_with_years"),
  );
  const rows = await query.execute({ organisationId, supervisorId });
  const people = new Map<string, Person>();
  const years: SuperviseesWithYears["enrolments"] = [];
  const completed = new Map<string, number>();
  for (const row of rows) {
    if (!people.has(row.person.membershipId)) people.set(row.person.membershipId, row.person as Person);
    if (row.enrolment) {
      years.push({ ...row.enrolment, revision: row.revision });
      completed.set(row.enrolment.id, row.completed);
    }
  }
  return { supervisees: [...people.values()], enrolments: years, completed, deskRevision: rows[0]?.deskRevision ?? null };
}

/**
 * The revision of the supervisor's desk in the organisation: moved by the database's triggers
 * (migration 0046) whenever anything listSuperviseesWithYears would answer changes (a person, an
 * enrolment, a year's revision, a lesson completed). One row read by its key, for the desk kept
 * against what it was made from.
 */
export async function deskRevision(organisationId: string, supervisorId: string): Promise<string> {
  const query = await preparedStatement("desk_revision", (db) =>
    db
      .select({ revision: sql<string>`${deskRevisions.revision}::text` })
      .from(deskRevisions)
      .where(
        and(
          eq(deskRevisions.organisationId, sql.placeholder("organisationId")),
          eq(deskRevisions.supervisorId, sql.placeholder("supervisorId")),
        ),
      )
      .prepare("desk_revision"),
  );
  const [row] = await query.execute({ organisationId, supervisorId });
  return row?.revision ?? "0";
}

/** One learner membership with its person, only if it belongs to the organisation asked about. */
export async function findLearnerInOrganisation(organisationId: string, membershipId: string): Promise<Person | null> {
  const query = selectPeople(
    await getDb(),

    and(
      eq(memberships.id, membershipId),
      eq(memberships.organisationId, organisationId),
      eq(memberships.role, "learner"),
    ),
  );
  const [row] = await query.limit(1);
  return row ?? null;
}

export async function listPendingInvitations(organisationId: string) {
  const db = await getDb();
  return db
    .select({
      id: invitations.id,
      name: invitations.name,
      email: invitations.email,
      role: invitations.role,
      jobTitle: invitations.jobTitle,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.organisationId, organisationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(asc(invitations.createdAt));
}

/** Returners who signed themselves up and agreed that the recruitment helpline may contact them. */
export async function listConsentingReturners() {
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
    .from(users)
    .where(and(eq(users.accountKind, "returner"), eq(users.helplineContactConsent, true)))
    .orderBy(asc(users.createdAt));
}

/**
 * Every organisation with its learners and staff counted as its own People page counts them
 * (`headcount` of `listPeople`): each person once, however many staff roles they hold.
 */
export async function listOrganisationsWithCounts() {
  const db = await getDb();
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      region: organisations.region,
      deactivatedAt: organisations.deactivatedAt,
      learners: sql<number>`count(distinct ${memberships.userId}) filter (where ${memberships.role} = 'learner')`.mapWith(Number),
      staff: sql<number>`count(distinct ${memberships.userId}) filter (where ${memberships.role} not in ('learner', 'partner'))`.mapWith(Number),
    })
    .from(organisations)
    .leftJoin(memberships, and(eq(memberships.organisationId, organisations.id), eq(memberships.active, true)))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name));
}
