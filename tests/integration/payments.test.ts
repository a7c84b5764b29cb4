/**
 * Payments (ADR 027) against a real database, with the real `stripe` client talking to a fake Stripe
 * API on loopback (the client's host, port and protocol options) and webhooks signed by the library's
 * own generateTestHeaderString, posted to the webhook route as Stripe would post them: an event
 * fulfils once however often and in whatever order it and its follow-ups arrive; a bad, missing or
 * five-minute-old signature is refused with 400 and changes no table; a refund frees places and ends
 * an unstarted enrolment, and a started learner's is marked refunded with the lead told.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import {
  auditEvents,
  checkoutSessions,
  enrolments,
  lessonProgress,
  notifications,
  paymentEvents,
  payments,
  seatAssignments,
  seats,
} from "#db/schema";
import { startCheckout, type CheckoutRow } from "~/modules/payments/checkout.server";
import { assignPlace, listPurchases, takeBackPlace } from "~/modules/payments/places.server";
import { finishTestCheckout, testChargeObject, testIntentOf } from "~/modules/payments/test-checkout.server";
import { action as webhook } from "~/routes/payments.webhook";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { databaseFingerprint } from "../support/fingerprint";
import { makeMembership, makeOrganisation, makeUser, ORIGIN, signedIn, type SignedIn } from "../support/fixtures";

const t = withTestDatabase();
const SECRET = "whsec_integration_test_secret";
const client = new Stripe("sk_test_offline");

/** What the fake Stripe was asked, and what it answers. */
const asked: { method: string; path: string; body: URLSearchParams }[] = [];
let fake: Server;
let sessionCount = 0;

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => resolve(text));
  });
}

/** Just enough of Stripe's API: create a Checkout Session, and read a payment intent with its charge. */
async function startFakeStripe() {
  fake = createServer(async (request, response) => {
    const body = new URLSearchParams(await bodyOf(request));
    const path = request.url ?? "";
    asked.push({ method: request.method ?? "", path, body });
    response.setHeader("Content-Type", "application/json");
    response.setHeader("Request-Id", `req_fake_${asked.length}`);
    if (request.method === "POST" && path === "/v1/checkout/sessions") {
      sessionCount += 1;
      const id = `cs_test_fake_${sessionCount}`;
      response.end(JSON.stringify({ id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}`, livemode: false }));
      return;
    }
    const intent = /^\/v1\/payment_intents\/(pi_\w+)/.exec(path);
    if (request.method === "GET" && intent) {
      const charge = intent[1]!.replace(/^pi_/, "ch_");
      response.end(
        JSON.stringify({
          id: intent[1],
          object: "payment_intent",
          latest_charge: { id: charge, object: "charge", receipt_url: `https://pay.stripe.test/receipts/${charge}` },
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end(JSON.stringify({ error: { type: "invalid_request_error", message: `No fake for ${request.method} ${path}` } }));
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  return (fake.address() as AddressInfo).port;
}

const KEYS = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"] as const;
const saved: Partial<Record<(typeof KEYS)[number], string | undefined>> = {};

function useKeys(port: number) {
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_integration",
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(port),
    STRIPE_API_PROTOCOL: "http",
  });
}
function useNoKeys() {
  for (const key of KEYS) delete process.env[key];
}

let port: number;
let lead: SignedIn;
let organisationId: string;
const learners: { id: string; name: string }[] = [];

beforeAll(async () => {
  for (const key of KEYS) saved[key] = process.env[key];
  port = await startFakeStripe();
  useKeys(port);
  const org = await makeOrganisation(t.db, { name: "Eastfield Council" });
  organisationId = org.id;
  lead = await signedIn(t.db, org.id, "programme_lead", "Lena Lead");
  for (const name of ["Asha Learner", "Ben Learner", "Cara Learner"]) {
    const user = await makeUser(t.db, { name });
    await makeMembership(t.db, { userId: user.id, organisationId: org.id, role: "learner" });
    learners.push({ id: user.id, name });
  }
});

afterAll(async () => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await new Promise((resolve) => fake.close(resolve));
});

const leadActor = () => ({ userId: lead.userId, role: "programme_lead", organisationId, ipAddress: "203.0.113.9" });

async function selfFunder(name: string) {
  return makeUser(t.db, { name, accountKind: "self_funding" });
}

async function checkout(buyer: { id: string; email: string; name: string }, input: { programme: string; quantity: number; organisationId: string | null; byInvoice?: boolean }) {
  const result = await startCheckout(
    { userId: buyer.id, role: input.organisationId ? "programme_lead" : "learner", organisationId: input.organisationId },
    { programmeSlug: input.programme, quantity: input.quantity, organisationId: input.organisationId, byInvoice: !!input.byInvoice, buyer, origin: ORIGIN },
  );
  if (!result.ok) throw new Error(result.message);
  return result.session;
}

let eventCount = 0;
/** A Stripe event as JSON, signed with the webhook secret at `at` (or with another secret). */
function signed(type: string, object: Record<string, unknown>, options: { at?: Date; secret?: string } = {}) {
  eventCount += 1;
  const at = Math.floor((options.at ?? new Date()).getTime() / 1000);
  const payload = JSON.stringify({ id: `evt_test_${eventCount}_${Math.random().toString(36).slice(2)}`, object: "event", created: at, livemode: false, type, data: { object } });
  const header = client.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, timestamp: at });
  return { payload, header };
}

