/** The Stripe events the webhook acts on, and what each means here (ADR 027). Pure. */
export const HANDLED_EVENTS = {
  "checkout.session.completed": "completed",
  "checkout.session.async_payment_succeeded": "transfer_arrived",
  "checkout.session.async_payment_failed": "transfer_failed",
  "charge.refunded": "refunded",
  "charge.dispute.created": "disputed",
} as const;

export type HandledEvent = keyof typeof HANDLED_EVENTS;
export type EventMeaning = (typeof HANDLED_EVENTS)[HandledEvent];

/** What an event means to the webhook, or null for one it records and otherwise ignores. */
export function meaningOf(type: string): EventMeaning | null {
  return Object.hasOwn(HANDLED_EVENTS, type) ? HANDLED_EVENTS[type as HandledEvent] : null;
}
