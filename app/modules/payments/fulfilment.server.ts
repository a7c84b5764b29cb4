/**
 * Webhooks and fulfilment (ADR 027). One handler takes Stripe's events (and the test checkout's,
 * signed the same way): it verifies the signature on the raw body, records each event id once, adds
 * what the event says happened to the money, and then makes the places and enrolments agree with
 * everything recorded for that checkout. Fulfilment is worked out from all the records, never from
 * the one event, so the same event three times or events in the wrong order give the same places.
 */
import { format } from "date-fns";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "#db/client";
import { checkoutSessions, enrolments, lessonProgress, paymentEvents, payments, seatAssignments, seats, users } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { emailNoticesAfterCommit, recordNotices, type NoticeRow } from "~/modules/notices/notices.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { englandToday } from "~/utils/england";
import type { CheckoutRow } from "./checkout.server";
import { nextSequence, placesToRefund, placeState, type PlaceForRefund, type SeatEvent } from "./places";
import { meaningOf } from "./events";
import { placesRefunded } from "./prices";
import { SIGNATURE_TOLERANCE_SECONDS, stripeClient, stripeSettings } from "./stripe.server";

/** The most a webhook body may be: Stripe's events are a few kilobytes; this leaves room and no more. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

export type WebhookAnswer = { status: 200; outcome: "fulfilled" | "duplicate" | "ignored" } | { status: 400; reason: string };

/**
 * A webhook as it arrived. Nothing is read from the body until its signature is verified, and a
 * refused event changes nothing at all.
 */