/** Posts a webhook to the route, as Stripe does: no cookie, no Origin, the signature in Stripe-Signature. */
async function deliver(event: { payload: string; header?: string | null }) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (event.header) headers["Stripe-Signature"] = event.header;
  return webhook({
    request: new Request(`${ORIGIN}/payments/webhook`, { method: "POST", body: event.payload, headers }),
    params: {},
    context: { cspNonce: "", clientIp: "198.51.100.1" },
  });
}

const sessionObject = (session: CheckoutRow, paymentStatus: "paid" | "unpaid" = "paid") => ({
  id: session.stripeSessionId,
  object: "checkout.session",
  client_reference_id: session.id,
  metadata: { checkoutSessionId: session.id },
  amount_total: session.totalPence,
  currency: "gbp",
  payment_intent: `pi_for_${session.id.replace(/-/g, "")}`,
  payment_status: paymentStatus,
});
const chargeObject = (session: CheckoutRow, refunded: number) => ({
  ...testChargeObject(session, refunded),
  id: `ch_for_${session.id.replace(/-/g, "")}`,
  payment_intent: `pi_for_${session.id.replace(/-/g, "")}`,
});
const disputeObject = (session: CheckoutRow) => ({
  id: `dp_for_${session.id.replace(/-/g, "")}`,
  object: "dispute",
  amount: session.totalPence,
  currency: "gbp",
  reason: "fraudulent",
  charge: `ch_for_${session.id.replace(/-/g, "")}`,
  payment_intent: `pi_for_${session.id.replace(/-/g, "")}`,
});

async function recordsOf(session: CheckoutRow) {
  const [places, money, history] = await Promise.all([
    t.db.select().from(seats).where(eq(seats.checkoutSessionId, session.id)),
    t.db.select().from(payments).where(eq(payments.paymentIntentId, sessionObject(session).payment_intent)),
    t.db.select({ kind: seatAssignments.kind, number: seats.number }).from(seatAssignments).innerJoin(seats, eq(seats.id, seatAssignments.seatId)).where(eq(seats.checkoutSessionId, session.id)),
  ]);
  return {
    places: places.length,
    money: money.map((m) => `${m.kind}:${m.amountPence}`).sort(),
    history: history.map((h) => `${h.number}:${h.kind}`).sort(),
  };
}

