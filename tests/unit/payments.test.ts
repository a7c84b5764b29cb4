/** The sums and the places of a checkout (ADR 027): pure, in whole pence. */
import { programmeFileSchema } from "~/modules/programmes/content-schema";
import { describePrice, formatPence } from "~/modules/programmes/labels";
import { placesToRefund, placeState, type PlaceForRefund, type SeatEvent } from "~/modules/payments/places";
import { chargeFor, placesRefunded } from "~/modules/payments/prices";
import { priceLookupKey, priceVariable, stripeSettings, LOCAL_WEBHOOK_SECRET } from "~/modules/payments/stripe.server";

describe("chargeFor", () => {
  it("charges an exempt price as it is, with no VAT", () => {
    expect(chargeFor({ pence: 870000, vat: "exempt" }, 3)).toEqual({ quantity: 3, unitPence: 870000, vatPence: 0, totalPence: 2610000 });
  });
  it("finds the VAT inside a VAT-inclusive price (one sixth at 20%)", () => {
    expect(chargeFor({ pence: 120000, vat: "included" }, 2)).toEqual({ quantity: 2, unitPence: 120000, vatPence: 40000, totalPence: 240000 });
  });
  it("adds VAT at 20% to a price that is before VAT, per place, so the lines add up", () => {
    expect(chargeFor({ pence: 99999, vat: "added" }, 3)).toEqual({ quantity: 3, unitPence: 119999, vatPence: 60000, totalPence: 359997 });
  });
  it.each([0, -1, 1.5, 201, Number.NaN])("refuses %s places", (quantity) => {
    expect(() => chargeFor({ pence: 100, vat: "exempt" }, quantity)).toThrow(RangeError);
  });
});

describe("placesRefunded", () => {
  const charge = { quantity: 3, totalPence: 300000 };
  it.each([
    [0, 0],
    [50000, 0],
    [100000, 1],
    [199999, 1],
    [200000, 2],
    [300000, 3],
    [400000, 3],
  ])("a refund of %i pence pays back %i places", (refunded, places) => {
    expect(placesRefunded(refunded, charge)).toBe(places);
  });
});

const event = (kind: SeatEvent["kind"], sequence: number, learnerId: string | null = "l1", enrolmentId: string | null = "e1"): SeatEvent => ({
  seatId: "s",
  kind,
  learnerId,
  enrolmentId,
  sequence,
});

describe("placeState", () => {
  it("reads a place's latest event, whatever order the rows come in", () => {
    expect(placeState([])).toEqual({ state: "free" });
    expect(placeState([event("assigned", 1)])).toEqual({ state: "held", learnerId: "l1", enrolmentId: "e1" });
    expect(placeState([event("taken_back", 2), event("assigned", 1)])).toEqual({ state: "free" });
    expect(placeState([event("assigned", 3, "l2", "e2"), event("assigned", 1), event("taken_back", 2)])).toEqual({
      state: "held",
      learnerId: "l2",
      enrolmentId: "e2",
    });
  });
  it("keeps a refunded place refunded", () => {
    expect(placeState([event("assigned", 1), event("refunded", 2), event("assigned", 3, "l2", "e2")])).toEqual({ state: "refunded", learnerId: "l1" });
  });
});

describe("placesToRefund", () => {
  const place = (number: number, state: PlaceForRefund["state"], started = false): PlaceForRefund => ({ seatId: `s${number}`, number, state, started });
  const held = { state: "held" as const, learnerId: "l", enrolmentId: "e" };
  const places = [place(1, held, true), place(2, held), place(3, { state: "free" }), place(4, { state: "free" })];
  it("ends free places first, then unstarted learners' places, then started learners'", () => {
    expect(placesToRefund(places, 1).map((p) => p.number)).toEqual([4]);
    expect(placesToRefund(places, 3).map((p) => p.number)).toEqual([4, 3, 2]);
    expect(placesToRefund(places, 4).map((p) => p.number)).toEqual([4, 3, 2, 1]);
  });
  it("counts places already refunded, so a redelivered refund ends nothing more", () => {
    const after = [place(1, held, true), place(2, held), place(3, { state: "refunded", learnerId: null }), place(4, { state: "refunded", learnerId: null })];
    expect(placesToRefund(after, 2)).toEqual([]);
    expect(placesToRefund(after, 3).map((p) => p.number)).toEqual([2]);
  });
});

describe("prices in programme.yml", () => {
  const base = { title: "T", summary: "S", audience: "A", kind: "specialist", lengthMonths: 12, frameworks: ["PCF"] };
  it("takes a price in whole pence with its VAT treatment", () => {
    expect(programmeFileSchema.parse({ ...base, price: { pence: 120000, vat: "included" } }).price).toEqual({ pence: 120000, vat: "included" });
  });
  it.each([
    ["pounds instead of pence", { pounds: 1200 }],
    ["no VAT treatment", { pence: 120000 }],
    ["part of a penny", { pence: 1200.5, vat: "exempt" }],
    ["an unknown VAT treatment", { pence: 1200, vat: "zero" }],
    ["a price of nothing", { pence: 0, vat: "exempt" }],
  ])("refuses %s at build", (_why, price) => {
    expect(programmeFileSchema.safeParse({ ...base, price }).success).toBe(false);
  });
  it("says the price with its VAT", () => {
    expect(describePrice({ pence: 120000, vat: "included", note: "for the whole programme" })).toBe("£1,200 (including VAT) for the whole programme");
    expect(describePrice({ pence: 95050, vat: "added" })).toBe("£950.50 (plus VAT)");
    expect(formatPence(870000)).toBe("£8,700");
  });
});

describe("Stripe settings", () => {
  it("runs the test checkout, with the local secret, when no key is set", () => {
    expect(stripeSettings({})).toMatchObject({ mode: "test", webhookSecret: LOCAL_WEBHOOK_SECRET, livemode: false });
  });
  it("uses Stripe with keys, and never the local secret", () => {
    expect(stripeSettings({ STRIPE_SECRET_KEY: "sk_test_abc" })).toMatchObject({ mode: "stripe", webhookSecret: null });
    expect(stripeSettings({ STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toMatchObject({ livemode: true, webhookSecret: "whsec_x" });
  });
  it("refuses a key that is not a Stripe secret key", () => {
    expect(() => stripeSettings({ STRIPE_SECRET_KEY: "pk_test_abc" })).toThrow(/STRIPE_SECRET_KEY/);
  });
  it("names each programme's price variable and lookup key", () => {
    expect(priceVariable("advanced-practitioner")).toBe("STRIPE_PRICE_ADVANCED_PRACTITIONER");
    expect(priceLookupKey("masters", { pence: 870000, vat: "exempt" })).toBe("pp_masters_870000_exempt");
  });
});
