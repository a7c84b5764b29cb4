/**
 * The site's own test checkout, for an installation without Stripe keys (ADR 027): it makes the
 * events Stripe would send, in Stripe's shapes, signs each with the local webhook secret and hands it
 * to the same webhook handler as Stripe's. So the demo and every test run the real fulfilment code,
 * signature check included; no money moves and no card is asked for.
 */
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { payments } from "#db/schema";
import { getDb } from "~/utils/db.server";
import type { CheckoutRow } from "./checkout.server";
import { receiveWebhook, type WebhookAnswer } from "./fulfilment.server";
import { stripeClient, stripeSettings } from "./stripe.server";

export type TestOutcome = "card" | "transfer_started" | "transfer_arrived" | "transfer_failed";

const EVENT_TYPES: Record<TestOutcome, string> = {
  card: "checkout.session.completed",
  transfer_started: "checkout.session.completed",
  transfer_arrived: "checkout.session.async_payment_succeeded",
  transfer_failed: "checkout.session.async_payment_failed",
};

const local = (prefix: string) => `${prefix}_test_local_${randomBytes(12).toString("hex")}`;

/** The payment intent a test checkout's events name: derived from the session, so every event of one checkout agrees. */
export function testIntentOf(session: Pick<CheckoutRow, "stripeSessionId">) {
  return session.stripeSessionId.replace(/^cs_/, "pi_");
}

/** A Stripe event of the given type about `object`, as JSON, and its Stripe-Signature header made with the local secret. */
export function signedTestEvent(type: string, object: Record<string, unknown>, at = new Date()) {
  const secret = stripeSettings().webhookSecret;
  if (!secret) throw new Error("No webhook secret to sign a test event with");
  const payload = JSON.stringify({
    id: local("evt"),
    object: "event",
    api_version: "2026-11-18.endive",
    created: Math.floor(at.getTime() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
  const header = stripeClient().webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(at.getTime() / 1000) });
  return { payload, header };
}

/** The Checkout Session object Stripe sends with a checkout.session.* event. */
export function testSessionObject(session: CheckoutRow, paid: boolean) {
  return {
    id: session.stripeSessionId,
    object: "checkout.session",
    mode: "payment",
    client_reference_id: session.id,
    metadata: { checkoutSessionId: session.id, programme: session.programmeSlug, quantity: String(session.quantity) },
    amount_total: session.totalPence,
    amount_subtotal: session.totalPence,
    currency: session.currency,
    livemode: false,
    payment_intent: testIntentOf(session),
    payment_status: paid ? "paid" : "unpaid",
    status: "complete",
  };
}

/** The buyer finishes (or, for a bank transfer, the bank answers) on the test checkout: the event goes to the webhook handler. */
export async function finishTestCheckout(session: CheckoutRow, outcome: TestOutcome): Promise<WebhookAnswer> {
  if (session.mode !== "test") throw new Error("Only a test checkout is finished on the site");
  const paid = outcome === "card" || outcome === "transfer_arrived";
  const { payload, header } = signedTestEvent(EVENT_TYPES[outcome], testSessionObject(session, paid));
  return receiveWebhook(payload, header);
}

/** A full refund of a test checkout's payment, as Stripe's charge.refunded would tell it. */
export async function refundTestCheckout(session: CheckoutRow): Promise<WebhookAnswer | null> {
  if (session.mode !== "test") return null;
  const db = await getDb();
  const [paid] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.checkoutSessionId, session.id), eq(payments.kind, "paid")))
    .limit(1);
  if (!paid) return null;
  const { payload, header } = signedTestEvent("charge.refunded", testChargeObject(session, paid.amountPence));
  return receiveWebhook(payload, header);
}

/** The Charge object of a test checkout's payment, refunded by `refundedPence` so far. */
export function testChargeObject(session: CheckoutRow, refundedPence: number) {
  return {
    id: testIntentOf(session).replace(/^pi_/, "ch_"),
    object: "charge",
    amount: session.totalPence,
    amount_refunded: refundedPence,
    refunded: refundedPence >= session.totalPence,
    currency: session.currency,
    livemode: false,
    paid: true,
    payment_intent: testIntentOf(session),
    receipt_url: null,
    status: "succeeded",
  };
}