describe("a self-funder's checkout", () => {
  it("is a Checkout Session made by the real client on the (fake) Stripe API, for one place at the programme's price", async () => {
    const buyer = await selfFunder("Sam Self");
    const session = await checkout(buyer, { programme: "advanced-practitioner", quantity: 1, organisationId: null });
    const made = asked.filter((a) => a.path === "/v1/checkout/sessions").at(-1)!;
    expect(made.body.get("mode")).toBe("payment");
    expect(made.body.get("line_items[0][quantity]")).toBe("1");
    expect(made.body.get("line_items[0][price_data][unit_amount]")).toBe("120000");
    expect(made.body.get("client_reference_id")).toBe(session.id);
    expect(made.body.get("success_url")).toBe(`${ORIGIN}/payments/success?session=${session.id}`);
    expect(session.stripeSessionId).toMatch(/^cs_test_fake_/);
    expect(session).toMatchObject({ mode: "stripe", quantity: 1, unitPence: 120000, vatPence: 20000, totalPence: 120000, organisationId: null });
    // The redirect back is not a payment: nothing is enrolled until the webhook.
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, buyer.id))).toEqual([]);
  });

  it("enrols once when checkout.session.completed is delivered three times, with Stripe's receipt", async () => {
    const buyer = await selfFunder("Tariq Self");
    const session = await checkout(buyer, { programme: "advanced-practitioner", quantity: 1, organisationId: null });
    const event = signed("checkout.session.completed", sessionObject(session));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await deliver(event)).status);
    expect(answers).toEqual([200, 200, 200]);
    const mine = await t.db.select().from(enrolments).where(eq(enrolments.userId, buyer.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ programmeSlug: "advanced-practitioner", status: "active", organisationId: null });
    expect(await t.db.select().from(paymentEvents).where(eq(paymentEvents.objectId, session.stripeSessionId))).toHaveLength(1);
    const [paid] = await t.db.select().from(payments).where(eq(payments.checkoutSessionId, session.id));
    expect(paid).toMatchObject({ kind: "paid", amountPence: 120000, receiptUrl: expect.stringMatching(/^https:\/\/pay\.stripe\.test\/receipts\/ch_for_/) });
    expect(await recordsOf(session)).toEqual({ places: 1, money: ["paid:120000"], history: ["1:assigned"] });
    const [purchase] = await listPurchases({ buyerId: buyer.id, selfFunded: true });
    expect(purchase!.standing).toMatchObject({ state: "paid", receiptUrl: paid!.receiptUrl });
    const audited = await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, session.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["payment.checkout_started", "payment.received"]);
  });

  it("refuses a checkout for a programme the buyer is already on", async () => {
    const buyer = await selfFunder("Una Self");
    const session = await checkout(buyer, { programme: "advanced-practitioner", quantity: 1, organisationId: null });
    await deliver(signed("checkout.session.completed", sessionObject(session)));
    const again = await startCheckout(
      { userId: buyer.id, role: "learner", organisationId: null },
      { programmeSlug: "advanced-practitioner", quantity: 1, organisationId: null, byInvoice: false, buyer, origin: ORIGIN },
    );
    expect(again).toMatchObject({ ok: false, message: "You are already on this programme" });
  });
});