export async function receiveWebhook(rawBody: string | Buffer, signature: string | null): Promise<WebhookAnswer> {
  const settings = stripeSettings();
  if (!settings.webhookSecret) {
    console.error("[payments] STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET: every webhook is refused");
    return { status: 400, reason: "no signing secret is set" };
  }
  if (!signature) return { status: 400, reason: "no Stripe-Signature header" };
  let event: Stripe.Event;
  try {
    event = stripeClient(settings).webhooks.constructEvent(rawBody, signature, settings.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    return { status: 400, reason: error instanceof Error ? error.message : "signature not verified" };
  }
  // A keyless installation takes only test events; keys decide whether live events are expected.
  if (event.livemode !== settings.livemode) return { status: 400, reason: "event from the other mode (live or test)" };
  if (!meaningOf(event.type)) {
    await applyEvent(event, null);
    return { status: 200, outcome: "ignored" };
  }
  const receipt = settings.mode === "stripe" ? await receiptOf(event) : null;
  return { status: 200, outcome: await applyEvent(event, receipt) };
}

interface Receipt {
  chargeId: string | null;
  receiptUrl: string | null;
}

/** Stripe's receipt for a payment taken: the payment intent's charge, asked of Stripe before anything is written. */
async function receiptOf(event: Stripe.Event): Promise<Receipt | null> {
  const meaning = meaningOf(event.type);
  if (meaning !== "completed" && meaning !== "transfer_arrived") return null;
  const session = event.data.object as Stripe.Checkout.Session;
  const intentId = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
  if (!intentId || (meaning === "completed" && session.payment_status === "unpaid")) return null;
  // A failure here answers 500, so Stripe sends the event again: nothing has been recorded yet.
  const intent = await stripeClient().paymentIntents.retrieve(intentId, { expand: ["latest_charge"] });
  const charge = intent.latest_charge && typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  return { chargeId: charge?.id ?? (typeof intent.latest_charge === "string" ? intent.latest_charge : null), receiptUrl: charge?.receipt_url ?? null };
}

const intentOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/** Records the event once and acts on it, in one transaction: a redelivered event id does nothing. */
async function applyEvent(event: Stripe.Event, receipt: Receipt | null): Promise<"fulfilled" | "duplicate" | "ignored"> {
  const db = await getDb();
  let told: NoticeRow[] = [];
  const outcome = await db.transaction(async (tx) => {
    const object = event.data.object as { id?: string };
    const [recorded] = await tx
      .insert(paymentEvents)
      .values({
        stripeEventId: event.id,
        type: event.type,
        livemode: event.livemode,
        objectId: typeof object.id === "string" ? object.id : null,
        occurredAt: new Date(event.created * 1000),
        payload: event as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.id });
    if (!recorded) return "duplicate" as const;
    const at = new Date(event.created * 1000);
    const base = { eventId: recorded.id, occurredAt: at };
    let sessionId: string | null = null;
    const meaning = meaningOf(event.type);
    switch (meaning) {
      case "completed":
      case "transfer_arrived":
      case "transfer_failed": {
        const object = event.data.object as Stripe.Checkout.Session;
        const session = await checkoutOf(tx, object);
        if (!session) return "ignored" as const;
        sessionId = session.id;
        const intent = intentOf(object.payment_intent);
        const paid = meaning === "transfer_arrived" || (meaning === "completed" && object.payment_status !== "unpaid");
        if (paid || meaning === "transfer_failed") {
          const kind = paid ? ("paid" as const) : ("failed" as const);
          const [row] = await tx
            .insert(payments)
            .values({
              ...base,
              kind,
              checkoutSessionId: session.id,
              paymentIntentId: intent,
              chargeId: receipt?.chargeId ?? null,
              objectKey: session.id,
              amountPence: object.amount_total ?? session.totalPence,
              currency: object.currency ?? "gbp",
              receiptUrl: receipt?.receiptUrl ?? null,
            })
            .onConflictDoNothing()
            .returning({ id: payments.id });
          if (row) await auditPayment(tx, session, paid ? "payment.received" : "payment.failed", { amount: object.amount_total ?? session.totalPence });
        } else {
          await auditPayment(tx, session, "payment.awaiting_transfer", { amount: session.totalPence });
        }
        break;
      }
      case "refunded": {
        const charge = event.data.object as Stripe.Charge;
        const intent = intentOf(charge.payment_intent);
        sessionId = await sessionOfIntent(tx, intent);
        const [row] = await tx
          .insert(payments)
          .values({
            ...base,
            kind: "refunded",
            checkoutSessionId: sessionId,
            paymentIntentId: intent,
            chargeId: charge.id,
            objectKey: `${charge.id}:${charge.amount_refunded}`,
            amountPence: charge.amount_refunded,
            currency: charge.currency,
            receiptUrl: charge.receipt_url ?? null,
          })
          .onConflictDoNothing()
          .returning({ id: payments.id });
        const session = sessionId ? await checkoutById(tx, sessionId) : null;
        if (row && session) await auditPayment(tx, session, "payment.refunded", { amount: charge.amount_refunded });
        break;
      }
      case "disputed": {
        const dispute = event.data.object as Stripe.Dispute;
        const intent = intentOf(dispute.payment_intent);
        sessionId = await sessionOfIntent(tx, intent);
        const [row] = await tx
          .insert(payments)
          .values({
            ...base,
            kind: "disputed",
            checkoutSessionId: sessionId,
            paymentIntentId: intent,
            chargeId: intentOf(dispute.charge),
            objectKey: dispute.id,
            amountPence: dispute.amount,
            currency: dispute.currency,
            reason: dispute.reason,
          })
          .onConflictDoNothing()
          .returning({ id: payments.id });
        const session = sessionId ? await checkoutById(tx, sessionId) : null;
        if (row && session) await auditPayment(tx, session, "payment.disputed", { amount: dispute.amount, reason: dispute.reason });
        break;
      }
      default:
        return "ignored" as const;
    }
    if (!sessionId) return "fulfilled" as const;
    told = await fulfil(tx, sessionId);
    return "fulfilled" as const;
  });
  await emailNoticesAfterCommit(told);
  return outcome;
}

async function checkoutOf(tx: Database, object: Stripe.Checkout.Session): Promise<CheckoutRow | null> {
  const [row] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.stripeSessionId, object.id)).limit(1);
  return row ?? null;
}

async function checkoutById(tx: Database, id: string): Promise<CheckoutRow | null> {
  const [row] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.id, id)).limit(1);
  return row ?? null;
}

