/**
 * External examiners' appointments: the university's programme lead appoints a member who holds the
 * external examiner role to one of the university's Masters programmes for a term, and may end an
 * appointment early with a reason. Both are append-only records (`coursework_examiners`,
 * `coursework_examiner_endings`), audited; `examining.server.ts` lets an examiner in only while
 * one is current.
 */
import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq } from "drizzle-orm";
import { courseworkExaminerEndings, courseworkExaminers, memberships, users } from "#db/schema";
import type { Database } from "#db/client";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { findProgramme, listProgrammes } from "~/modules/programmes/catalogue.server";
import { englandDay } from "~/utils/england";
import { getDb } from "~/utils/db.server";
import { isUuid } from "~/utils/ids";
import { appointmentState, dayInWords, termProblem, termsOverlap, type AppointmentState } from "./examiners";

/** The programmes an examiner can be appointed to: those leading to an award (today, the Masters). */
export function appointableProgrammes(): { slug: string; title: string }[] {
  return listProgrammes()
    .filter((p) => !!p.award)
    .map((p) => ({ slug: p.slug, title: p.title }));
}

const programmeTitle = (slug: string) => findProgramme(slug)?.title ?? slug;

const appointer = alias(users, "appointer");
const ender = alias(users, "ender");

export interface Appointment {
  id: string;
  membershipId: string;
  programmeSlug: string;
  programmeTitle: string;
  startsOn: string;
  endsOn: string;
  appointedByName: string;
  appointedByRole: string;
  appointedAt: Date;
  ending: { reason: string; byName: string; byRole: string; at: Date } | null;
  state: AppointmentState;
}

/** Every appointment matching `where`, newest term first, with who made and who ended it (one statement). */
async function appointmentsWhere(db: Database, where: ReturnType<typeof and>, today: string): Promise<Appointment[]> {
  const rows = await db
    .select({
      appointment: courseworkExaminers,
      appointedByName: appointer.name,
      ending: courseworkExaminerEndings,
      endedByName: ender.name,
    })
    .from(courseworkExaminers)
    .innerJoin(appointer, eq(appointer.id, courseworkExaminers.appointedById))
    .leftJoin(courseworkExaminerEndings, eq(courseworkExaminerEndings.appointmentId, courseworkExaminers.id))
    .leftJoin(ender, eq(ender.id, courseworkExaminerEndings.endedById))
    .where(where)
    .orderBy(desc(courseworkExaminers.startsOn), desc(courseworkExaminers.appointedAt));
  return rows.map(({ appointment: a, appointedByName, ending, endedByName }) => ({
    id: a.id,
    membershipId: a.membershipId,
    programmeSlug: a.programmeSlug,
    programmeTitle: programmeTitle(a.programmeSlug),
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    appointedByName,
    appointedByRole: a.appointedByRole,
    appointedAt: a.appointedAt,
    ending: ending ? { reason: ending.reason, byName: endedByName ?? "Someone", byRole: ending.endedByRole, at: ending.endedAt } : null,
    state: appointmentState({ startsOn: a.startsOn, endsOn: a.endsOn, endedAt: ending?.endedAt ?? null }, today),
  }));
}

/** A university's external examiners (members holding the role) with their appointments: two statements, whatever their number. */
export async function examinersOf(organisationId: string, today = englandDay()) {
  const db = await getDb();
  const [people, appointments] = await Promise.all([
    db
      .select({ membershipId: memberships.id, name: users.name, email: users.email, jobTitle: memberships.jobTitle, active: memberships.active })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "external_examiner")))
      .orderBy(asc(users.name)),
    appointmentsWhere(db, and(eq(courseworkExaminers.organisationId, organisationId)), today),
  ]);
  // Someone no longer a member keeps their appointments on record, and is listed while they have any.
  return people
    .map((p) => ({ ...p, appointments: appointments.filter((a) => a.membershipId === p.membershipId) }))
    .filter((p) => p.active || p.appointments.length > 0);
}

/** The appointments of one examiner's membership in one university, newest first. */
export async function appointmentsOfMembership(membershipId: string, organisationId: string, today = englandDay()) {
  const db = await getDb();
  return appointmentsWhere(
    db,
    and(eq(courseworkExaminers.membershipId, membershipId), eq(courseworkExaminers.organisationId, organisationId)),
    today,
  );
}

export type AppointResult =
  | { ok: true; appointmentId: string }
  | { ok: false; field: "membershipId" | "programmeSlug" | "startsOn" | "endsOn" | "form"; message: string };

