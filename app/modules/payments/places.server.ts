/**
 * Places bought and what people see of their payments (ADR 027): a lead gives their organisation's
 * places to its learners and takes one back before the learner starts; learners and leads read
 * their payments with Stripe's receipt; the platform admin reads every payment, refund and dispute.
 */
import { alias } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "#db/client";
import { checkoutSessions, enrolments, memberships, organisations, paymentEvents, payments, seatAssignments, seats, users } from "#db/schema";
import { actedBy, recordAudit, type OrganisationActor } from "~/modules/audit/audit.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { enrolFromPlace, placesOf, startedEnrolments } from "./fulfilment.server";
import { nextSequence, placeState, type PlaceState, type SeatEvent } from "./places";

export type PaymentKind = "paid" | "failed" | "refunded" | "disputed";

/** Where a checkout stands, from its money records. */
export interface CheckoutStanding {
  state: "awaiting" | "paid" | "failed" | "refunded" | "part_refunded";
  paidPence: number;
  refundedPence: number;
  disputed: boolean;
  receiptUrl: string | null;
  paidAt: Date | null;
}

export function standingOf(totalPence: number, money: readonly { kind: PaymentKind; amountPence: number; receiptUrl: string | null; occurredAt: Date }[]): CheckoutStanding {
  const paid = money.find((m) => m.kind === "paid");
  const refundedPence = Math.max(0, ...money.filter((m) => m.kind === "refunded").map((m) => m.amountPence));
  const state = !paid
    ? money.some((m) => m.kind === "failed")
      ? "failed"
      : "awaiting"
    : refundedPence >= (paid.amountPence || totalPence)
      ? "refunded"
      : refundedPence > 0
        ? "part_refunded"
        : "paid";
  const receiptUrl = paid?.receiptUrl ?? money.find((m) => m.kind === "refunded" && m.receiptUrl)?.receiptUrl ?? null;
  return { state, paidPence: paid?.amountPence ?? 0, refundedPence, disputed: money.some((m) => m.kind === "disputed"), receiptUrl, paidAt: paid?.occurredAt ?? null };
}

export interface PlaceView {
  seatId: string;
  number: number;
  state: PlaceState;
  learnerName: string | null;
  started: boolean;
  history: { kind: SeatEvent["kind"]; learnerName: string | null; byName: string | null; byRole: string; at: Date }[];
}

export interface PurchaseView {
  id: string;
  programmeSlug: string;
  programmeTitle: string;
  quantity: number;
  totalPence: number;
  vatPence: number;
  mode: "stripe" | "test";
  byInvoice: boolean;
  buyerName: string;
  createdAt: Date;
  standing: CheckoutStanding;
  places: PlaceView[];
}

/**
 * The checkouts a person bought for themselves, or an organisation's, with their money and places:
 * a fixed number of statements however many there are.
 */