/** The checkout a payment intent paid for, once its payment is recorded. */
async function sessionOfIntent(tx: Database, intent: string | null): Promise<string | null> {
  if (!intent) return null;
  const [row] = await tx
    .select({ id: payments.checkoutSessionId })
    .from(payments)
    .where(and(eq(payments.paymentIntentId, intent), eq(payments.kind, "paid")))
    .limit(1);
  return row?.id ?? null;
}

async function auditPayment(tx: Database, session: CheckoutRow, action: string, detail: Record<string, unknown>) {
  await recordAudit(
    {
      actorUserId: null,
      actorRole: "payment",
      organisationId: session.organisationId,
      action,
      subjectType: "checkout_session",
      subjectId: session.id,
      detail: { programme: session.programmeSlug, quantity: session.quantity, buyer: session.buyerId, ...detail },
    },
    tx,
  );
}

/** Every record of a checkout's money: its own, and refunds or disputes that named its payment intent first. */
async function moneyOf(tx: Database, sessionId: string) {
  const paidIntent = tx
    .select({ intent: payments.paymentIntentId })
    .from(payments)
    .where(and(eq(payments.checkoutSessionId, sessionId), eq(payments.kind, "paid")));
  return tx
    .select()
    .from(payments)
    .where(or(eq(payments.checkoutSessionId, sessionId), inArray(payments.paymentIntentId, paidIntent)));
}

/** A place's history with its number, for the places of some checkouts. */
export async function placesOf(db: Database, sessionIds: string[]) {
  if (!sessionIds.length) return { seats: [], history: [] };
  const seatRows = await db
    .select()
    .from(seats)
    .where(inArray(seats.checkoutSessionId, sessionIds))
    .orderBy(asc(seats.number));
  const history = seatRows.length
    ? await db
        .select()
        .from(seatAssignments)
        .where(inArray(seatAssignments.seatId, seatRows.map((s) => s.id)))
        .orderBy(asc(seatAssignments.sequence))
    : [];
  return { seats: seatRows, history };
}

/** Enrolments whose learner has started: opened a lesson. */
export async function startedEnrolments(db: Database, enrolmentIds: string[]): Promise<Set<string>> {
  if (!enrolmentIds.length) return new Set();
  const rows = await db
    .selectDistinct({ id: lessonProgress.enrolmentId })
    .from(lessonProgress)
    .where(inArray(lessonProgress.enrolmentId, enrolmentIds));
  return new Set(rows.map((r) => r.id));
}

/**
 * Makes a checkout's places agree with its money: places made once it is paid, a self-funder's
 * place given to them, and as many places ended as the refunds so far pay back. Under a lock on the
 * checkout, so a webhook and a lead acting on the same places take turns.
 */