/**
 * The lead appoints one of the university's external examiners to a programme for a term. Refused,
 * with words for the field, when the member is not the university's, does not hold the role, the
 * programme leads to no award, the term is wrong, or it overlaps another appointment not ended.
 */
export async function appointExaminer(
  actor: OrganisationActor,
  input: { membershipId: string; programmeSlug: string; startsOn: string; endsOn: string },
  options: { db?: Database; today?: string; appointedAt?: Date } = {},
): Promise<AppointResult> {
  const db = options.db ?? (await getDb());
  const today = options.today ?? englandDay();
  if (!isUuid(input.membershipId)) return { ok: false, field: "membershipId", message: "Choose one of your university's external examiners" };
  if (!appointableProgrammes().some((p) => p.slug === input.programmeSlug))
    return { ok: false, field: "programmeSlug", message: "Choose one of your university's Masters programmes" };
  const problem = termProblem(input, today);
  if (problem) return { ok: false, ...problem };
  return db.transaction(async (tx) => {
    // Locked, so two appointments of one member made at once cannot both pass the overlap check.
    const [member] = await tx
      .select({ id: memberships.id, role: memberships.role, active: memberships.active, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, input.membershipId), eq(memberships.organisationId, actor.organisationId)))
      .for("update", { of: memberships });
    if (!member || !member.active) return { ok: false as const, field: "membershipId" as const, message: "Choose one of your university's external examiners" };
    if (member.role !== "external_examiner")
      return {
        ok: false as const,
        field: "membershipId" as const,
        message: `${member.name} does not hold the external examiner role here: invite them as an external examiner first`,
      };
    const existing = await appointmentsWhere(
      tx as unknown as Database,
      and(eq(courseworkExaminers.membershipId, member.id), eq(courseworkExaminers.organisationId, actor.organisationId)),
      today,
    );
    const clash = existing.find((a) => !a.ending && termsOverlap(a, input));
    if (clash)
      return {
        ok: false as const,
        field: "startsOn" as const,
        message: `${member.name} is already appointed to ${clash.programmeTitle} from ${dayInWords(clash.startsOn)} to ${dayInWords(clash.endsOn)}: end that appointment first, or start this one after it`,
      };
    const [row] = await tx
      .insert(courseworkExaminers)
      .values({
        membershipId: member.id,
        organisationId: actor.organisationId,
        programmeSlug: input.programmeSlug,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        appointedById: actor.userId,
        appointedByRole: actor.role,
        ...(options.appointedAt ? { appointedAt: options.appointedAt } : {}),
      })
      .returning({ id: courseworkExaminers.id });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.examiner_appointed",
        subjectType: "membership",
        subjectId: member.id,
        detail: { appointment: row!.id, programmeTitle: programmeTitle(input.programmeSlug), startsOn: input.startsOn, endsOn: input.endsOn },
      },
      tx as unknown as Database,
    );
    return { ok: true as const, appointmentId: row!.id };
  });
}

/** The lead ends an appointment early, with the reason; the examiner loses access at once. */
export async function endAppointment(
  actor: OrganisationActor,
  input: { appointmentId: string; reason: string },
  today = englandDay(),
): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
  if (!isUuid(input.appointmentId)) return { ok: false, message: "We could not find that appointment" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ appointment: courseworkExaminers, name: users.name })
      .from(courseworkExaminers)
      .innerJoin(memberships, eq(memberships.id, courseworkExaminers.membershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(courseworkExaminers.id, input.appointmentId), eq(courseworkExaminers.organisationId, actor.organisationId)))
      .for("update", { of: courseworkExaminers });
    if (!found) return { ok: false as const, message: "We could not find that appointment" };
    if (appointmentState({ ...found.appointment, endedAt: null }, today) === "expired")
      return {
        ok: false as const,
        message: `${found.name}'s appointment ended with its term on ${dayInWords(found.appointment.endsOn)}: there is nothing left to end`,
      };
    const [ended] = await tx
      .insert(courseworkExaminerEndings)
      .values({ appointmentId: found.appointment.id, reason: input.reason, endedById: actor.userId, endedByRole: actor.role })
      .onConflictDoNothing()
      .returning({ id: courseworkExaminerEndings.appointmentId });
    if (!ended) return { ok: false as const, message: `${found.name}'s appointment has already been ended` };
    await recordAudit(
      {
        ...actedBy(actor),
        action: "coursework.examiner_appointment_ended",
        subjectType: "membership",
        subjectId: found.appointment.membershipId,
        detail: { appointment: found.appointment.id, programmeTitle: programmeTitle(found.appointment.programmeSlug), reason: input.reason },
      },
      tx as unknown as Database,
    );
    return { ok: true as const, name: found.name };
  });
}