describe("the webhook's signature", () => {
  let session: CheckoutRow;
  beforeAll(async () => {
    const buyer = await selfFunder("Vera Self");
    session = await checkout(buyer, { programme: "masters", quantity: 1, organisationId: null });
  });

  const refusals: [string, () => { payload: string; header?: string | null }][] = [
    ["no signature at all", () => ({ ...signed("checkout.session.completed", sessionObject(session)), header: null })],
    ["a signature made with another secret", () => signed("checkout.session.completed", sessionObject(session), { secret: "whsec_someone_else" })],
    ["a five-minute-old signature", () => signed("checkout.session.completed", sessionObject(session), { at: new Date(Date.now() - 5 * 60_000 - 1000) })],
    [
      "a body changed after it was signed",
      () => {
        const good = signed("checkout.session.completed", sessionObject(session));
        return { payload: good.payload.replace(String(session.totalPence), "1"), header: good.header };
      },
    ],
    ["a signature header that is not Stripe's", () => ({ payload: "{}", header: "t=abc,v1=nonsense" })],
  ];

  it.each(refusals)("refuses %s with 400 and changes no table", async (_label, make) => {
    const before = await databaseFingerprint(t.db, ["sessions"]);
    const response = await deliver(make());
    expect(response.status).toBe(400);
    expect(await databaseFingerprint(t.db, ["sessions"])).toEqual(before);
  });

  it("refuses a body over the limit without reading it through", async () => {
    const response = await deliver({ payload: "x".repeat(300 * 1024), header: "t=1,v1=x" });
    expect(response.status).toBe(413);
  });

  it("accepts the same event signed now", async () => {
    expect((await deliver(signed("checkout.session.completed", sessionObject(session)))).status).toBe(200);
  });
});

