/**
 * Starting a checkout (ADR 027): a self-funder buys a place on a programme for themselves, a
 * programme lead buys places for their organisation. With keys set this is a Stripe Checkout
 * Session (the card is typed on Stripe's page, never here); without, the site's own test checkout.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type Stripe from "stripe";
import { checkoutSessions, enrolments } from "#db/schema";
import { recordAudit, type AuditActor } from "~/modules/audit/audit.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { chargeFor, INVOICE_FROM } from "./prices";
import { stripeClient, stripePriceId, stripeSettings } from "./stripe.server";

export type CheckoutRow = typeof checkoutSessions.$inferSelect;

export interface CheckoutRequest {
  programmeSlug: string;
  quantity: number;
  /** The lead's organisation when buying places for it; null for a self-funder buying for themselves. */
  organisationId: string | null;
  byInvoice: boolean;
  buyer: { id: string; email: string; name: string };
  /** The site's own address, for the pages Stripe sends the buyer back to. */
  origin: string;
}

export type CheckoutResult =
  | { ok: true; session: CheckoutRow; url: string }
  | { ok: false; field: "programme" | "quantity" | "payBy"; message: string };

/** A unique, unguessable id in Stripe's style for what the test checkout makes up. */
export function localId(prefix: string) {
  return `${prefix}_test_local_${randomBytes(12).toString("hex")}`;
}

export async function startCheckout(actor: AuditActor, request: CheckoutRequest): Promise<CheckoutResult> {
  const programme = findProgramme(request.programmeSlug);
  if (!programme?.price) return { ok: false, field: "programme", message: "Choose a programme that has a fee" };
  if (request.byInvoice && request.quantity < INVOICE_FROM)
    return { ok: false, field: "payBy", message: `Paying by invoice is for ${INVOICE_FROM} or more places: pay by card` };
  if (!request.organisationId) {
    const db = await getDb();
    const [current] = await db
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.userId, request.buyer.id),
          eq(enrolments.programmeSlug, programme.slug),
          inArray(enrolments.status, ["active", "completed"]),
        ),
      )
      .limit(1);
    if (current) return { ok: false, field: "programme", message: "You are already on this programme" };
  }
  const charge = chargeFor(programme.price, request.quantity);
  const settings = stripeSettings();
  const id = randomUUID();
  const successUrl = `${request.origin}/payments/success?session=${id}`;
  const cancelUrl = request.organisationId
    ? `${request.origin}/organisation/places?cancelled=1`
    : `${request.origin}/programmes/${programme.slug}?cancelled=1`;
  let stripeSessionId: string;
  let url: string;
  if (settings.mode === "stripe") {
    const priceId = stripePriceId(programme.slug);
    const lineItem: Stripe.Checkout.SessionCreateParams.LineItem = priceId
      ? { price: priceId, quantity: request.quantity }
      : {
          quantity: request.quantity,
          price_data: {
            currency: "gbp",
            unit_amount: charge.unitPence,
            tax_behavior: programme.price.vat === "exempt" ? "unspecified" : "inclusive",
            product_data: { name: programme.title, metadata: { programme: programme.slug } },
          },
        };
    const metadata = { checkoutSessionId: id, programme: programme.slug, quantity: String(request.quantity) };
    const created = await stripeClient(settings).checkout.sessions.create(
      {
        mode: "payment",
        line_items: [lineItem],
        success_url: successUrl,
        cancel_url: cancelUrl,
        client_reference_id: id,
        customer_email: request.buyer.email,
        metadata,
        payment_intent_data: { metadata },
        // A lead's organisation needs a VAT invoice for its accounts; a larger order may be paid by bank transfer.
        ...(request.organisationId ? { invoice_creation: { enabled: true } } : {}),
        ...(request.byInvoice
          ? {
              customer_creation: "always" as const,
              payment_method_types: ["customer_balance" as const],
              payment_method_options: {
                customer_balance: { funding_type: "bank_transfer" as const, bank_transfer: { type: "gb_bank_transfer" as const } },
              },
            }
          : {}),
      },
      { idempotencyKey: `checkout-${id}` },
    );
    if (!created.url) throw new Error(`Stripe made checkout session ${created.id} without a URL`);
    stripeSessionId = created.id;
    url = created.url;
  } else {
    stripeSessionId = localId("cs");
    url = `/payments/test-checkout?session=${id}`;
  }
  const db = await getDb();
  const session = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(checkoutSessions)
      .values({
        id,
        stripeSessionId,
        mode: settings.mode,
        buyerId: request.buyer.id,
        buyerRole: request.organisationId ? "programme_lead" : "learner",
        organisationId: request.organisationId,
        programmeSlug: programme.slug,
        quantity: charge.quantity,
        unitPence: charge.unitPence,
        vat: programme.price!.vat,
        vatPence: charge.vatPence,
        totalPence: charge.totalPence,
        byInvoice: request.byInvoice,
      })
      .returning();
    await recordAudit(
      {
        actorUserId: actor.userId,
        actorRole: actor.role,
        organisationId: request.organisationId,
        ipAddress: actor.ipAddress ?? null,
        action: "payment.checkout_started",
        subjectType: "checkout_session",
        subjectId: id,
        detail: { programme: programme.slug, quantity: charge.quantity, total: charge.totalPence, mode: settings.mode },
      },
      tx,
    );
    return row!;
  });
  return { ok: true, session, url };
}

/** A checkout, only for the person who started it. */
export async function findOwnCheckout(buyerId: string, id: string): Promise<CheckoutRow | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(checkoutSessions)
    .where(and(eq(checkoutSessions.id, id), eq(checkoutSessions.buyerId, buyerId)))
    .limit(1);
  return row ?? null;
}

/** Any checkout, for the platform admin. */
export async function findCheckout(id: string): Promise<CheckoutRow | null> {
  const db = await getDb();
  const [row] = await db.select().from(checkoutSessions).where(eq(checkoutSessions.id, id)).limit(1);
  return row ?? null;
}