export async function listPurchases(
  scope: { buyerId: string; selfFunded: true } | { organisationId: string } | { checkoutId: string },
  db?: Database,
): Promise<PurchaseView[]> {
  const d = db ?? (await getDb());
  const buyer = alias(users, "buyer");
  const where =
    "checkoutId" in scope
      ? eq(checkoutSessions.id, scope.checkoutId)
      : "organisationId" in scope
        ? eq(checkoutSessions.organisationId, scope.organisationId)
        : and(eq(checkoutSessions.buyerId, scope.buyerId), sql`${checkoutSessions.organisationId} is null`);
  const sessions = await d
    .select({ session: checkoutSessions, buyerName: buyer.name })
    .from(checkoutSessions)
    .innerJoin(buyer, eq(buyer.id, checkoutSessions.buyerId))
    .where(where)
    .orderBy(desc(checkoutSessions.createdAt))
    .limit(200);
  const ids = sessions.map((s) => s.session.id);
  if (!ids.length) return [];
  const paidIntents = d
    .select({ intent: payments.paymentIntentId })
    .from(payments)
    .where(and(inArray(payments.checkoutSessionId, ids), eq(payments.kind, "paid")));
  const [money, paidRows, places] = await Promise.all([
    d
      .select()
      .from(payments)
      .where(or(inArray(payments.checkoutSessionId, ids), inArray(payments.paymentIntentId, paidIntents))),
    d
      .select({ sessionId: payments.checkoutSessionId, intent: payments.paymentIntentId })
      .from(payments)
      .where(and(inArray(payments.checkoutSessionId, ids), eq(payments.kind, "paid"))),
    placesWithNames(d, ids),
  ]);
  const sessionOfIntent = new Map(paidRows.map((p) => [p.intent, p.sessionId]));
  return sessions.map(({ session, buyerName }) => {
    const mine = money.filter(
      (m) => m.checkoutSessionId === session.id || (m.paymentIntentId && sessionOfIntent.get(m.paymentIntentId) === session.id),
    );
    return {
      id: session.id,
      programmeSlug: session.programmeSlug,
      programmeTitle: findProgramme(session.programmeSlug)?.title ?? session.programmeSlug,
      quantity: session.quantity,
      totalPence: session.totalPence,
      vatPence: session.vatPence,
      mode: session.mode,
      byInvoice: session.byInvoice,
      buyerName,
      createdAt: session.createdAt,
      standing: standingOf(session.totalPence, mine),
      places: places.filter((p) => p.sessionId === session.id),
    };
  });
}

/** Places of some checkouts with their history in names, and whether each holder has started. */
async function placesWithNames(db: Database, sessionIds: string[]): Promise<(PlaceView & { sessionId: string })[]> {
  const { seats: seatRows, history } = await placesOf(db, sessionIds);
  const peopleIds = [...new Set(history.flatMap((h) => [h.learnerId, h.byId]).filter((id): id is string => !!id))];
  const held = seatRows.flatMap((s) => {
    const state = placeState(history.filter((h) => h.seatId === s.id) as SeatEvent[]);
    return state.state === "held" ? [state.enrolmentId] : [];
  });
  const [people, started] = await Promise.all([
    peopleIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, peopleIds)) : [],
    startedEnrolments(db, held),
  ]);
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
  return seatRows.map((seat) => {
    const events = history.filter((h) => h.seatId === seat.id);
    const state = placeState(events as SeatEvent[]);
    return {
      sessionId: seat.checkoutSessionId,
      seatId: seat.id,
      number: seat.number,
      state,
      learnerName: state.state === "free" ? null : name(state.learnerId),
      started: state.state === "held" && started.has(state.enrolmentId),
      history: events.map((e) => ({ kind: e.kind, learnerName: name(e.learnerId), byName: name(e.byId), byRole: e.byRole, at: e.at })),
    };
  });
}

export type PlaceResult = { ok: true; learnerName: string } | { ok: false; field: "seat" | "learner"; message: string };

/** A place of the lead's organisation, its checkout locked for the change (the webhook takes the same lock). */
async function lockedPlace(tx: Database, organisationId: string, seatId: string) {
  const [row] = await tx
    .select({ number: seats.number, sessionId: checkoutSessions.id })
    .from(seats)
    .innerJoin(checkoutSessions, eq(checkoutSessions.id, seats.checkoutSessionId))
    .where(and(eq(seats.id, seatId), eq(checkoutSessions.organisationId, organisationId)))
    .limit(1);
  if (!row) return null;
  const [session] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.id, row.sessionId)).for("update");
  const history = (await tx
    .select()
    .from(seatAssignments)
    .where(eq(seatAssignments.seatId, seatId))
    .orderBy(asc(seatAssignments.sequence))) as (SeatEvent & { id: string })[];
  return { session: session!, number: row.number, history };
}

