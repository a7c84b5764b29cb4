/**
 * The helpline desk: the queue of callback requests of one helpline, one request with its call
 * notes, logging calls, moving a request on, and making the returner's account. Every read and
 * write is scoped to the advisor's helpline: another helpline's request is not found.
 */
import { format } from "date-fns";
import { and, asc, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { callbackNotes, callbackRequests, enrolments, introductions, returnerProfiles, users } from "#db/schema";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { issuePasswordLink, normaliseEmail } from "~/modules/auth/accounts.server";
import { getDb } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import type { QueueFilters } from "./helpline-queue";
import { ageBandRange } from "./helpline-queue";
import { CALLBACK_STATUS_LABELS, CONTACT_OUTCOMES, type CallbackStatus, type CallOutcome } from "./options";
import { englandToday } from "~/utils/england";

export const REFRESHER_PROGRAMME = "return-to-social-work";
/** How long the set-your-password link in the welcome email works. */
export const WELCOME_LINK_LIFETIME_MS = 7 * 24 * 60 * 60_000;

/** A helpline advisor: the audit actor, with the names the helpline's records and emails show. */
export type HelplineActor = OrganisationActor & { name: string; helplineId: string; helplineName: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters other than status, as SQL, for both the list and the counts. */
function filterWhere(helplineId: string, filters: QueueFilters, today: string): SQL {
  const parts: SQL[] = [eq(callbackRequests.helplineId, helplineId)];
  if (filters.region) parts.push(eq(callbackRequests.region, filters.region));
  if (filters.specialism) parts.push(eq(callbackRequests.specialism, filters.specialism));
  if (filters.age) {
    const range = ageBandRange(filters.age, today);
    if (range.onOrAfter) parts.push(gte(callbackRequests.createdAt, new Date(`${range.onOrAfter}T00:00:00Z`)));
    if (range.onOrBefore) parts.push(lt(callbackRequests.createdAt, nextDay(range.onOrBefore)));
  }
  return and(...parts)!;
}

const nextDay = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 24 * 60 * 60_000);

export async function listQueue(helplineId: string, filters: QueueFilters, today: string) {
  const db = await getDb();
  const where = filterWhere(helplineId, filters, today);
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: callbackRequests.id,
        reference: callbackRequests.reference,
        name: callbackRequests.name,
        region: callbackRequests.region,
        specialism: callbackRequests.specialism,
        status: callbackRequests.status,
        callBackBy: callbackRequests.callBackBy,
        createdAt: callbackRequests.createdAt,
        updatedAt: callbackRequests.updatedAt,
      })
      .from(callbackRequests)
      .where(and(where, eq(callbackRequests.status, filters.status)))
      .orderBy(
        ...(filters.status === "new"
          ? [asc(callbackRequests.callBackBy), asc(callbackRequests.createdAt)]
          : [desc(callbackRequests.updatedAt)]),
      )
      .limit(200),
    db
      .select({
        status: callbackRequests.status,
        n: count(),
        overdue:
          sql<number>`count(*) filter (where ${callbackRequests.status} = 'new' and ${callbackRequests.callBackBy} < ${today})`.mapWith(
            Number,
          ),
      })
      .from(callbackRequests)
      .where(where)
      .groupBy(callbackRequests.status),
  ]);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<CallbackStatus, number>>;
  const overdue = counts.reduce((n, c) => n + c.overdue, 0);
  return { rows, byStatus, overdue };
}

export type CallbackRequestRow = typeof callbackRequests.$inferSelect;

/** One request of this helpline, or null (another helpline's, or no such id). */
export async function findRequest(helplineId: string, requestId: string | undefined) {
  if (!requestId || !UUID.test(requestId)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ request: callbackRequests, returnerName: users.name, returnerEmail: users.email })
    .from(callbackRequests)
    .leftJoin(users, eq(users.id, callbackRequests.returnerId))
    .where(and(eq(callbackRequests.id, requestId), eq(callbackRequests.helplineId, helplineId)))
    .limit(1);
  return row ?? null;
}

