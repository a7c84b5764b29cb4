import { and, desc, eq, ilike, inArray, like, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "#db/client";
import {
  auditEvents,
  callbackRequests,
  enrolments,
  introductions,
  invitations,
  learningAgreements,
  memberships,
  organisations,
  supervisionSessions,
  users,
} from "#db/schema";
import { getDb, likeContaining } from "~/utils/db.server";
import { prefixesOf, type AuditKind } from "./kinds";

/** Who did something, acting in which role and for which organisation, and from where: built by `actorOf`. */
export interface AuditActor {
  userId: string;
  role: string;
  organisationId: string | null;
  ipAddress?: string;
}

/** An actor working inside their own organisation (a lead, a supervisor, the helpline). */
export type OrganisationActor = AuditActor & { organisationId: string };

export interface AuditEntry {
  actorUserId?: string | null;
  actorRole?: string | null;
  organisationId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
  ipAddress?: string | null;
  /** When it happened, if not now: only the demo world records events of its past. */
  at?: Date;
}

/** Who acted, as the audit trail records it: the one way from an actor (`actorOf`) to an entry. */
export function actedBy(actor: AuditActor): Pick<AuditEntry, "actorUserId" | "actorRole" | "organisationId" | "ipAddress"> {
  return {
    actorUserId: actor.userId,
    actorRole: actor.role,
    organisationId: actor.organisationId,
    ipAddress: actor.ipAddress ?? null,
  };
}

/** Appends to the audit trail, inside the caller's transaction when one is given. */
export async function recordAudit(entry: AuditEntry, tx?: Database) {
  const db = tx ?? (await getDb());
  await db.insert(auditEvents).values({
    actorUserId: entry.actorUserId ?? null,
    actorRole: entry.actorRole ?? null,
    organisationId: entry.organisationId ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail ?? null,
    ipAddress: entry.ipAddress ?? null,
    ...(entry.at ? { at: entry.at } : {}),
  });
}

export async function listAuditForOrganisation(organisationId: string, limit = 50) {
  const db = await getDb();
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorRole: auditEvents.actorRole,
      actorName: users.name,
      subjectType: auditEvents.subjectType,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.organisationId, organisationId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}

/**
 * Everything recorded about one learner's year, newest first: events that name the
 * enrolment, and events about its agreement or supervision sessions (by subject).
 */
export async function listAuditForEnrolment(
  enrolmentId: string,
  subjects: { type: string; ids: string[] }[],
  limit = 500,
) {
  const db = await getDb();
  const bySubject = subjects
    .filter((s) => s.ids.length)
    .map((s) => and(eq(auditEvents.subjectType, s.type), inArray(auditEvents.subjectId, s.ids)));
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorRole: auditEvents.actorRole,
      actorName: users.name,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      detail: auditEvents.detail,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      or(
        sql`${auditEvents.detail}->>'enrolment' = ${enrolmentId}`,
        and(eq(auditEvents.subjectType, "enrolment"), eq(auditEvents.subjectId, enrolmentId)),
        ...bySubject,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}

/** Which events a reader may see: one organisation's, or (a platform admin) every organisation's. */
export type AuditScope = { organisationId: string } | { everyOrganisation: true; organisationId?: string };

export interface AuditFilters {
  /** Part of a name or email address of the person who acted or whom the event is about. */
  person?: string;
  kind?: AuditKind;
  /** Days in England, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

const UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
/** A text id as a uuid, or null when it is not one (the trail keeps ids as text, with no foreign keys). */
const asUuid = (text: SQL | AnyColumn) => sql`(case when ${text} ~* ${UUID_PATTERN} then (${text})::uuid end)`;
const subjectIs = (type: string) => sql`${auditEvents.subjectType} = ${type}`;
const subjectUuid = asUuid(auditEvents.subjectId);

/** The year an event is about: named in its detail, or reached through its subject. */
const enrolmentOfEvent = sql`coalesce(
  ${asUuid(sql`${auditEvents.detail}->>'enrolment'`)},
  case when ${subjectIs("enrolment")} then ${subjectUuid} end,
  case when ${subjectIs("learning_agreement")} then (select ${learningAgreements.enrolmentId} from ${learningAgreements} where ${learningAgreements.id} = ${subjectUuid}) end,
  case when ${subjectIs("supervision_session")} then (select ${supervisionSessions.enrolmentId} from ${supervisionSessions} where ${supervisionSessions.id} = ${subjectUuid}) end
)`;

const learnerEnrolment = alias(enrolments, "learner_enrolment");
const actor = alias(users, "actor");
const subjectPerson = alias(users, "subject_person");
const eventOrganisation = alias(organisations, "event_organisation");

/**
 * The events of a scope with the filters that do not need names, each with whom it is about:
 * the learner of the year it names, the person it names, or a member of a membership.
 */
function scopedEvents(db: Database, scope: AuditScope, filters: AuditFilters) {
  const conditions: (SQL | undefined)[] = [];
  if (scope.organisationId) conditions.push(eq(auditEvents.organisationId, scope.organisationId));
  if (filters.kind)
    conditions.push(
      or(...prefixesOf(filters.kind).map((p) => like(auditEvents.action, `${p.replace(/_/g, "\\_")}%`))),
    );
  if (filters.from) conditions.push(sql`${auditEvents.at} >= (${filters.from}::date::timestamp at time zone 'Europe/London')`);
  if (filters.to) conditions.push(sql`${auditEvents.at} < ((${filters.to}::date + 1)::timestamp at time zone 'Europe/London')`);
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      actorUserId: auditEvents.actorUserId,
      actorRole: auditEvents.actorRole,
      organisationId: auditEvents.organisationId,
      detail: auditEvents.detail,
      programmeSlug: sql<string | null>`${learnerEnrolment.programmeSlug}`.as("programme_slug"),
      subjectUserId: sql<string | null>`coalesce(
        ${learnerEnrolment.userId},
        ${asUuid(sql`${auditEvents.detail}->>'user'`)},
        case when ${auditEvents.subjectType} in ('user', 'returner_profile') then ${subjectUuid} end,
        case when ${subjectIs("membership")} then (select ${memberships.userId} from ${memberships} where ${memberships.id} = ${subjectUuid}) end,
        case when ${subjectIs("invitation")} then (select ${invitations.userId} from ${invitations} where ${invitations.id} = ${subjectUuid}) end
      )`.as("subject_user_id"),
      // Someone without an account: an invited person not yet joined, a returner who asked for a call back.
      subjectOtherName: sql<string | null>`case
        when ${subjectIs("invitation")} then (select ${invitations.name} from ${invitations} where ${invitations.id} = ${subjectUuid})
        when ${subjectIs("callback_request")} then (select ${callbackRequests.name} from ${callbackRequests} where ${callbackRequests.id} = ${subjectUuid})
        when ${subjectIs("introduction")} then (select ${callbackRequests.name} from ${introductions} join ${callbackRequests} on ${callbackRequests.id} = ${introductions.requestId} where ${introductions.id} = ${subjectUuid})
      end`.as("subject_other_name"),
    })
    .from(auditEvents)
    .leftJoin(learnerEnrolment, eq(learnerEnrolment.id, sql`${enrolmentOfEvent}`))
    .where(and(...conditions))
    .as("scoped_events");
}

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  detail: Record<string, unknown> | null;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  subjectUserId: string | null;
  subjectName: string | null;
  organisationName: string | null;
  programmeSlug: string | null;
}

