/**
 * The returner's own records: their answers and checklist, their updating log, their CPD log,
 * and the introductions the helpline made for them. Every query is scoped by the signed-in
 * person's own id; no page takes another person's id, so nobody (staff included) reads
 * another person's log here.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import {
  callbackRequests,
  cpdRecords,
  introductionEvents,
  introductions,
  organisations,
  returnerProfiles,
  updatingEntries,
  vacancies,
} from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { forbidden, requireUser, type CurrentUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import type { RegistrationStatus, Region, Specialism } from "./options";
import type { UpdatingKind } from "./updating";

export type ReturnerProfile = typeof returnerProfiles.$inferSelect;

export interface Returner {
  current: CurrentUser;
  /** Null until they have answered the questions that decide the days they need. */
  profile: ReturnerProfile | null;
}

/** For someone on the route back in: a returner's account, or anyone who has answered the returner's questions. */
export async function requireReturner(request: Request): Promise<Returner> {
  const current = await requireUser(request);
  const profile = await findProfile(current.user.id);
  if (!profile && current.user.accountKind !== "returner")
    forbidden(
      "These pages are for qualified social workers on the route back into practice, for their own records. Your account is not a returner's.",
    );
  return { current, profile };
}

/** A returner acts for themselves, in no organisation. */
export type Actor = Pick<AuditActor, "userId" | "ipAddress">;

const audit = (
  actor: Actor,
  action: string,
  subjectType: string,
  subjectId: string,
  detail: Record<string, unknown>,
) => ({
  ...actedBy({ ...actor, role: "returner", organisationId: null }),
  action,
  subjectType,
  subjectId,
  detail,
});

export async function findProfile(userId: string): Promise<ReturnerProfile | null> {
  const db = await getDb();
  const [row] = await db.select().from(returnerProfiles).where(eq(returnerProfiles.userId, userId)).limit(1);
  return row ?? null;
}

export interface ProfileAnswers {
  registrationStatus: RegistrationStatus;
  lapsedOn: string | null;
  lastPractisedOn: string;
  region: Region;
  specialism: Specialism;
}

/** Saves (or changes) the answers that decide the days needed; the checklist ticks are kept. */
export async function saveProfile(actor: Actor, answers: ProfileAnswers) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(returnerProfiles)
      .values({ userId: actor.userId, ...answers })
      .onConflictDoUpdate({ target: returnerProfiles.userId, set: { ...answers, updatedAt: sql`now()` } });
    await recordAudit(audit(actor, "returner.profile_saved", "returner_profile", actor.userId, { ...answers }), tx);
  });
}

export interface ChecklistTicks {
  registrationRestored: boolean;
  referencesReceived: boolean;
  supervisedStartAgreed: boolean;
}

/** Sets the three ticks of the checklist; false when there is no profile to set them on. */
export async function saveChecklist(actor: Actor, ticks: ChecklistTicks) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(returnerProfiles)
      .set({ ...ticks, updatedAt: sql`now()` })
      .where(eq(returnerProfiles.userId, actor.userId))
      .returning({ userId: returnerProfiles.userId });
    if (!row) return false;
    await recordAudit(audit(actor, "returner.checklist_saved", "returner_profile", actor.userId, { ...ticks }), tx);
    return true;
  });
}

export type UpdatingRow = typeof updatingEntries.$inferSelect;

/** The person's own updating log, newest first. */
export async function listUpdatingEntries(userId: string): Promise<UpdatingRow[]> {
  const db = await getDb();
  return db
    .select()
    .from(updatingEntries)
    .where(eq(updatingEntries.userId, userId))
    .orderBy(desc(updatingEntries.on), desc(updatingEntries.createdAt));
}

export interface UpdatingInput {
  on: string;
  hours: number;
  kind: UpdatingKind;
  description: string;
  supervisedBy: string | null;
}

/** Most hours one day of the log can hold, across its entries. */
export const MAX_HOURS_A_DAY = 12;

/**
 * Adds an entry to the person's own log. Refused (with the hours already logged that day)
 * when the day would then hold more than 12 hours.
 */