/** The lead gives a free place of their organisation to one of its learners, enrolling them. */
export async function assignPlace(actor: OrganisationActor, input: { seatId: string; learnerId: string }): Promise<PlaceResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<PlaceResult> => {
    const place = await lockedPlace(tx, actor.organisationId, input.seatId);
    if (!place) return { ok: false, field: "seat", message: "Choose one of your organisation's places" };
    const state = placeState(place.history);
    if (state.state === "refunded") return { ok: false, field: "seat", message: "That place was refunded: it cannot be given" };
    if (state.state === "held") return { ok: false, field: "seat", message: "That place is already given: take it back first" };
    const [learner] = await tx
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.organisationId, actor.organisationId),
          eq(memberships.userId, input.learnerId),
          eq(memberships.role, "learner"),
          eq(memberships.active, true),
        ),
      )
      .limit(1);
    if (!learner) return { ok: false, field: "learner", message: "Choose a learner from your organisation" };
    const [already] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.userId, learner.id),
          eq(enrolments.programmeSlug, place.session.programmeSlug),
          inArray(enrolments.status, ["active", "completed"]),
        ),
      )
      .limit(1);
    if (already) return { ok: false, field: "learner", message: `${learner.name} is already on this programme` };
    const enrolmentId = await enrolFromPlace(tx, place.session, learner.id, actor.userId);
    await tx.insert(seatAssignments).values({
      seatId: input.seatId,
      kind: "assigned",
      learnerId: learner.id,
      enrolmentId,
      byId: actor.userId,
      byRole: actor.role,
      sequence: nextSequence(place.history),
    });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "place.assigned",
        subjectType: "enrolment",
        subjectId: enrolmentId,
        detail: { programme: place.session.programmeSlug, learner: learner.id, place: place.number, checkout: place.session.id },
      },
      tx,
    );
    return { ok: true, learnerName: learner.name };
  });
}

/** The lead takes a place back from a learner who has not started: their enrolment ends and the place is free again. */
export async function takeBackPlace(actor: OrganisationActor, input: { seatId: string }): Promise<PlaceResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<PlaceResult> => {
    const place = await lockedPlace(tx, actor.organisationId, input.seatId);
    if (!place) return { ok: false, field: "seat", message: "Choose one of your organisation's places" };
    const state = placeState(place.history);
    if (state.state !== "held") return { ok: false, field: "seat", message: "No one holds that place" };
    const [learner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, state.learnerId));
    const started = await startedEnrolments(tx, [state.enrolmentId]);
    if (started.size)
      return { ok: false, field: "seat", message: `${learner?.name ?? "The learner"} has started, so the place cannot be taken back` };
    await tx
      .update(enrolments)
      .set({ status: "withdrawn" })
      .where(and(eq(enrolments.id, state.enrolmentId), eq(enrolments.status, "active")));
    await tx.insert(seatAssignments).values({
      seatId: input.seatId,
      kind: "taken_back",
      learnerId: state.learnerId,
      enrolmentId: state.enrolmentId,
      byId: actor.userId,
      byRole: actor.role,
      sequence: nextSequence(place.history),
    });
    await recordAudit(
      {
        ...actedBy(actor),
        action: "place.taken_back",
        subjectType: "enrolment",
        subjectId: state.enrolmentId,
        detail: { programme: place.session.programmeSlug, learner: state.learnerId, place: place.number },
      },
      tx,
    );
    return { ok: true, learnerName: learner?.name ?? "The learner" };
  });
}

export interface PaymentFilters {
  kind?: PaymentKind;
  programme?: string;
  organisationId?: string;
  /** yyyy-mm-dd, inclusive. */
  from?: string;
  /** yyyy-mm-dd, inclusive. */
  to?: string;
}

/** The most rows the admin's page shows; the export holds up to PAYMENTS_EXPORT_LIMIT. */
export const PAYMENTS_PAGE_SIZE = 100;
export const PAYMENTS_EXPORT_LIMIT = 20_000;