describe("an employer's places", () => {
  it("gives one set of places when an order's events arrive in reverse, three times each", async () => {
    const forward = await checkout({ id: lead.userId, email: "lena@example.test", name: lead.name }, { programme: "masters", quantity: 3, organisationId });
    const backward = await checkout({ id: lead.userId, email: "lena@example.test", name: lead.name }, { programme: "masters", quantity: 3, organisationId });
    const onePlace = Math.round(forward.totalPence / 3);
    const eventsOf = (s: CheckoutRow) => [
      signed("checkout.session.completed", sessionObject(s)),
      signed("charge.refunded", chargeObject(s, onePlace)),
      signed("charge.dispute.created", disputeObject(s)),
    ];
    for (const event of eventsOf(forward)) expect((await deliver(event)).status).toBe(200);
    for (const event of eventsOf(backward).reverse()) for (let i = 0; i < 3; i++) expect((await deliver(event)).status).toBe(200);
    const want = { places: 3, money: ["disputed:2610000", "paid:2610000", "refunded:870000"], history: ["3:refunded"] };
    expect(await recordsOf(forward)).toEqual(want);
    expect(await recordsOf(backward)).toEqual(want);
    const [purchase] = (await listPurchases({ organisationId })).filter((p) => p.id === backward.id);
    expect(purchase!.standing).toMatchObject({ state: "part_refunded", refundedPence: 870000, disputed: true });
    expect(purchase!.places.map((p) => p.state.state)).toEqual(["free", "free", "refunded"]);
  });

  it("waits for a bank transfer: places come only with async_payment_succeeded, and never after it failed", async () => {
    const buyer = { id: lead.userId, email: "lena@example.test", name: lead.name };
    const arrives = await checkout(buyer, { programme: "masters", quantity: 5, organisationId, byInvoice: true });
    const made = asked.filter((a) => a.path === "/v1/checkout/sessions").at(-1)!;
    expect(made.body.get("payment_method_types[0]")).toBe("customer_balance");
    expect(made.body.get("line_items[0][quantity]")).toBe("5");
    await deliver(signed("checkout.session.completed", sessionObject(arrives, "unpaid")));
    expect((await recordsOf(arrives)).places).toBe(0);
    await deliver(signed("checkout.session.async_payment_succeeded", sessionObject(arrives)));
    expect((await recordsOf(arrives)).places).toBe(5);

    const fails = await checkout(buyer, { programme: "masters", quantity: 5, organisationId, byInvoice: true });
    await deliver(signed("checkout.session.async_payment_failed", sessionObject(fails, "unpaid")));
    await deliver(signed("checkout.session.completed", sessionObject(fails, "unpaid")));
    expect(await recordsOf(fails)).toEqual({ places: 0, money: ["failed:4350000"], history: [] });
  });

  it("a lead gives places to learners, and takes one back only before the learner starts", async () => {
    const session = await checkout({ id: lead.userId, email: "lena@example.test", name: lead.name }, { programme: "masters", quantity: 2, organisationId });
    // Not paid yet: no places to give.
    expect(await t.db.select().from(seats).where(eq(seats.checkoutSessionId, session.id))).toEqual([]);
    await deliver(signed("checkout.session.completed", sessionObject(session)));
    const [one, two] = await t.db.select().from(seats).where(eq(seats.checkoutSessionId, session.id)).orderBy(seats.number);
    const [asha, ben] = learners;
    expect(await assignPlace(leadActor(), { seatId: one!.id, learnerId: asha!.id })).toEqual({ ok: true, learnerName: "Asha Learner" });
    expect(await assignPlace(leadActor(), { seatId: one!.id, learnerId: ben!.id })).toMatchObject({ ok: false, field: "seat" });
    expect(await assignPlace(leadActor(), { seatId: two!.id, learnerId: asha!.id })).toMatchObject({ ok: false, message: "Asha Learner is already on this programme" });
    expect(await assignPlace(leadActor(), { seatId: two!.id, learnerId: ben!.id })).toMatchObject({ ok: true });
    // Another organisation's lead cannot touch these places.
    const other = await makeOrganisation(t.db);
    expect(await assignPlace({ ...leadActor(), organisationId: other.id }, { seatId: two!.id, learnerId: ben!.id })).toMatchObject({ ok: false, field: "seat" });

    const [benEnrolment] = await t.db.select().from(enrolments).where(and(eq(enrolments.userId, ben!.id), eq(enrolments.programmeSlug, "masters")));
    await t.db.insert(lessonProgress).values({ enrolmentId: benEnrolment!.id, moduleSlug: "m", lessonSlug: "l" });
    expect(await takeBackPlace(leadActor(), { seatId: two!.id })).toMatchObject({ ok: false, message: "Ben Learner has started, so the place cannot be taken back" });
    expect(await takeBackPlace(leadActor(), { seatId: one!.id })).toEqual({ ok: true, learnerName: "Asha Learner" });
    const [ashaEnrolment] = await t.db.select().from(enrolments).where(and(eq(enrolments.userId, asha!.id), eq(enrolments.programmeSlug, "masters")));
    expect(ashaEnrolment!.status).toBe("withdrawn");
    // Given again after being taken back: the history keeps every step.
    expect(await assignPlace(leadActor(), { seatId: one!.id, learnerId: asha!.id })).toMatchObject({ ok: true });
    expect((await recordsOf(session)).history).toEqual(["1:assigned", "1:assigned", "1:taken_back", "2:assigned"]);
  });

  it("a refund frees a place and ends an unstarted enrolment; a started learner's is marked refunded and the lead is told", async () => {
    const session = await checkout({ id: lead.userId, email: "lena@example.test", name: lead.name }, { programme: "advanced-practitioner", quantity: 3, organisationId });
    await deliver(signed("checkout.session.completed", sessionObject(session)));
    const places = await t.db.select().from(seats).where(eq(seats.checkoutSessionId, session.id)).orderBy(seats.number);
    const [asha, ben] = learners;
    await assignPlace(leadActor(), { seatId: places[0]!.id, learnerId: asha!.id });
    await assignPlace(leadActor(), { seatId: places[1]!.id, learnerId: ben!.id });
    const enrolmentOf = async (userId: string) =>
      (await t.db.select().from(enrolments).where(and(eq(enrolments.userId, userId), eq(enrolments.programmeSlug, "advanced-practitioner"))))[0]!;
    await t.db.insert(lessonProgress).values({ enrolmentId: (await enrolmentOf(ben!.id)).id, moduleSlug: "m", lessonSlug: "l" });
    const place = session.totalPence / 3;

    // One place back: the free place goes first, and no one loses anything.
    await deliver(signed("charge.refunded", chargeObject(session, place)));
    expect((await recordsOf(session)).history).toContain("3:refunded");
    expect((await enrolmentOf(asha!.id)).status).toBe("active");
    // Two places back: then the place of the learner who has not started.
    await deliver(signed("charge.refunded", chargeObject(session, 2 * place)));
    expect((await enrolmentOf(asha!.id)).status).toBe("refunded");
    expect((await enrolmentOf(ben!.id)).status).toBe("active");
    // All of it: the started learner's enrolment is marked refunded, and the lead who bought it is told.
    await deliver(signed("charge.refunded", chargeObject(session, 3 * place)));
    expect((await enrolmentOf(ben!.id)).status).toBe("refunded");
    const [started] = await t.db
      .select()
      .from(seatAssignments)
      .where(and(eq(seatAssignments.seatId, places[1]!.id), eq(seatAssignments.kind, "refunded")));
    expect(started).toMatchObject({ started: true, learnerId: ben!.id, byRole: "payment" });
    const told = await t.db.select().from(notifications).where(and(eq(notifications.userId, lead.userId), eq(notifications.kind, "place_refunded")));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("Ben Learner");
    // A refunded place cannot be given again.
    expect(await assignPlace(leadActor(), { seatId: places[2]!.id, learnerId: learners[2]!.id })).toMatchObject({ ok: false, message: "That place was refunded: it cannot be given" });
  });

  it("a self-funder's refund before their payment's event still ends with no enrolment", async () => {
    const buyer = await selfFunder("Wendy Early-Refund");
    const session = await checkout(buyer, { programme: "cp-lead-practitioner", quantity: 1, organisationId: null });
    await deliver(signed("charge.refunded", chargeObject(session, session.totalPence)));
    await deliver(signed("checkout.session.completed", sessionObject(session)));
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, buyer.id))).toEqual([]);
    expect((await recordsOf(session)).history).toEqual(["1:refunded"]);
  });
});

