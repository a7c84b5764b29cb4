/**
 * Reads and writes of shared multi-agency sessions (ADR 026). Callers gate first (./access.server);
 * these functions scope every row to the organisation and session they were asked about and check
 * again what the rules need. The register is append-only; a learner's attendance is written into
 * their portfolio as evidence in the same transaction as the register entry it comes from.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import {
  enrolments,
  invitations,
  memberships,
  sharedSessionInvitees,
  sharedSessionMaterialContents,
  sharedSessionMaterials,
  sharedSessionRegister,
  sharedSessions,
  users,
} from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { ROLE_LABELS, type Role } from "~/modules/organisations/roles";
import { recordSourcedEvidence, type UploadedFile } from "~/modules/portfolio/portfolio.server";
import { findProgramme, listProgrammes } from "~/modules/programmes/catalogue.server";
import type { Programme } from "~/modules/programmes/content-schema";
import { getDb } from "~/utils/db.server";
import { englandDateTime, englandDay } from "~/utils/england";
import { isUuid } from "~/utils/ids";
import {
  AGENCY_LABELS,
  attendanceEvidence,
  attendanceSourceKey,
  latestAttendance,
  registerChanges,
  registerProblem,
  topicTitle,
  type AgencyKind,
  type Attendance,
} from "./rules";

type Tx = Database;
export type Result<T = object> = ({ ok: true } & T) | { ok: false; message: string; field?: string };

/** The roles a facilitator may hold: the organisation's staff, never a learner or a partner. */
export const FACILITATOR_ROLES = ["programme_lead", "supervisor", "assessor", "team_manager", "independent_assessor"] as const satisfies readonly Role[];

/** Programmes that have shared sessions (programme.yml's `sharedSessions`): today, CP lead. */
export function programmesWithSharedSessions(): (Programme & { sharedSessions: NonNullable<Programme["sharedSessions"]> })[] {
  return listProgrammes().filter((p): p is Programme & { sharedSessions: NonNullable<Programme["sharedSessions"]> } => !!p.sharedSessions);
}

function topicOf(session: { programmeSlug: string; moduleSlug: string; lessonSlug: string | null }) {
  const programme = findProgramme(session.programmeSlug);
  return (programme && topicTitle(programme, session.moduleSlug, session.lessonSlug)) ?? "a programme topic";
}

/**
 * Who may be invited to an organisation's sessions of a programme, and who may facilitate: learners
 * enrolled on it there (by enrolment), its partners (by membership) and its staff, each active.
 */
export async function inviteOptions(organisationId: string, programmeSlug: string) {
  const db = await getDb();
  const [learners, people] = await Promise.all([
    db
      .select({ enrolmentId: enrolments.id, userId: users.id, name: users.name, team: memberships.team })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .innerJoin(
        memberships,
        and(
          eq(memberships.userId, enrolments.userId),
          eq(memberships.organisationId, enrolments.organisationId),
          eq(memberships.role, "learner"),
          eq(memberships.active, true),
        ),
      )
      .where(and(eq(enrolments.organisationId, organisationId), eq(enrolments.programmeSlug, programmeSlug), eq(enrolments.status, "active")))
      .orderBy(asc(users.name)),
    db
      .select({
        membershipId: memberships.id,
        userId: users.id,
        name: users.name,
        role: memberships.role,
        jobTitle: memberships.jobTitle,
        agencyKind: memberships.agencyKind,
        agency: memberships.agency,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.organisationId, organisationId),
          eq(memberships.active, true),
          isNull(users.deactivatedAt),
          inArray(memberships.role, ["partner", ...FACILITATOR_ROLES]),
        ),
      )
      .orderBy(asc(users.name), asc(memberships.role)),
  ]);
  const partners = people.filter((p) => p.role === "partner");
  // One entry per person, however many staff roles they hold, named by their first.
  const staff = [...new Map(people.filter((p) => p.role !== "partner").map((p) => [p.userId, p])).values()];
  return { learners, partners, staff };
}

export type InviteOptions = Awaited<ReturnType<typeof inviteOptions>>;

export interface SessionInput {
  programmeSlug: string;
  moduleSlug: string;
  lessonSlug: string | null;
  startsAt: Date;
  minutes: number;
  place: string | null;
  link: string | null;
  facilitatorId: string;
  enrolmentIds: string[];
  partnerMembershipIds: string[];
}

