/**
 * Notices written in the same transaction as the record that causes them (a unique (person,
 * event) index makes a retried save or a second server tell nobody twice), and emailed once that
 * has committed, to those who want them at once. A mail failure is logged and never undoes the record.
 */
import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "#db/client";
import { enrolments, notificationPreferences, notifications, users } from "#db/schema";
import { afterCommit, getDb } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { deliveryFor, DELIVERIES, type Delivery, isNoticeKind, NOTICE_KINDS, type NoticeDraft, noticeEmail, type NoticeKind, teamManagerNamedNotice, type YearParties } from "./notices";

export type NoticeRow = typeof notifications.$inferSelect;

const learner = alias(users, "learner");
const supervisor = alias(users, "supervisor");
const manager = alias(users, "manager");

/** The name a notice gives the person who acted, read in the caller's transaction (`otherwise` if gone). */
export async function actorName(tx: Database, userId: string, otherwise: string) {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.name ?? otherwise;
}

/** The year's learner, supervisor and team manager, read in the caller's transaction. */
export async function yearParties(db: Database, enrolmentId: string): Promise<YearParties | null> {
  const [row] = await db
    .select({
      organisationId: enrolments.organisationId,
      learnerId: learner.id,
      learnerName: learner.name,
      supervisorId: supervisor.id,
      supervisorName: supervisor.name,
      managerId: manager.id,
      managerName: manager.name,
    })
    .from(enrolments)
    .innerJoin(learner, eq(learner.id, enrolments.userId))
    .leftJoin(supervisor, eq(supervisor.id, enrolments.supervisorId))
    .leftJoin(manager, eq(manager.id, enrolments.teamManagerId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  if (!row) return null;
  return {
    enrolmentId,
    organisationId: row.organisationId,
    learner: { id: row.learnerId, name: row.learnerName },
    supervisor: row.supervisorId ? { id: row.supervisorId, name: row.supervisorName! } : null,
    teamManager: row.managerId ? { id: row.managerId, name: row.managerName! } : null,
  };
}

/** Writes the notices in the caller's transaction; answers only those new (an event already told is skipped). */
export async function recordNotices(tx: Database, drafts: readonly NoticeDraft[]): Promise<NoticeRow[]> {
  if (!drafts.length) return [];
  return tx.insert(notifications).values([...drafts]).onConflictDoNothing().returning();
}

/**
 * Emails, once the records are committed, the notices whose person wants that kind at once; the
 * others wait for the daily digest or stay in the list. Call after the transaction that wrote them.
 */
export async function emailNoticesAfterCommit(rows: readonly NoticeRow[]) {
  if (!rows.length) return;
  await afterCommit(() => emailNotices(rows));
}

function origin() {
  return process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

export async function emailNotices(rows: readonly NoticeRow[]) {
  try {
    const db = await getDb();
    const userIds = [...new Set(rows.map((r) => r.userId))];
    const [people, chosen] = await Promise.all([
      db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, userIds)),
      db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds)),
    ]);
    for (const row of rows) {
      const person = people.find((p) => p.id === row.userId);
      const theirs = new Map(chosen.filter((c) => c.userId === row.userId).map((c) => [c.kind, c.delivery]));
      if (!person || deliveryFor(row.kind, theirs) !== "email") continue;
      try {
        await sendEmail({ to: person.email, ...noticeEmail(row, person, origin()) });
        await db.update(notifications).set({ emailedAt: new Date() }).where(eq(notifications.id, row.id));
      } catch (error) {
        console.error(`[notices] could not email notice ${row.id} (${row.kind}, ${row.eventKey}) to user ${row.userId}:`, error);
      }
    }
  } catch (error) {
    console.error(`[notices] could not email ${rows.length} notices (${rows.map((r) => r.eventKey).join(", ")}):`, error);
  }
}

/** A person's notices, newest first (the list shows at most `limit`). */
export async function listNotices(userId: string, limit = 100) {
  const db = await getDb();
  return db
    .select({ id: notifications.id, text: notifications.text, href: notifications.href, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** Marks one of the person's own notices read; answers where it leads, or null if it is not theirs. */
export async function markNoticeRead(userId: string, noticeId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ href: notifications.href, readAt: notifications.readAt }).from(notifications)
    .where(and(eq(notifications.id, noticeId), eq(notifications.userId, userId)))
    .limit(1);
  if (!row) return null;
  if (!row.readAt)
    await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.id, noticeId), isNull(notifications.readAt)));
  return row.href;
}

export async function markAllNoticesRead(userId: string) {
  const db = await getDb();
  await db.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** The person's choice for each kind (the default where they have not chosen). */
export async function noticePreferences(userId: string): Promise<Record<NoticeKind, Delivery>> {
  const db = await getDb();
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(NOTICE_KINDS.map((k) => [k, deliveryFor(k, chosen)])) as Record<NoticeKind, Delivery>;
}

export async function saveNoticePreferences(userId: string, choices: Partial<Record<string, string>>) {
  const db = await getDb();
  const rows = Object.entries(choices).flatMap(([kind, delivery]) =>
    isNoticeKind(kind) && (DELIVERIES as readonly string[]).includes(delivery ?? "") ? [{ userId, kind, delivery: delivery!, updatedAt: new Date() }] : [],
  );
  if (!rows.length) return;
  await db.transaction(async (tx) => {
    for (const row of rows)
      await tx
        .insert(notificationPreferences)
        .values(row)
        .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { delivery: row.delivery, updatedAt: row.updatedAt } });
  });
}

/** Tells the year's team manager they are named on it, in the caller's transaction. */
export async function noticeTeamManagerNamed(tx: Database, enrolmentId: string) {
  const year = await yearParties(tx, enrolmentId);
  const draft = year && teamManagerNamedNotice(year);
  return draft ? recordNotices(tx, [draft]) : [];
}