/** Every payment, refund and dispute (the platform admin's view), newest first, filtered. */
export async function listAllPayments(filters: PaymentFilters, limit = PAYMENTS_PAGE_SIZE) {
  const db = await getDb();
  const paid = alias(payments, "paid");
  const buyer = alias(users, "buyer");
  // A refund or dispute recorded before its payment names only the payment intent: find its checkout through the payment.
  const sessionId = sql<string | null>`coalesce(${payments.checkoutSessionId}, ${paid.checkoutSessionId})`;
  const conditions: SQL[] = [];
  if (filters.kind) conditions.push(eq(payments.kind, filters.kind));
  if (filters.programme) conditions.push(eq(checkoutSessions.programmeSlug, filters.programme));
  if (filters.organisationId) conditions.push(eq(checkoutSessions.organisationId, filters.organisationId));
  if (filters.from) conditions.push(gte(payments.occurredAt, sql`(${filters.from}::date)::timestamp at time zone 'Europe/London'`));
  if (filters.to) conditions.push(lt(payments.occurredAt, sql`((${filters.to}::date + 1))::timestamp at time zone 'Europe/London'`));
  const rows = await db
    .select({
      id: payments.id,
      kind: payments.kind,
      amountPence: payments.amountPence,
      currency: payments.currency,
      occurredAt: payments.occurredAt,
      receiptUrl: payments.receiptUrl,
      reason: payments.reason,
      paymentIntentId: payments.paymentIntentId,
      chargeId: payments.chargeId,
      checkoutId: checkoutSessions.id,
      stripeSessionId: checkoutSessions.stripeSessionId,
      mode: checkoutSessions.mode,
      programmeSlug: checkoutSessions.programmeSlug,
      quantity: checkoutSessions.quantity,
      totalPence: checkoutSessions.totalPence,
      vatPence: checkoutSessions.vatPence,
      buyerName: buyer.name,
      buyerEmail: buyer.email,
      organisationName: organisations.name,
    })
    .from(payments)
    .leftJoin(paid, and(eq(paid.kind, "paid"), eq(paid.paymentIntentId, payments.paymentIntentId), sql`${payments.checkoutSessionId} is null`))
    .leftJoin(checkoutSessions, eq(checkoutSessions.id, sessionId))
    .leftJoin(buyer, eq(buyer.id, checkoutSessions.buyerId))
    .leftJoin(organisations, eq(organisations.id, checkoutSessions.organisationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(payments.occurredAt), desc(payments.recordedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, programmeTitle: r.programmeSlug ? (findProgramme(r.programmeSlug)?.title ?? r.programmeSlug) : null }));
}

/** Organisations that have bought places, for the admin's filter. */
export async function organisationsThatBought() {
  const db = await getDb();
  return db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(checkoutSessions)
    .innerJoin(organisations, eq(organisations.id, checkoutSessions.organisationId))
    .orderBy(asc(organisations.name));
}

/** Whether Stripe (or the test checkout) has told us anything of a checkout yet: the success page waits for that. */
export async function heardOf(stripeSessionId: string) {
  const db = await getDb();
  const [row] = await db.select({ id: paymentEvents.id }).from(paymentEvents).where(eq(paymentEvents.objectId, stripeSessionId)).limit(1);
  return !!row;
}

/** A checkout as its buyer sees it after paying: its money, its places, and the buyer's enrolment for a self-funder. */
export async function checkoutReport(checkoutId: string, buyerId: string) {
  const db = await getDb();
  const [purchase] = await listPurchases({ checkoutId }, db);
  if (!purchase) return null;
  const own = purchase.places[0]?.state;
  const [enrolment] =
    own?.state === "held" && own.learnerId === buyerId
      ? await db.select({ id: enrolments.id, status: enrolments.status }).from(enrolments).where(eq(enrolments.id, own.enrolmentId))
      : [];
  return { purchase, enrolment: enrolment ?? null };
}

/** Where a checkout's money stands, in words. */
export function describeStanding(purchase: Pick<PurchaseView, "standing" | "byInvoice" | "totalPence">, words: { day: (d: Date) => string; money: (p: number) => string }) {
  const s = purchase.standing;
  switch (s.state) {
    case "paid":
      return `Paid${s.paidAt ? ` on ${words.day(s.paidAt)}` : ""}`;
    case "part_refunded":
      return `Paid; ${words.money(s.refundedPence)} of ${words.money(s.paidPence)} refunded`;
    case "refunded":
      return `Refunded in full (${words.money(s.refundedPence)})`;
    case "failed":
      return "The payment failed: nothing was taken";
    default:
      return purchase.byInvoice ? "Waiting for the bank transfer" : "Not paid yet";
  }
}