/** The invitee rows for the people chosen, each checked against who may be invited; or why not. */
function inviteeRows(
  sessionId: string,
  options: InviteOptions,
  chosen: { enrolmentIds: string[]; partnerMembershipIds: string[] },
  invitedById: string,
): Result<{ rows: (typeof sharedSessionInvitees.$inferInsert)[] }> {
  const learners = chosen.enrolmentIds.map((id) => options.learners.find((l) => l.enrolmentId === id));
  const partners = chosen.partnerMembershipIds.map((id) => options.partners.find((p) => p.membershipId === id));
  if (learners.some((l) => !l)) return { ok: false, message: "Choose learners from the list: each must be on the programme here.", field: "learners" };
  if (partners.some((p) => !p)) return { ok: false, message: "Choose partners from the list.", field: "partners" };
  return {
    ok: true,
    rows: [
      ...learners.map((l) => ({ sessionId, party: "learner" as const, userId: l!.userId, enrolmentId: l!.enrolmentId, invitedById })),
      ...partners.map((p) => ({ sessionId, party: "partner" as const, userId: p!.userId, invitedById })),
    ],
  };
}

async function insertInvitees(tx: Tx, rows: (typeof sharedSessionInvitees.$inferInsert)[]) {
  if (!rows.length) return 0;
  return (await tx.insert(sharedSessionInvitees).values(rows).onConflictDoNothing().returning({ id: sharedSessionInvitees.id })).length;
}

async function storeMaterial(tx: Tx, sessionId: string, actor: AuditActor, file: UploadedFile) {
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const [row] = await tx
    .insert(sharedSessionMaterials)
    .values({ sessionId, fileName: file.name, contentType: file.check.contentType, sizeBytes: file.bytes.length, sha256, uploadedById: actor.userId })
    .returning();
  await tx.insert(sharedSessionMaterialContents).values({ materialId: row!.id, content: file.bytes });
  return row!;
}

/** Sets up a session: its topic, time, place or link, facilitator, invitees and any material, at once. */
export async function createSession(
  actor: AuditActor & { organisationId: string },
  input: SessionInput,
  material: UploadedFile | null,
): Promise<Result<{ id: string }>> {
  const programme = programmesWithSharedSessions().find((p) => p.slug === input.programmeSlug);
  if (!programme) return { ok: false, message: "Choose a programme that has shared sessions.", field: "topic" };
  if (!topicTitle(programme, input.moduleSlug, input.lessonSlug))
    return { ok: false, message: "Choose a topic from the programme's modules and lessons.", field: "topic" };
  const options = await inviteOptions(actor.organisationId, programme.slug);
  if (!options.staff.some((s) => s.userId === input.facilitatorId))
    return { ok: false, message: "Choose the facilitator from your organisation's staff.", field: "facilitatorId" };
  // Checked before anything is written: the session's id is not needed to know who may be invited.
  const checked = inviteeRows("", options, input, actor.userId);
  if (!checked.ok) return checked;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [session] = await tx
      .insert(sharedSessions)
      .values({
        organisationId: actor.organisationId,
        programmeSlug: programme.slug,
        moduleSlug: input.moduleSlug,
        lessonSlug: input.lessonSlug,
        startsAt: input.startsAt,
        minutes: input.minutes,
        place: input.place,
        link: input.link,
        facilitatorId: input.facilitatorId,
        createdById: actor.userId,
      })
      .returning({ id: sharedSessions.id });
    const people = await insertInvitees(tx, checked.rows.map((r) => ({ ...r, sessionId: session!.id })));
    const stored = material ? await storeMaterial(tx, session!.id, actor, material) : null;
    await recordAudit(
      {
        ...actedBy(actor),
        action: "shared_session.created",
        subjectType: "shared_session",
        subjectId: session!.id,
        detail: {
          topic: topicTitle(programme, input.moduleSlug, input.lessonSlug),
          startsAt: input.startsAt.toISOString(),
          people,
          ...(stored ? { file: stored.fileName } : {}),
        },
      },
      tx,
    );
    return { ok: true as const, id: session!.id };
  });
}