export async function listNotes(requestId: string) {
  const db = await getDb();
  return db
    .select({
      id: callbackNotes.id,
      outcome: callbackNotes.outcome,
      note: callbackNotes.note,
      createdAt: callbackNotes.createdAt,
      author: users.name,
    })
    .from(callbackNotes)
    .innerJoin(users, eq(users.id, callbackNotes.authorId))
    .where(eq(callbackNotes.requestId, requestId))
    .orderBy(desc(callbackNotes.createdAt), desc(callbackNotes.id));
}

/**
 * Logs a call (or an attempt, an email, a note). The first time the person is reached, that is
 * their first contact, and a new request becomes contacted. Note, request and audit commit together.
 */
export async function logCall(actor: HelplineActor, request: CallbackRequestRow, outcome: CallOutcome, note: string) {
  const db = await getDb();
  const reached = CONTACT_OUTCOMES.includes(outcome);
  await db.transaction(async (tx) => {
    await tx.insert(callbackNotes).values({ requestId: request.id, authorId: actor.userId, outcome, note });
    const changes: Partial<typeof callbackRequests.$inferInsert> = { updatedAt: new Date() };
    if (reached) {
      changes.firstContactAt = sql`coalesce(${callbackRequests.firstContactAt}, now())` as unknown as Date;
      if (request.status === "new") changes.status = "contacted";
    }
    await tx
      .update(callbackRequests)
      .set(changes)
      .where(and(eq(callbackRequests.id, request.id), eq(callbackRequests.helplineId, actor.helplineId)));
    await recordAudit(
      {
        ...actedBy(actor),
        organisationId: actor.helplineId,
        action: "callback.call_logged",
        subjectType: "callback_request",
        subjectId: request.id,
        detail: { outcome, ...(reached && request.status === "new" ? { status: "contacted" } : {}) },
      },
      tx,
    );
  });
}

/** Moves the request to another status, with the reason kept as a note in its history. */
export async function changeStatus(
  actor: HelplineActor,
  request: CallbackRequestRow,
  status: CallbackStatus,
  reason: string,
) {
  if (status === request.status) return;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const words = `Status changed from ${CALLBACK_STATUS_LABELS[request.status].toLowerCase()} to ${CALLBACK_STATUS_LABELS[status].toLowerCase()}.`;
    await tx.insert(callbackNotes).values({
      requestId: request.id,
      authorId: actor.userId,
      outcome: "note",
      note: reason ? `${words} ${reason}` : words,
    });
    await tx
      .update(callbackRequests)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(callbackRequests.id, request.id), eq(callbackRequests.helplineId, actor.helplineId)));
    await recordAudit(
      {
        ...actedBy(actor),
        organisationId: actor.helplineId,
        action: "callback.status_changed",
        subjectType: "callback_request",
        subjectId: request.id,
        detail: { from: request.status, to: status },
      },
      tx,
    );
  });
}

export type AccountResult = { ok: true; created: boolean; userId: string } | { ok: false; message: string };

/**
 * Makes the returner's account from the request (or links the account that already uses the
 * address), enrols them on the refresher programme, records where they stand as their returner
 * profile, and ties the request to them: all in one transaction with its audit record. A new
 * account gets a link to set its password; an existing one is told the helpline linked it.
 */
