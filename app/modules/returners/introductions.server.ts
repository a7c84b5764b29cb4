/**
 * Introductions of returners to councils: made by a helpline advisor for one request (with the
 * person's recorded consent), then taken forward by the council's programme lead. Every change
 * appends an introduction event and an audit entry in the same transaction.
 */
import { format, parseISO } from "date-fns";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  callbackNotes,
  callbackRequests,
  introductionEvents,
  introductions,
  organisations,
  users,
  vacancies,
} from "#db/schema";
import { actedBy, recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import { introductionAnsweredNotice, introductionMadeNotice } from "~/modules/notices/notices";
import { emailNoticesAfterCommit, type NoticeRow, recordNotices } from "~/modules/notices/notices.server";
import { canMove, hasRecordedConsent, requestStatusAfter } from "./introductions";
import type { CouncilStepInput } from "./introduction-schema.server";
import { CALLBACK_STATUS_LABELS, type IntroductionStatus } from "./options";
import { vacancyState } from "./vacancies";
import type { Actor } from "./vacancies.server";

export type { Actor };

/** One of the helpline's requests; a request to another helpline is not found. */
export async function findHelplineRequest(helplineId: string, requestId: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(callbackRequests)
    .where(and(eq(callbackRequests.id, requestId), eq(callbackRequests.helplineId, helplineId)))
    .limit(1);
  return row ?? null;
}

/** The introductions made for one request, with the council and the post. */
export async function listRequestIntroductions(requestId: string) {
  const db = await getDb();
  return db
    .select({
      id: introductions.id,
      vacancyId: introductions.vacancyId,
      status: introductions.status,
      updatedAt: introductions.updatedAt,
      createdAt: introductions.createdAt,
      vacancyTitle: vacancies.title,
      council: organisations.name,
    })
    .from(introductions)
    .innerJoin(vacancies, eq(vacancies.id, introductions.vacancyId))
    .innerJoin(organisations, eq(organisations.id, introductions.organisationId))
    .where(eq(introductions.requestId, requestId))
    .orderBy(desc(introductions.createdAt));
}

export type IntroduceResult = { ok: true; introductionId: string } | { ok: false; message: string };

/**
 * Introduces the person behind a request to the council that posted a vacancy. Refused without
 * their recorded consent, for a post that is closed or withdrawn, and a second time for the same post.
 */
export async function introduce(
  actor: Actor,
  requestId: string,
  vacancyId: string,
  today: string,
): Promise<IntroduceResult> {
  const db = await getDb();
  let told: NoticeRow[] = [];
  const result = await db.transaction(async (tx): Promise<IntroduceResult> => {
    const [request] = await tx
      .select()
      .from(callbackRequests)
      .where(and(eq(callbackRequests.id, requestId), eq(callbackRequests.helplineId, actor.organisationId)))
      .for("update");
    if (!request) return { ok: false, message: "We could not find that request" };
    if (!hasRecordedConsent(request))
      return {
        ok: false,
        message: `${request.name} has not agreed to share their details with councils, so they cannot be introduced. Ask for their consent and record it first.`,
      };
    const [vacancy] = await tx.select().from(vacancies).where(eq(vacancies.id, vacancyId));
    if (!vacancy || vacancyState(vacancy, today) !== "open")
      return { ok: false, message: "That vacancy is not open any more. Choose one from the list." };
    const [created] = await tx
      .insert(introductions)
      .values({ requestId, vacancyId, organisationId: vacancy.organisationId, introducedById: actor.userId })
      .onConflictDoNothing()
      .returning({ id: introductions.id });
    if (!created) return { ok: false, message: `${request.name} has already been introduced for ${vacancy.title}.` };
    await tx
      .insert(introductionEvents)
      .values({ introductionId: created.id, status: "introduced", byId: actor.userId });
    // The request leaves "waiting" with the introduction, in its history and the audit trail too,
    // so the queue's counts and the returner's page agree with what happened.
    const status = requestStatusAfter(request.status, "introduced");
    if (status !== request.status) {
      await tx
        .update(callbackRequests)
        .set({ status, updatedAt: new Date() })
        .where(eq(callbackRequests.id, requestId));
      await tx.insert(callbackNotes).values({
        requestId,
        authorId: actor.userId,
        outcome: "note",
        note: `Status changed from ${CALLBACK_STATUS_LABELS[request.status].toLowerCase()} to ${CALLBACK_STATUS_LABELS[status].toLowerCase()}: introduced for ${vacancy.title}.`,
      });
      await recordAudit(
        {
          ...actedBy(actor),
          action: "callback.status_changed",
          subjectType: "callback_request",
          subjectId: requestId,
          detail: { from: request.status, to: status, introduction: created.id },
        },
        tx,
      );
    }
    await recordAudit(
      {
        ...actedBy(actor),
        action: "introduction.made",
        subjectType: "introduction",
        subjectId: created.id,
        detail: { request: request.reference, vacancy: vacancy.id, council: vacancy.organisationId },
      },
      tx,
    );
    if (vacancy.postedById)
      told = await recordNotices(tx, [
        introductionMadeNotice(
          { id: created.id, personName: request.name, vacancyTitle: vacancy.title, councilId: vacancy.organisationId },
          vacancy.postedById,
        ),
      ]);
    return { ok: true, introductionId: created.id };
  });
  await emailNoticesAfterCommit(told);
  return result;
}

const councilColumns = {
  id: introductions.id,
  status: introductions.status,
  interviewOn: introductions.interviewOn,
  startsOn: introductions.startsOn,
  councilNote: introductions.councilNote,
  createdAt: introductions.createdAt,
  updatedAt: introductions.updatedAt,
  vacancyId: vacancies.id,
  vacancyTitle: vacancies.title,
  vacancyTeam: vacancies.team,
  reference: callbackRequests.reference,
  name: callbackRequests.name,
  email: callbackRequests.email,
  phone: callbackRequests.phone,
  region: callbackRequests.region,
  specialism: callbackRequests.specialism,
  lastPractisedOn: callbackRequests.lastPractisedOn,
  registrationStatus: callbackRequests.registrationStatus,
  bestTimes: callbackRequests.bestTimes,
  consentToShare: callbackRequests.consentToShare,
};

/** Introductions to one council only, the most recently changed first. */
export async function listOrganisationIntroductions(organisationId: string) {
  const db = await getDb();
  return db
    .select(councilColumns)
    .from(introductions)
    .innerJoin(vacancies, eq(vacancies.id, introductions.vacancyId))
    .innerJoin(callbackRequests, eq(callbackRequests.id, introductions.requestId))
    .where(eq(introductions.organisationId, organisationId))
    .orderBy(desc(introductions.updatedAt));
}

async function eventsOf(introductionIds: string[]) {
  if (!introductionIds.length) return [];
  const db = await getDb();
  return db
    .select({
      introductionId: introductionEvents.introductionId,
      status: introductionEvents.status,
      note: introductionEvents.note,
      at: introductionEvents.createdAt,
      by: users.name,
    })
    .from(introductionEvents)
    .innerJoin(users, eq(users.id, introductionEvents.byId))
    .where(inArray(introductionEvents.introductionId, introductionIds))
    .orderBy(asc(introductionEvents.createdAt), asc(introductionEvents.id));
}

/** One introduction to the council, with its history; another council's is not found. */
export async function findOrganisationIntroduction(organisationId: string, introductionId: string) {
  const db = await getDb();
  const [row] = await db
    .select(councilColumns)
    .from(introductions)
    .innerJoin(vacancies, eq(vacancies.id, introductions.vacancyId))
    .innerJoin(callbackRequests, eq(callbackRequests.id, introductions.requestId))
    .where(and(eq(introductions.id, introductionId), eq(introductions.organisationId, organisationId)))
    .limit(1);
  if (!row) return null;
  return { ...row, events: await eventsOf([row.id]) };
}

export type StepResult = { ok: true; status: IntroductionStatus } | { ok: false; message: string };

const STEP_WORDS: Record<CouncilStepInput["intent"], string> = {
  interview: "an interview",
  offered: "an offer",
  started: "a start",
  declined: "a decline",
};

const longDate = (iso: string) => format(parseISO(iso), "d MMMM yyyy");
const noteOf = (input: CouncilStepInput) => ("reason" in input ? input.reason : input.note);

/** Records the council's next step; a step that does not follow from where it stands is refused. */
export async function recordCouncilStep(actor: Actor, introductionId: string, input: CouncilStepInput): Promise<StepResult> {
  const db = await getDb();
  let told: NoticeRow[] = [];
  const result = await db.transaction(async (tx): Promise<StepResult> => {
    const [current] = await tx
      .select()
      .from(introductions)
      .where(and(eq(introductions.id, introductionId), eq(introductions.organisationId, actor.organisationId)))
      .for("update");
    if (!current) return { ok: false, message: "We could not find that introduction" };
    if (!canMove(current.status, input.intent))
      return { ok: false, message: `You cannot record ${STEP_WORDS[input.intent]} now: the introduction is at “${current.status}”.` };
    await tx
      .update(introductions)
      .set({
        status: input.intent,
        ...(input.intent === "interview" ? { interviewOn: input.interviewOn } : {}),
        ...(input.intent === "started" ? { startsOn: input.startsOn } : {}),
        ...(noteOf(input) ? { councilNote: noteOf(input) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(introductions.id, introductionId));
    const detail =
      input.intent === "interview"
        ? `Interview on ${longDate(input.interviewOn)}`
        : input.intent === "started"
          ? `Starts on ${longDate(input.startsOn)}`
          : "";
    await tx.insert(introductionEvents).values({
      introductionId,
      status: input.intent,
      note: [detail, noteOf(input)].filter(Boolean).join(". "),
      byId: actor.userId,
    });
    const [request] = await tx
      .select({ id: callbackRequests.id, status: callbackRequests.status })
      .from(callbackRequests)
      .where(eq(callbackRequests.id, current.requestId));
    if (request) {
      const status = requestStatusAfter(request.status, input.intent);
      if (status !== request.status)
        await tx
          .update(callbackRequests)
          .set({ status, updatedAt: new Date() })
          .where(eq(callbackRequests.id, request.id));
    }
    await recordAudit(
      {
        ...actedBy(actor),
        action: `introduction.${input.intent}`,
        subjectType: "introduction",
        subjectId: introductionId,
        detail: { from: current.status, to: input.intent },
      },
      tx,
    );
    // The advisor who made the introduction hears the council's answer.
    const [about] = await tx
      .select({ personName: callbackRequests.name, helplineId: callbackRequests.helplineId, council: organisations.name })
      .from(callbackRequests)
      .innerJoin(organisations, eq(organisations.id, current.organisationId))
      .where(eq(callbackRequests.id, current.requestId));
    if (about && current.introducedById)
      told = await recordNotices(tx, [
        introductionAnsweredNotice(
          { id: introductionId, requestId: current.requestId, personName: about.personName, helplineId: about.helplineId },
          current.introducedById,
          input.intent,
          about.council,
        ),
      ]);
    return { ok: true, status: input.intent };
  });
  await emailNoticesAfterCommit(told);
  return result;
}

/** Every introduction the helpline has made, for its advisors' list. */
export async function listHelplineIntroductions(helplineId: string) {
  const db = await getDb();
  return db
    .select({
      id: introductions.id,
      status: introductions.status,
      updatedAt: introductions.updatedAt,
      requestId: callbackRequests.id,
      reference: callbackRequests.reference,
      name: callbackRequests.name,
      vacancyTitle: vacancies.title,
      council: organisations.name,
    })
    .from(introductions)
    .innerJoin(callbackRequests, eq(callbackRequests.id, introductions.requestId))
    .innerJoin(vacancies, eq(vacancies.id, introductions.vacancyId))
    .innerJoin(organisations, eq(organisations.id, introductions.organisationId))
    .where(eq(callbackRequests.helplineId, helplineId))
    .orderBy(desc(introductions.updatedAt))
    .limit(200);
}
