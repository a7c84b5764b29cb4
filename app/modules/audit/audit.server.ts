import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { auditEvents, users } from "#db/schema";
import { getDb } from "~/utils/db.server";

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
