import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { supervisionActions, supervisionSessions, users } from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import { supervisionNotice } from "~/modules/notices/notices";
import {
  actorName,
  emailNoticesAfterCommit,
  type NoticeRow,
  recordNotices,
  yearParties,
} from "~/modules/notices/notices.server";

export type SupervisionSession = typeof supervisionSessions.$inferSelect;

export type Actor = AuditActor;

export async function listSessions(enrolmentId: string) {
  const db = await getDb();
  return db
    .select({ session: supervisionSessions, recordedBy: users.name })
    .from(supervisionSessions)
    .innerJoin(users, eq(users.id, supervisionSessions.recordedById))
    .where(eq(supervisionSessions.enrolmentId, enrolmentId))
    .orderBy(desc(supervisionSessions.heldOn), desc(supervisionSessions.recordedAt));
}

/** Dates of sessions held, for many enrolments in one query (the supervisor's desk). */
/** Each year's supervision sessions (when held, and whether the learner has acknowledged the record), in one statement. */
export async function sessionsFor(enrolmentIds: string[]) {
  const result = new Map<string, { heldOn: string; acknowledged: boolean }[]>(enrolmentIds.map((id) => [id, []]));
  if (enrolmentIds.length === 0) return result;
  const db = await getDb();
  const rows = await db
    .select({
      enrolmentId: supervisionSessions.enrolmentId,
      heldOn: supervisionSessions.heldOn,
      acknowledged: sql<boolean>`${supervisionSessions.acknowledgedAt} is not null`,
    })
    .from(supervisionSessions)
    .where(inArray(supervisionSessions.enrolmentId, enrolmentIds));
  for (const r of rows) result.get(r.enrolmentId)?.push({ heldOn: r.heldOn, acknowledged: r.acknowledged });
  return result;
}

export async function openActions(enrolmentId: string) {
  const db = await getDb();
  return db
    .select({
      id: supervisionActions.id,
      text: supervisionActions.text,
      owner: supervisionActions.owner,
      agreedOn: supervisionSessions.heldOn,
    })
    .from(supervisionActions)
    .innerJoin(supervisionSessions, eq(supervisionSessions.id, supervisionActions.sessionId))
    .where(and(eq(supervisionActions.enrolmentId, enrolmentId), isNull(supervisionActions.doneInSessionId)))
    .orderBy(asc(supervisionSessions.heldOn), asc(supervisionActions.createdAt));
}

export async function findSession(enrolmentId: string, sessionId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ session: supervisionSessions, recordedBy: users.name })
    .from(supervisionSessions)
    .innerJoin(users, eq(users.id, supervisionSessions.recordedById))
    .where(and(eq(supervisionSessions.id, sessionId), eq(supervisionSessions.enrolmentId, enrolmentId)))
    .limit(1);
  if (!row) return null;
  const [agreed, completed] = await Promise.all([
    db
      .select()
      .from(supervisionActions)
      .where(eq(supervisionActions.sessionId, sessionId))
      .orderBy(asc(supervisionActions.createdAt)),
    db
      .select()
      .from(supervisionActions)
      .where(eq(supervisionActions.doneInSessionId, sessionId))
      .orderBy(asc(supervisionActions.createdAt)),
  ]);
  return { ...row, agreed, completed };
}

export interface SessionInput {
  heldOn: string;
  minutes: number;
  kind: SupervisionSession["kind"];
  agenda: string;
  discussion: string;
  decisions: string;
  actions: { text: string; owner: "learner" | "supervisor" }[];
  /** Open actions from earlier sessions reported done in this one. */
  doneActionIds: string[];
}

/** Records a session with its new actions, closing the earlier actions reported done, and its audit record, in one transaction. */
export async function recordSession(enrolmentId: string, actor: Actor, input: SessionInput) {
  const db = await getDb();
  let told: NoticeRow[] = [];
  const session = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(supervisionSessions)
      .values({
        enrolmentId,
        heldOn: input.heldOn,
        minutes: input.minutes,
        kind: input.kind,
        agenda: input.agenda,
        discussion: input.discussion,
        decisions: input.decisions,
        recordedById: actor.userId,
      })
      .returning();
    if (input.actions.length) {
      // Distinct timestamps keep the actions in the order they were written (now() is one per transaction).
      const base = Date.now();
      await tx
        .insert(supervisionActions)
        .values(
          input.actions.map((a, i) => ({ ...a, enrolmentId, sessionId: row!.id, createdAt: new Date(base + i) })),
        );
    }
    if (input.doneActionIds.length) {
      await tx
        .update(supervisionActions)
        .set({ doneInSessionId: row!.id })
        .where(
          and(
            eq(supervisionActions.enrolmentId, enrolmentId),
            inArray(supervisionActions.id, input.doneActionIds),
            isNull(supervisionActions.doneInSessionId),
          ),
        );
    }
    await recordAudit(
      {
        ...actedBy(actor),
        action: "supervision.recorded",
        subjectType: "supervision_session",
        subjectId: row!.id,
        detail: { enrolment: enrolmentId, heldOn: input.heldOn, actions: input.actions.length },
      },
      tx,
    );
    // The learner acknowledges the record: unless they recorded it themselves, they are told.
    const year = await yearParties(tx, enrolmentId);
    if (year && year.learner.id !== actor.userId) {
      told = await recordNotices(tx, [
        supervisionNotice(year, row!, await actorName(tx, actor.userId, "Your supervisor")),
      ]);
    }
    return row!;
  });
  await emailNoticesAfterCommit(told);
  return session;
}

/** The learner acknowledges the record once; after that it is no longer theirs to change. */
export async function acknowledgeSession(enrolmentId: string, sessionId: string, actor: Actor, comment: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(supervisionSessions)
      .set({ acknowledgedAt: new Date(), learnerComment: comment.trim() || null })
      .where(
        and(
          eq(supervisionSessions.id, sessionId),
          eq(supervisionSessions.enrolmentId, enrolmentId),
          isNull(supervisionSessions.acknowledgedAt),
        ),
      )
      .returning({ id: supervisionSessions.id });
    if (!row) return false;
    await recordAudit(
      {
        ...actedBy(actor),
        actorRole: "learner",
        action: "supervision.acknowledged",
        subjectType: "supervision_session",
        subjectId: sessionId,
      },
      tx,
    );
    return true;
  });
}