describe("the records", () => {
  it.each(["checkout_sessions", "payment_events", "payments", "seats", "seat_assignments"])("%s refuses UPDATE and DELETE", async (table) => {
    expect(await failureOf(t.db.execute(sql.raw(`update "${table}" set id = id`)))).toMatch(/append-only/);
    expect(await failureOf(t.db.execute(sql.raw(`delete from "${table}"`)))).toMatch(/append-only/);
  });
});

describe("without keys", () => {
  beforeAll(() => useNoKeys());
  afterAll(() => useKeys(port));

  it("the test checkout signs its event with the local secret and the same webhook enrols the buyer", async () => {
    const buyer = await selfFunder("Xavier Keyless");
    const before = asked.length;
    const session = await checkout(buyer, { programme: "advanced-practitioner", quantity: 1, organisationId: null });
    expect(session.mode).toBe("test");
    expect(session.stripeSessionId).toMatch(/^cs_test_local_/);
    expect(asked.length).toBe(before); // nothing was sent to Stripe
    expect(await finishTestCheckout(session, "card")).toEqual({ status: 200, outcome: "fulfilled" });
    const [mine] = await t.db.select().from(enrolments).where(eq(enrolments.userId, buyer.id));
    expect(mine).toMatchObject({ status: "active", programmeSlug: "advanced-practitioner" });
    const [paid] = await t.db.select().from(payments).where(eq(payments.checkoutSessionId, session.id));
    expect(paid).toMatchObject({ kind: "paid", paymentIntentId: testIntentOf(session) });
    const [row] = await t.db.select().from(checkoutSessions).where(eq(checkoutSessions.id, session.id));
    expect(row!.mode).toBe("test");
  });

  it("an event signed with the local secret is refused once keys are set", async () => {
    const buyer = await selfFunder("Yusra Keys");
    const session = await checkout(buyer, { programme: "masters", quantity: 1, organisationId: null });
    useKeys(port);
    const forged = signed("checkout.session.completed", sessionObject(session), { secret: "whsec_practice_pathways_local_test_checkout" });
    expect((await deliver(forged)).status).toBe(400);
    useNoKeys();
  });
});