/**
 * One page of the audit trail, newest first, with the names of who acted and whom each event is
 * about, and of its organisation: one statement however many events there are. `limit` one more
 * than a page tells whether an older page follows.
 */
export async function listAuditEvents(
  scope: AuditScope,
  filters: AuditFilters,
  { limit, offset = 0 }: { limit: number; offset?: number },
): Promise<AuditRow[]> {
  const db = await getDb();
  const ev = scopedEvents(db, scope, filters);
  const person = filters.person?.trim();
  const pattern = person ? likeContaining(person) : null;
  const rows = await db
    .select({
      id: ev.id,
      at: ev.at,
      action: ev.action,
      detail: ev.detail,
      actorUserId: ev.actorUserId,
      actorName: actor.name,
      actorRole: ev.actorRole,
      subjectUserId: ev.subjectUserId,
      subjectName: sql<string | null>`coalesce(${subjectPerson.name}, ${ev.subjectOtherName})`,
      organisationName: eventOrganisation.name,
      programmeSlug: ev.programmeSlug,
    })
    .from(ev)
    .leftJoin(actor, eq(actor.id, ev.actorUserId))
    .leftJoin(subjectPerson, eq(subjectPerson.id, ev.subjectUserId))
    .leftJoin(eventOrganisation, eq(eventOrganisation.id, ev.organisationId))
    .where(
      pattern
        ? or(
            ilike(actor.name, pattern),
            ilike(actor.email, pattern),
            ilike(subjectPerson.name, pattern),
            ilike(subjectPerson.email, pattern),
            ilike(ev.subjectOtherName, pattern),
          )
        : undefined,
    )
    .orderBy(desc(ev.at), desc(ev.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, at: r.at instanceof Date ? r.at : new Date(r.at as unknown as string) }));
}
