/**
 * What a checkout charges, from a programme's price (ADR 027). Pure, in whole pence: VAT at the
 * standard rate is worked out once per place and multiplied, so a receipt's lines always add up.
 */
import type { Programme } from "~/modules/programmes/content-schema";

export type Price = NonNullable<Programme["price"]>;

/** The UK standard rate, in per cent. */
export const VAT_RATE = 20;

/** The most places one checkout buys; more is a conversation with the platform team. */
export const MOST_PLACES = 200;

/** From this many places a lead may pay by bank transfer against an invoice instead of by card. */
export const INVOICE_FROM = 5;

export interface Charge {
  quantity: number;
  /** What one place costs, VAT included where it applies. */
  unitPence: number;
  /** The VAT within the total (0 when exempt). */
  vatPence: number;
  totalPence: number;
}

export function chargeFor(price: Price, quantity: number): Charge {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MOST_PLACES)
    throw new RangeError(`quantity must be a whole number from 1 to ${MOST_PLACES}`);
  let unitPence = price.pence;
  let unitVat = 0;
  if (price.vat === "added") {
    unitVat = Math.round((price.pence * VAT_RATE) / 100);
    unitPence = price.pence + unitVat;
  } else if (price.vat === "included") {
    // The VAT fraction of a VAT-inclusive price is rate / (100 + rate): one sixth at 20%.
    unitVat = Math.round((price.pence * VAT_RATE) / (100 + VAT_RATE));
  }
  return { quantity, unitPence, vatPence: unitVat * quantity, totalPence: unitPence * quantity };
}

/**
 * How many of a checkout's places a refund pays back: all of them once the whole total is refunded,
 * otherwise as many whole places as the refunded amount covers (a partial refund smaller than one
 * place, a goodwill gesture say, ends no one's access).
 */
export function placesRefunded(refundedPence: number, charge: Pick<Charge, "quantity" | "totalPence">) {
  if (refundedPence <= 0) return 0;
  if (refundedPence >= charge.totalPence) return charge.quantity;
  return Math.min(charge.quantity, Math.floor((refundedPence * charge.quantity) / charge.totalPence));
}