async function fulfil(tx: Database, sessionId: string): Promise<NoticeRow[]> {
  const [session] = await tx.select().from(checkoutSessions).where(eq(checkoutSessions.id, sessionId)).for("update");
  if (!session) return [];
  const money = await moneyOf(tx, sessionId);
  if (!money.some((m) => m.kind === "paid")) return [];
  await tx
    .insert(seats)
    .values(Array.from({ length: session.quantity }, (_, i) => ({ checkoutSessionId: session.id, number: i + 1 })))
    .onConflictDoNothing();
  const refundedPence = Math.max(0, ...money.filter((m) => m.kind === "refunded").map((m) => m.amountPence));
  const refundCount = placesRefunded(refundedPence, session);
  let { seats: seatRows, history } = await placesOf(tx, [session.id]);

  // A self-funder's one place is theirs: they are enrolled as soon as the payment is recorded.
  const own = seatRows[0];
  if (!session.organisationId && own && refundCount < session.quantity && !history.some((h) => h.seatId === own.id)) {
    const enrolmentId = await enrolFromPlace(tx, session, session.buyerId, null);
    await tx.insert(seatAssignments).values({
      seatId: own.id,
      kind: "assigned",
      learnerId: session.buyerId,
      enrolmentId,
      byId: null,
      byRole: "payment",
      sequence: 1,
    });
    await recordAudit(
      {
        actorUserId: null,
        actorRole: "payment",
        organisationId: null,
        action: "place.assigned",
        subjectType: "enrolment",
        subjectId: enrolmentId,
        detail: { programme: session.programmeSlug, learner: session.buyerId, checkout: session.id, selfFunded: true },
      },
      tx,
    );
    ({ seats: seatRows, history } = await placesOf(tx, [session.id]));
  }
  if (!refundCount) return [];

  const states = seatRows.map((s) => ({ seat: s, events: history.filter((h) => h.seatId === s.id) as SeatEvent[] }));
  const held = states.flatMap(({ events }) => {
    const state = placeState(events);
    return state.state === "held" ? [state.enrolmentId] : [];
  });
  const started = await startedEnrolments(tx, held);
  const places: PlaceForRefund[] = states.map(({ seat, events }) => {
    const state = placeState(events);
    return { seatId: seat.id, number: seat.number, state, started: state.state === "held" && started.has(state.enrolmentId) };
  });
  const drafts = [];
  for (const place of placesToRefund(places, refundCount)) {
    const events = states.find((s) => s.seat.id === place.seatId)!.events;
    const holder = place.state.state === "held" ? place.state : null;
    await tx.insert(seatAssignments).values({
      seatId: place.seatId,
      kind: "refunded",
      learnerId: holder?.learnerId ?? null,
      enrolmentId: holder?.enrolmentId ?? null,
      started: place.started,
      byId: null,
      byRole: "payment",
      sequence: nextSequence(events),
    });
    if (holder) {
      // The refund ends access to what it paid for: the enrolment is marked refunded, whether or not they had started.
      await tx
        .update(enrolments)
        .set({ status: "refunded" })
        .where(and(eq(enrolments.id, holder.enrolmentId), eq(enrolments.status, "active")));
    }
    await recordAudit(
      {
        actorUserId: null,
        actorRole: "payment",
        organisationId: session.organisationId,
        action: "place.refunded",
        subjectType: holder ? "enrolment" : "checkout_session",
        subjectId: holder?.enrolmentId ?? session.id,
        detail: { programme: session.programmeSlug, learner: holder?.learnerId ?? null, place: place.number, started: place.started },
      },
      tx,
    );
    // A learner who had started loses a programme they were working on: the lead who bought it decides what next.
    if (holder && place.started && session.organisationId) {
      const [learner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, holder.learnerId));
      const title = findProgramme(session.programmeSlug)?.title ?? session.programmeSlug;
      drafts.push({
        userId: session.buyerId,
        organisationId: session.organisationId,
        kind: "place_refunded" as const,
        eventKey: `place-refunded:${place.seatId}`,
        text: `A refund ended ${learner?.name ?? "a learner"}'s place on ${title}, which they had started: their enrolment is marked refunded`,
        href: "/organisation/places",
      });
    }
  }
  return recordNotices(tx, drafts);
}

/**
 * Enrols the learner a place is given to: a new enrolment, or one that ended (withdrawn, refunded)
 * made active again; an enrolment already active is left as it is and named.
 */
export async function enrolFromPlace(tx: Database, session: CheckoutRow, learnerId: string, by: string | null) {
  const startedOn = format(englandToday(), "yyyy-MM-dd");
  const [row] = await tx
    .insert(enrolments)
    .values({
      userId: learnerId,
      programmeSlug: session.programmeSlug,
      organisationId: session.organisationId,
      startedOn,
      enrolledById: by ?? learnerId,
    })
    .onConflictDoUpdate({
      target: [enrolments.userId, enrolments.programmeSlug],
      set: { status: "active", organisationId: session.organisationId, cohortId: null, startedOn, enrolledById: by ?? learnerId },
      setWhere: sql`${enrolments.status} in ('withdrawn', 'refunded')`,
    })
    .returning({ id: enrolments.id });
  if (row) return row.id;
  const [existing] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.userId, learnerId), eq(enrolments.programmeSlug, session.programmeSlug)));
  return existing!.id;
}