export async function createReturnerAccount(
  actor: HelplineActor,
  request: CallbackRequestRow,
  origin: string,
  today = englandToday(),
): Promise<AccountResult> {
  if (request.returnerId) return { ok: true, created: false, userId: request.returnerId };
  const db = await getDb();
  const email = normaliseEmail(request.email);
  const done = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash, accountKind: users.accountKind })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .limit(1);
    let userId = existing?.id;
    if (!userId) {
      const [created] = await tx
        .insert(users)
        .values({
          email,
          name: request.name,
          accountKind: "returner",
          helplineContactConsent: request.consentToShare,
        })
        .returning({ id: users.id });
      userId = created!.id;
    } else if (request.consentToShare && existing?.accountKind === "returner") {
      await tx.update(users).set({ helplineContactConsent: true }).where(eq(users.id, userId));
    }
    // Like a returner who signed up and enrolled themselves: no employer, no cohort.
    await tx
      .insert(enrolments)
      .values({
        userId,
        programmeSlug: REFRESHER_PROGRAMME,
        organisationId: null,
        startedOn: format(today, "yyyy-MM-dd"),
        enrolledById: actor.userId,
      })
      .onConflictDoNothing();
    // What they told the helpline; a profile they keep themselves already is left as it is.
    await tx
      .insert(returnerProfiles)
      .values({
        userId,
        region: request.region,
        specialism: request.specialism,
        lastPractisedOn: request.lastPractisedOn,
        registrationStatus: request.registrationStatus,
        lapsedOn: request.lapsedOn ?? request.lastPractisedOn,
        registrationRestored: request.registrationStatus === "registered",
      })
      .onConflictDoNothing();
    const linked = await tx
      .update(callbackRequests)
      .set({ returnerId: userId, updatedAt: new Date() })
      .where(
        and(
          eq(callbackRequests.id, request.id),
          eq(callbackRequests.helplineId, actor.helplineId),
          sql`${callbackRequests.returnerId} is null`,
        ),
      )
      .returning({ id: callbackRequests.id });
    if (linked.length === 0) return null;
    const created = !existing;
    await tx.insert(callbackNotes).values({
      requestId: request.id,
      authorId: actor.userId,
      outcome: "note",
      note: created
        ? "Account made and enrolled on the refresher programme; a link to set a password was emailed."
        : "Linked to their existing account and enrolled on the refresher programme.",
    });
    const token = !existing?.passwordHash ? await issuePasswordLink(tx, userId, WELCOME_LINK_LIFETIME_MS) : null;
    await recordAudit(
      {
        ...actedBy(actor),
        organisationId: actor.helplineId,
        action: created ? "returner.account_created" : "returner.account_linked",
        subjectType: "callback_request",
        subjectId: request.id,
        detail: { user: userId, programme: REFRESHER_PROGRAMME },
      },
      tx,
    );
    return { userId, created, token };
  });
  if (!done) return { ok: false, message: "This request already has an account linked to it." };
  // Sent only once the account and the link are stored.
  await sendEmail({
    to: email,
    subject: done.token
      ? "Set your password for Practice Pathways"
      : "Your Practice Pathways account and the refresher programme",
    text: [
      `Hello ${request.name},`,
      "",
      `${actor.name} at ${actor.helplineName} has ${done.created ? "made you an account on Practice Pathways" : "linked your callback request to your Practice Pathways account"} and enrolled you on the Return to Social Work refresher programme.`,
      "",
      ...(done.token
        ? [
            "Use this link to set your password and sign in. It works once, for 7 days:",
            "",
            `${origin}/reset-password/${done.token}`,
          ]
        : [`Sign in at ${origin}/sign-in to start the programme.`]),
      "",
      `There you can work through the refresher modules, log your updating days and keep your CPD records. Your reference with the helpline is ${request.reference}.`,
    ].join("\n"),
  });
  return { ok: true, created: done.created, userId: done.userId };
}

/**
 * Self-registered returners who agreed to be contacted and are still waiting for the helpline,
 * oldest first: someone whose request an advisor has reached, moved on or introduced is not
 * waiting (as isWaitingForHelpline says for one request).
 */
export async function listWaitingReturners() {
  const db = await getDb();
  return db
    .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt })
    .from(users)
    .where(
      and(
        eq(users.accountKind, "returner"),
        eq(users.helplineContactConsent, true),
        sql`not exists (select 1 from ${callbackRequests} where ${callbackRequests.returnerId} = ${users.id} and (${callbackRequests.status} <> 'new' or ${callbackRequests.firstContactAt} is not null or exists (select 1 from ${introductions} where ${introductions.requestId} = ${callbackRequests.id})))`,
      ),
    )
    .orderBy(asc(users.createdAt));
}