export async function addUpdatingEntry(actor: Actor, input: UpdatingInput) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [logged] = await tx
      .select({ hours: sql<string>`coalesce(sum(${updatingEntries.hours}), 0)` })
      .from(updatingEntries)
      .where(and(eq(updatingEntries.userId, actor.userId), eq(updatingEntries.on, input.on)));
    const already = Number(logged?.hours ?? 0);
    if (already + input.hours > MAX_HOURS_A_DAY) return { ok: false as const, already };
    const [row] = await tx
      .insert(updatingEntries)
      .values({ userId: actor.userId, ...input })
      .returning();
    await recordAudit(
      audit(actor, "returner.updating_added", "updating_entry", row!.id, {
        on: input.on,
        hours: input.hours,
        kind: input.kind,
      }),
      tx,
    );
    return { ok: true as const, entry: row! };
  });
}

/** Deletes an entry of the person's own log; false when there is no such entry of theirs. */
export async function deleteUpdatingEntry(actor: Actor, entryId: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(updatingEntries)
      .where(and(eq(updatingEntries.id, entryId), eq(updatingEntries.userId, actor.userId)))
      .returning();
    if (!row) return false;
    await recordAudit(
      audit(actor, "returner.updating_deleted", "updating_entry", row.id, {
        on: row.on,
        hours: row.hours,
        kind: row.kind,
      }),
      tx,
    );
    return true;
  });
}

export type CpdRow = typeof cpdRecords.$inferSelect;

/** The person's own CPD records, newest first. */
export async function listCpdRecords(userId: string): Promise<CpdRow[]> {
  const db = await getDb();
  return db
    .select()
    .from(cpdRecords)
    .where(eq(cpdRecords.userId, userId))
    .orderBy(desc(cpdRecords.recordedOn), desc(cpdRecords.createdAt));
}

export interface CpdInput {
  recordedOn: string;
  activity: string;
  learning: string;
  impact: string;
  standards: string[];
  peerReflection: string | null;
  peerName: string | null;
}

export async function addCpdRecord(actor: Actor, input: CpdInput) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cpdRecords)
      .values({ userId: actor.userId, ...input })
      .returning();
    await recordAudit(
      audit(actor, "returner.cpd_added", "cpd_record", row!.id, {
        recordedOn: input.recordedOn,
        standards: input.standards,
        peer: !!(input.peerReflection && input.peerName),
      }),
      tx,
    );
    return row!;
  });
}

export interface MyIntroduction {
  id: string;
  status: (typeof introductions.$inferSelect)["status"];
  interviewOn: string | null;
  startsOn: string | null;
  council: string;
  vacancy: string;
  team: string;
  closesOn: string;
  introducedAt: Date;
  changedAt: Date;
}

/**
 * The councils the helpline introduced this person to, newest first, with where each stands:
 * one query over introductions, the requests made in the person's name, vacancies and councils.
 * (The council's own note stays with the council.)
 */
export async function myIntroductions(userId: string): Promise<MyIntroduction[]> {
  const db = await getDb();
  return db
    .select({
      id: introductions.id,
      status: introductions.status,
      interviewOn: introductions.interviewOn,
      startsOn: introductions.startsOn,
      council: organisations.name,
      vacancy: vacancies.title,
      team: vacancies.team,
      closesOn: vacancies.closesOn,
      introducedAt: introductions.createdAt,
      changedAt:
        sql<Date>`coalesce((select max(${introductionEvents.createdAt}) from ${introductionEvents} where ${introductionEvents.introductionId} = ${introductions.id}), ${introductions.updatedAt})`.mapWith(
          (v: string | Date) => new Date(v),
        ),
    })
    .from(introductions)
    .innerJoin(callbackRequests, eq(callbackRequests.id, introductions.requestId))
    .innerJoin(vacancies, eq(vacancies.id, introductions.vacancyId))
    .innerJoin(organisations, eq(organisations.id, introductions.organisationId))
    .where(eq(callbackRequests.returnerId, userId))
    .orderBy(desc(introductions.createdAt));
}

/** The newest callback request the helpline tied to this person, with whether an advisor has reached them. */
export async function myCallbackRequest(userId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      status: callbackRequests.status,
      callBackBy: callbackRequests.callBackBy,
      firstContactAt: callbackRequests.firstContactAt,
    })
    .from(callbackRequests)
    .where(eq(callbackRequests.returnerId, userId))
    .orderBy(desc(callbackRequests.createdAt))
    .limit(1);
  return row ? { status: row.status, callBackBy: row.callBackBy, contacted: row.firstContactAt !== null } : null;
}