/** Invites more learners and partners (already members) to a session of the organisation. */
export async function inviteToSession(
  sessionId: string,
  actor: AuditActor & { organisationId: string },
  chosen: { enrolmentIds: string[]; partnerMembershipIds: string[] },
): Promise<Result<{ added: number }>> {
  const db = await getDb();
  const [session] = await db
    .select()
    .from(sharedSessions)
    .where(and(eq(sharedSessions.id, sessionId), eq(sharedSessions.organisationId, actor.organisationId)))
    .limit(1);
  if (!session) return { ok: false, message: "We could not find that session." };
  if (!chosen.enrolmentIds.length && !chosen.partnerMembershipIds.length)
    return { ok: false, message: "Choose at least one learner or partner to invite.", field: "learners" };
  const options = await inviteOptions(actor.organisationId, session.programmeSlug);
  const checked = inviteeRows(sessionId, options, chosen, actor.userId);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    const added = await insertInvitees(tx, checked.rows);
    if (added)
      await recordAudit(
        { ...actedBy(actor), action: "shared_session.invited", subjectType: "shared_session", subjectId: sessionId, detail: { topic: topicOf(session), people: added } },
        tx,
      );
    return { ok: true as const, added };
  });
}

/**
 * Invites someone not yet on the platform to sessions through their invitation to join (the lead's
 * invitation page, role partner): they are on each session's list from now, and their account is put
 * in place of the invitation when they accept (claimInvitedSessions).
 */
export async function inviteByInvitation(tx: Tx, invitationId: string, organisationId: string, sessionIds: string[], invitedById: string) {
  if (!sessionIds.length) return 0;
  const sessions = await tx
    .select({ id: sharedSessions.id })
    .from(sharedSessions)
    .where(and(inArray(sharedSessions.id, sessionIds), eq(sharedSessions.organisationId, organisationId)));
  if (sessions.length !== new Set(sessionIds).size) throw new Error("A session chosen is not one of the organisation's");
  await tx
    .insert(sharedSessionInvitees)
    .values(sessions.map((s) => ({ sessionId: s.id, party: "partner" as const, invitationId, invitedById })))
    .onConflictDoNothing();
  return sessions.length;
}

/** On accepting an invitation: the sessions it invited to are now the person's. */
export async function claimInvitedSessions(tx: Tx, invitationId: string, userId: string) {
  await tx
    .update(sharedSessionInvitees)
    .set({ userId })
    .where(and(eq(sharedSessionInvitees.invitationId, invitationId), isNull(sharedSessionInvitees.userId)));
}

/** Sessions of the organisation still to come (or under way), for the invitation page: soonest first. */
export async function upcomingSessions(organisationId: string, now = new Date()) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(sharedSessions)
    .where(and(eq(sharedSessions.organisationId, organisationId), sql`${sharedSessions.startsAt} + make_interval(mins => ${sharedSessions.minutes}) > ${now.toISOString()}::timestamptz`))
    .orderBy(asc(sharedSessions.startsAt));
  return rows.map((s) => ({ id: s.id, topic: topicOf(s), when: englandDateTime(s.startsAt) }));
}

/** Adds a file to a session's materials. */
export async function addMaterial(sessionId: string, actor: AuditActor & { organisationId: string }, file: UploadedFile): Promise<Result> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [session] = await tx
      .select()
      .from(sharedSessions)
      .where(and(eq(sharedSessions.id, sessionId), eq(sharedSessions.organisationId, actor.organisationId)))
      .limit(1);
    if (!session) return { ok: false as const, message: "We could not find that session." };
    const stored = await storeMaterial(tx, sessionId, actor, file);
    await recordAudit(
      { ...actedBy(actor), action: "shared_session.material_added", subjectType: "shared_session", subjectId: sessionId, detail: { topic: topicOf(session), file: stored.fileName } },
      tx,
    );
    return { ok: true as const };
  });
}

/** A material's bytes, only if it belongs to this session (the caller has gated the session). */
export async function readMaterial(sessionId: string, materialId: string | undefined) {
  if (!isUuid(materialId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ file: sharedSessionMaterials, content: sharedSessionMaterialContents.content })
    .from(sharedSessionMaterials)
    .innerJoin(sharedSessionMaterialContents, eq(sharedSessionMaterialContents.materialId, sharedSessionMaterials.id))
    .where(and(eq(sharedSessionMaterials.id, materialId), eq(sharedSessionMaterials.sessionId, sessionId)))
    .limit(1);
  return row ?? null;
}

