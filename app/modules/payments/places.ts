/**
 * The places a checkout bought and who holds each, worked out from their append-only history
 * (ADR 027). Pure: the webhook's fulfilment and the lead's page both read places through this.
 */

export type SeatEventKind = "assigned" | "taken_back" | "refunded";

export interface SeatEvent {
  seatId: string;
  kind: SeatEventKind;
  learnerId: string | null;
  enrolmentId: string | null;
  sequence: number;
}

export type PlaceState =
  | { state: "free" }
  | { state: "held"; learnerId: string; enrolmentId: string }
  | { state: "refunded"; learnerId: string | null };

/** A place's state now: the latest event of its history decides (a refund is final). */
export function placeState(history: readonly SeatEvent[]): PlaceState {
  const ordered = [...history].sort((a, b) => a.sequence - b.sequence);
  const refunded = ordered.find((e) => e.kind === "refunded");
  if (refunded) return { state: "refunded", learnerId: refunded.learnerId };
  const last = ordered.at(-1);
  if (last?.kind === "assigned" && last.learnerId && last.enrolmentId)
    return { state: "held", learnerId: last.learnerId, enrolmentId: last.enrolmentId };
  return { state: "free" };
}

export interface PlaceForRefund {
  seatId: string;
  number: number;
  state: PlaceState;
  /** Whether the learner holding it has started (opened a lesson, say). */
  started: boolean;
}

/**
 * Which places a refund ends, when it pays back `count` places and some are already refunded: free
 * places first (no one loses anything), then places whose learner has not started, then started
 * learners' places, each group from the last place bought.
 */
export function placesToRefund(places: readonly PlaceForRefund[], count: number): PlaceForRefund[] {
  const already = places.filter((p) => p.state.state === "refunded").length;
  const more = Math.max(0, count - already);
  if (!more) return [];
  const rank = (p: PlaceForRefund) => (p.state.state === "free" ? 0 : p.started ? 2 : 1);
  return places
    .filter((p) => p.state.state !== "refunded")
    .sort((a, b) => rank(a) - rank(b) || b.number - a.number)
    .slice(0, more);
}

/** The next sequence number of a place's history. */
export function nextSequence(history: readonly Pick<SeatEvent, "sequence">[]) {
  return history.reduce((most, e) => Math.max(most, e.sequence), 0) + 1;
}
