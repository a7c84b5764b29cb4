/**
 * Payments (ADR 027): what a buyer was offered at checkout, every webhook event Stripe sent (each
 * once), what happened to the money, and the places it bought with who held each and when. Every
 * table here is append-only: a change is a new row, and the state (paid, refunded, who holds a
 * place) is worked out from the rows, so fulfilment can be replayed in any order and still agree.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";
import { enrolments } from "./programmes";
import { users } from "./users";

/** "stripe": a Checkout Session on Stripe; "test": the site's own test checkout, used when no keys are set. */
export const checkoutMode = pgEnum("checkout_mode", ["stripe", "test"]);
export const vatTreatment = pgEnum("vat_treatment", ["exempt", "included", "added"]);

/**
 * One checkout the buyer was sent to: the programme, how many places and at what price, as they were
 * offered (the programme's price may change later). A self-funder buys one place for themselves; a
 * programme lead buys places for their organisation.
 */
export const checkoutSessions = pgTable(
  "checkout_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stripe's cs_… id (or the test checkout's cs_test_local_… id). */
    stripeSessionId: text("stripe_session_id").notNull(),
    mode: checkoutMode("mode").notNull(),
    buyerId: uuid("buyer_id")
      .notNull()
      .references(() => users.id),
    /** The role the buyer bought in: "learner" (for themselves) or "programme_lead" (places for the organisation). */
    buyerRole: text("buyer_role").notNull(),
    /** Set when places are bought for an organisation; null for a self-funder. */
    organisationId: uuid("organisation_id").references(() => organisations.id),
    programmeSlug: text("programme_slug").notNull(),
    quantity: integer("quantity").notNull(),
    unitPence: integer("unit_pence").notNull(),
    vat: vatTreatment("vat").notNull(),
    /** VAT within the total (0 when exempt). */
    vatPence: integer("vat_pence").notNull(),
    totalPence: integer("total_pence").notNull(),
    currency: text("currency").notNull().default("gbp"),
    /** Pay by bank transfer against an invoice (larger orders): the money arrives later, or never. */
    byInvoice: boolean("by_invoice").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("checkout_sessions_stripe_id").on(t.stripeSessionId),
    index("checkout_sessions_buyer").on(t.buyerId),
    index("checkout_sessions_organisation")
      .on(t.organisationId)
      .where(sql`${t.organisationId} is not null`),
  ],
);

/** Every webhook event received and verified, once: a redelivery of the same event id is recognised and ignored. */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stripeEventId: text("stripe_event_id").notNull(),
    type: text("type").notNull(),
    livemode: boolean("livemode").notNull(),
    /** The id of the object the event is about (cs_…, ch_…, dp_…). */
    objectId: text("object_id"),
    /** When Stripe says the event happened. */
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex("payment_events_stripe_id").on(t.stripeEventId), index("payment_events_object").on(t.objectId)],
);

export const paymentKind = pgEnum("payment_kind", ["paid", "failed", "refunded", "disputed"]);

/**
 * What happened to the money: a payment taken, a bank transfer that failed, a refund (the charge's
 * refunded total so far) or a dispute. Refunds and disputes name the payment intent; they may
 * arrive before the payment they belong to, and are matched to it by that.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: paymentKind("kind").notNull(),
    /** Null until the payment this refund or dispute belongs to has been recorded. */
    checkoutSessionId: uuid("checkout_session_id").references(() => checkoutSessions.id),
    paymentIntentId: text("payment_intent_id"),
    chargeId: text("charge_id"),
    /** What makes the record one of a kind: the session (paid, failed), charge and refunded total, or dispute. */
    objectKey: text("object_key").notNull(),
    /** For a refund, the total refunded on the charge so far; for a dispute, the amount disputed. */
    amountPence: integer("amount_pence").notNull(),
    currency: text("currency").notNull().default("gbp"),
    receiptUrl: text("receipt_url"),
    /** A dispute's reason, as Stripe gives it. */
    reason: text("reason"),
    eventId: uuid("event_id")
      .notNull()
      .references(() => paymentEvents.id),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_kind_object").on(t.kind, t.objectKey),
    index("payments_session").on(t.checkoutSessionId),
    index("payments_intent")
      .on(t.paymentIntentId)
      .where(sql`${t.paymentIntentId} is not null`),
    index("payments_occurred").on(t.occurredAt),
  ],
);

/** A place bought: numbered 1…quantity within its checkout, made once when the payment is taken. */
export const seats = pgTable(
  "seats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    checkoutSessionId: uuid("checkout_session_id")
      .notNull()
      .references(() => checkoutSessions.id),
    number: integer("number").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("seats_number").on(t.checkoutSessionId, t.number)],
);

/**
 * A place's history: given to a learner (enrolling them), taken back before they started, or ended by
 * a refund. The latest row says who holds it; a refunded place is never given again.
 */
export const seatEventKind = pgEnum("seat_event_kind", ["assigned", "taken_back", "refunded"]);

export const seatAssignments = pgTable(
  "seat_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seatId: uuid("seat_id")
      .notNull()
      .references(() => seats.id),
    kind: seatEventKind("kind").notNull(),
    /** The learner given the place (or whose place was taken back or refunded); null for a free place refunded. */
    learnerId: uuid("learner_id").references(() => users.id),
    enrolmentId: uuid("enrolment_id").references(() => enrolments.id),
    /** Whether the learner had started when the place was refunded (their enrolment is then marked refunded). */
    started: boolean("started").notNull().default(false),
    /** Who did it, in which role; null with role "payment" when a webhook did it (a self-funder's place, a refund). */
    byId: uuid("by_id").references(() => users.id),
    byRole: text("by_role").notNull(),
    /** The n-th event of this place: (seat, sequence) is unique, so two people acting at once cannot both win. */
    sequence: integer("sequence").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("seat_assignments_sequence").on(t.seatId, t.sequence),
    index("seat_assignments_learner")
      .on(t.learnerId)
      .where(sql`${t.learnerId} is not null`),
  ],
);