/** One session of the organisation, or null (the gate answers 404). */
export async function findSession(sessionId: string | undefined, organisationId: string) {
  if (!isUuid(sessionId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ session: sharedSessions, facilitatorName: users.name })
    .from(sharedSessions)
    .innerJoin(users, eq(users.id, sharedSessions.facilitatorId))
    .where(and(eq(sharedSessions.id, sessionId), eq(sharedSessions.organisationId, organisationId)))
    .limit(1);
  return row ? { ...row.session, facilitatorName: row.facilitatorName, topic: topicOf(row.session) } : null;
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** The invitation row of one person to a session, if they are invited. */
export async function inviteeOf(sessionId: string, userId: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(sharedSessionInvitees)
    .where(and(eq(sharedSessionInvitees.sessionId, sessionId), eq(sharedSessionInvitees.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** A session's materials, oldest first (their names and sizes; the bytes are read only on download). */
function materialsOf(db: Tx, sessionId: string) {
  return db
    .select({ id: sharedSessionMaterials.id, fileName: sharedSessionMaterials.fileName, sizeBytes: sharedSessionMaterials.sizeBytes, uploadedAt: sharedSessionMaterials.uploadedAt })
    .from(sharedSessionMaterials)
    .where(eq(sharedSessionMaterials.sessionId, sessionId))
    .orderBy(asc(sharedSessionMaterials.uploadedAt));
}

/** Everything on a session's page for its lead and facilitator: invitees with attendance, materials, the register's entries. */
export async function sessionRecord(sessionId: string) {
  const db = await getDb();
  const recorder = sql`(select ${users.name} from ${users} where ${users.id} = ${sharedSessionRegister.recordedById})`;
  const [invitees, materials, entries] = await Promise.all([
    db
      .select({
        id: sharedSessionInvitees.id,
        party: sharedSessionInvitees.party,
        userId: sharedSessionInvitees.userId,
        enrolmentId: sharedSessionInvitees.enrolmentId,
        name: sql<string>`coalesce(${users.name}, ${invitations.name})`,
        email: sql<string>`coalesce(${users.email}, ${invitations.email})`,
        agencyKind: sql<AgencyKind | null>`coalesce(${memberships.agencyKind}, ${invitations.agencyKind})`,
        agency: sql<string | null>`coalesce(${memberships.agency}, ${invitations.agency})`,
        jobTitle: sql<string | null>`coalesce(${memberships.jobTitle}, ${invitations.jobTitle})`,
        team: memberships.team,
      })
      .from(sharedSessionInvitees)
      .innerJoin(sharedSessions, eq(sharedSessions.id, sharedSessionInvitees.sessionId))
      .leftJoin(users, eq(users.id, sharedSessionInvitees.userId))
      .leftJoin(invitations, eq(invitations.id, sharedSessionInvitees.invitationId))
      .leftJoin(
        memberships,
        and(
          eq(memberships.userId, sharedSessionInvitees.userId),
          eq(memberships.organisationId, sharedSessions.organisationId),
          sql`${memberships.role}::text = ${sharedSessionInvitees.party}::text`,
        ),
      )
      .where(eq(sharedSessionInvitees.sessionId, sessionId))
      .orderBy(asc(sharedSessionInvitees.party), sql`coalesce(${users.name}, ${invitations.name})`),
    materialsOf(db, sessionId),
    db
      .select({
        id: sharedSessionRegister.id,
        userId: sharedSessionRegister.userId,
        status: sharedSessionRegister.status,
        recordedAt: sharedSessionRegister.recordedAt,
        recordedByRole: sharedSessionRegister.recordedByRole,
        recordedBy: sql<string>`${recorder}`,
      })
      .from(sharedSessionRegister)
      .where(eq(sharedSessionRegister.sessionId, sessionId))
      .orderBy(asc(sharedSessionRegister.recordedAt)),
  ]);
  return { invitees, materials, entries, latest: latestAttendance(entries) };
}

/** What an invitee sees of a session: its materials, and their own attendance as it stands. */
export async function inviteeView(sessionId: string, userId: string) {
  const db = await getDb();
  const [materials, entries] = await Promise.all([
    materialsOf(db, sessionId),
    db
      .select({ id: sharedSessionRegister.id, userId: sharedSessionRegister.userId, status: sharedSessionRegister.status, recordedAt: sharedSessionRegister.recordedAt })
      .from(sharedSessionRegister)
      .where(and(eq(sharedSessionRegister.sessionId, sessionId), eq(sharedSessionRegister.userId, userId)))
      .orderBy(asc(sharedSessionRegister.recordedAt)),
  ]);
  return { materials, attendance: latestAttendance(entries).get(userId) ?? null };
}

/**
 * The sessions one person is invited to or facilitates in the organisation, with their own
 * attendance, in one statement.
 */
export async function sessionsFor(userId: string, organisationId: string) {
  const db = await getDb();
  const mine = sql`exists (select 1 from ${sharedSessionInvitees} i where i.session_id = ${sharedSessions.id} and i.user_id = ${userId})`;
  const rows = await db
    .select({
      session: sharedSessions,
      facilitatorName: users.name,
      invited: sql<boolean>`${mine}`,
      materials: sql<number>`(select count(*)::int from ${sharedSessionMaterials} m where m.session_id = ${sharedSessions.id})`,
      attendance: sql<Attendance | null>`(select r.status from ${sharedSessionRegister} r where r.session_id = ${sharedSessions.id} and r.user_id = ${userId} order by r.recorded_at desc limit 1)`,
    })
    .from(sharedSessions)
    .innerJoin(users, eq(users.id, sharedSessions.facilitatorId))
    .where(and(eq(sharedSessions.organisationId, organisationId), or(eq(sharedSessions.facilitatorId, userId), mine)))
    .orderBy(asc(sharedSessions.startsAt));
  return rows.map((r) => ({ ...r.session, topic: topicOf(r.session), facilitatorName: r.facilitatorName, facilitates: r.session.facilitatorId === userId, invited: r.invited, materials: r.materials, attendance: r.attendance }));
}

/** Every session of the organisation with its counts, for its programme lead, in one statement. */
export async function sessionsOfOrganisation(organisationId: string) {
  const db = await getDb();
  const latest = sql`(select distinct on (r.user_id) r.user_id, r.status from ${sharedSessionRegister} r where r.session_id = ${sharedSessions.id} order by r.user_id, r.recorded_at desc)`;
  const rows = await db
    .select({
      session: sharedSessions,
      facilitatorName: users.name,
      learners: sql<number>`(select count(*)::int from ${sharedSessionInvitees} i where i.session_id = ${sharedSessions.id} and i.party = 'learner')`,
      partners: sql<number>`(select count(*)::int from ${sharedSessionInvitees} i where i.session_id = ${sharedSessions.id} and i.party = 'partner')`,
      recorded: sql<number>`(select count(*)::int from ${latest} l)`,
      attended: sql<number>`(select count(*)::int from ${latest} l where l.status = 'attended')`,
    })
    .from(sharedSessions)
    .innerJoin(users, eq(users.id, sharedSessions.facilitatorId))
    .where(eq(sharedSessions.organisationId, organisationId))
    .orderBy(desc(sharedSessions.startsAt));
  return rows.map((r) => ({ ...r.session, topic: topicOf(r.session), facilitatorName: r.facilitatorName, learners: r.learners, partners: r.partners, recorded: r.recorded, attended: r.attended }));
}

/**
 * The facilitator records the register: one entry for each person whose attendance is new or changed,
 * naming who recorded it, in which role and when. A learner's attendance is written into their
 * portfolio in the same transaction, as evidence for the criteria the programme names, bound to the
 * entry; a correction is a new version of the same evidence.
 */
export async function recordRegister(
  sessionId: string,
  actor: AuditActor & { organisationId: string },
  submitted: Map<string, Attendance>,
  now = new Date(),
): Promise<Result<{ recorded: number }>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One save of the register at a time: a second waits here and then sees the first's entries.
    const [session] = await tx
      .select()
      .from(sharedSessions)
      .where(and(eq(sharedSessions.id, sessionId), eq(sharedSessions.organisationId, actor.organisationId)))
      .for("update")
      .limit(1);
    if (!session) return { ok: false as const, message: "We could not find that session." };
    if (session.facilitatorId !== actor.userId)
      return { ok: false as const, message: "The session's facilitator keeps its register." };
    const closed = registerProblem(session, now);
    if (closed) return { ok: false as const, message: closed };
    const programme = findProgramme(session.programmeSlug);
    if (!programme?.sharedSessions) return { ok: false as const, message: "This programme no longer has shared sessions." };
    const invitees = await tx
      .select({
        userId: sharedSessionInvitees.userId,
        party: sharedSessionInvitees.party,
        enrolmentId: sharedSessionInvitees.enrolmentId,
        agencyKind: memberships.agencyKind,
      })
      .from(sharedSessionInvitees)
      .leftJoin(
        memberships,
        and(eq(memberships.userId, sharedSessionInvitees.userId), eq(memberships.organisationId, session.organisationId), eq(memberships.role, "partner")),
      )
      .where(eq(sharedSessionInvitees.sessionId, sessionId));
    const known = new Set(invitees.flatMap((i) => (i.userId ? [i.userId] : [])));
    for (const userId of submitted.keys())
      if (!known.has(userId)) return { ok: false as const, message: "Record attendance only for people invited to this session." };
    const before = await tx
      .select()
      .from(sharedSessionRegister)
      .where(eq(sharedSessionRegister.sessionId, sessionId))
      .orderBy(asc(sharedSessionRegister.recordedAt));
    const changes = registerChanges(latestAttendance(before), submitted);
    if (!changes.length) return { ok: true as const, recorded: 0 };
    const written = await tx
      .insert(sharedSessionRegister)
      .values(changes.map((c) => ({ sessionId, userId: c.userId, status: c.status, recordedById: actor.userId, recordedByRole: actor.role, recordedAt: now })))
      .returning();
    const topic = topicOf(session);
    for (const entry of written)
      await recordAudit(
        {
          ...actedBy(actor),
          action: "shared_session.attendance_recorded",
          subjectType: "shared_session",
          subjectId: sessionId,
          detail: { user: entry.userId, status: entry.status, topic, entry: entry.id },
        },
        tx,
      );
    // Each learner's evidence says who from the partner agencies attended, as the register now stands.
    const standing = latestAttendance([...before, ...written]);
    const agencies = [
      ...new Set(
        invitees
          .filter((i) => i.party === "partner" && i.userId && standing.get(i.userId)?.status === "attended" && i.agencyKind)
          .map((i) => i.agencyKind!),
      ),
    ]
      .sort((a, b) => Object.keys(AGENCY_LABELS).indexOf(a) - Object.keys(AGENCY_LABELS).indexOf(b))
      .map((k) => AGENCY_LABELS[k]);
    const recorderIds = [...new Set([...standing.values()].map((e) => e.recordedById))];
    const recorders = new Map(
      (await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, recorderIds))).map((u) => [u.id, u.name]),
    );
    const [facilitator] = await tx.select({ name: users.name }).from(users).where(eq(users.id, session.facilitatorId));
    for (const invitee of invitees.filter((i) => i.party === "learner" && i.userId && i.enrolmentId)) {
      const entry = standing.get(invitee.userId!);
      if (!entry) continue;
      await recordSourcedEvidence(
        tx,
        invitee.enrolmentId!,
        actor,
        "shared_session",
        attendanceSourceKey(sessionId, invitee.enrolmentId!),
        attendanceEvidence({
          topic,
          note: programme.sharedSessions.note,
          criteria: programme.sharedSessions.evidences,
          day: englandDay(session.startsAt),
          when: englandDateTime(session.startsAt),
          facilitator: facilitator?.name ?? "the facilitator",
          agencies,
          entry: {
            id: entry.id,
            status: entry.status,
            by: recorders.get(entry.recordedById) ?? "the facilitator",
            role: (ROLE_LABELS[entry.recordedByRole as Role] ?? entry.recordedByRole).toLowerCase(),
            at: englandDateTime(entry.recordedAt),
          },
          sessionId,
        }),
        // An absence is no evidence to start with; it corrects evidence of an attendance recorded before.
        { create: entry.status === "attended" },
      );
    }
    return { ok: true as const, recorded: written.length };
  });
}
