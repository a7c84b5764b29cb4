/**
 * The helpline desk on the demo world: the advisor sees their helpline's queue with overdue
 * requests marked, logs calls (the first that reaches the person is their first contact), makes
 * a returner's account (user, refresher enrolment, profile, the request linked, a password link
 * emailed), and sees the figures. Nobody else opens the desk, another helpline's request is not
 * found, and the advisor cannot open an employer's records of its learners.
 */
import type { AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import {
  auditEvents,
  callbackNotes,
  callbackRequests,
  enrolments,
  memberships,
  organisations,
  returnerProfiles,
  users,
} from "#db/schema";
import { seedDemoWorld } from "#db/seed/demo-world";
import { checkResetToken } from "~/modules/auth/accounts.server";
import * as figuresPage from "~/routes/helpline.figures";
import * as queuePage from "~/routes/helpline._index";
import * as requestPage from "~/routes/helpline.requests.$requestId._index";
import * as learnerPage from "~/routes/learners.$membershipId";
import * as yearPage from "~/routes/year.$enrolmentId._index";
import { withTestDatabase } from "../support/database";
import { emailsTo, ORIGIN, signedIn, tokenFromLink } from "../support/fixtures";
import { sessionFor } from "../support/site";

const t = withTestDatabase();
const context = { cspNonce: "test-nonce", clientIp: "203.0.113.9" } as AppLoadContext;

let advisor: string;
let lead: string;
let returner: string;
let otherAdvisor: string;
let helplineId: string;

beforeAll(async () => {
  await seedDemoWorld(t.db);
  advisor = await sessionFor(t.db, "mark.ellison@returnhelpline.example");
  lead = await sessionFor(t.db, "priya.shah@northmoor.example");
  returner = await sessionFor(t.db, "janet.okoye@example.com");
  const [helpline] = await t.db.select().from(organisations).where(eq(organisations.slug, "return-helpline"));
  helplineId = helpline!.id;
  const [other] = await t.db
    .insert(organisations)
    .values({ slug: "second-helpline", name: "Second Helpline", kind: "helpline" })
    .returning();
  otherAdvisor = (await signedIn(t.db, other!.id, "helpline_advisor", "Olu Other")).cookie;
}, 120_000);

const get = (cookie: string, path: string) => new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } });
function post(cookie: string, path: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: { Cookie: cookie } });
}

/** What a loader or action answers: its status and data, however it answers. */
async function answerOf<T>(run: () => Promise<T>) {
  try {
    const result = await run();
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get("Location"), data: null };
    const wrapped = result as { init?: ResponseInit; data?: unknown; type?: string };
    if (wrapped && typeof wrapped === "object" && "init" in wrapped && "data" in wrapped)
      return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data as Record<string, unknown> };
    return { status: 200, location: null, data: result as Record<string, unknown> };
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
    const { init, data } = thrown as { init?: ResponseInit; data?: unknown };
    return { status: init?.status ?? 500, location: null, data: data as Record<string, unknown> };
  }
}

const requestByReference = async (reference: string) =>
  (await t.db.select().from(callbackRequests).where(eq(callbackRequests.reference, reference)))[0]!;

const queue = (cookie: string, search = "") =>
  answerOf(() => queuePage.loader({ request: get(cookie, `/helpline${search}`), params: {}, context }));
const openRequest = (cookie: string, requestId: string) =>
  answerOf(() =>
    requestPage.loader({ request: get(cookie, `/helpline/requests/${requestId}`), params: { requestId }, context }),
  );
const act = (cookie: string, requestId: string, fields: Record<string, string>) =>
  answerOf(() =>
    requestPage.action({
      request: post(cookie, `/helpline/requests/${requestId}?index`, fields),
      params: { requestId },
      context,
    }),
  );

describe("the helpline desk", () => {
  it("shows the advisor new requests, call-back date soonest first, with counts and the overdue ones marked", async () => {
    const answer = await queue(advisor);
    expect(answer.status).toBe(200);
    const page = answer.data as Awaited<ReturnType<typeof queuePage.loader>>;
    expect(page.counts).toEqual([
      { status: "new", n: 4 },
      { status: "contacted", n: 1 },
      { status: "introduced", n: 2 },
      { status: "returned", n: 1 },
      { status: "closed", n: 1 },
    ]);
    expect(page.requests.map((r) => r.name)).toEqual([
      "Patrick Byrne",
      "Bronwen Hughes",
      "Sanjay Mehta",
      "Gillian Foster",
    ]);
    expect(page.requests.filter((r) => r.overdue).map((r) => r.name)).toEqual(["Patrick Byrne", "Bronwen Hughes"]);
    expect(page.overdue).toBe(2);
    // Consenting self-registered returners are listed while they wait; Janet, introduced and at interview, is not waiting.
    expect(page.returners.map((r) => r.name)).not.toContain("Janet Okoye");
  });

  it("filters by region, specialism and age of request", async () => {
    const byRegion = (await queue(advisor, "?status=new&region=London")).data as Awaited<
      ReturnType<typeof queuePage.loader>
    >;
    expect(byRegion.requests.map((r) => r.name)).toEqual(["Sanjay Mehta"]);
    const young = (await queue(advisor, "?status=new&age=under-2")).data as Awaited<
      ReturnType<typeof queuePage.loader>
    >;
    expect(young.requests.map((r) => r.name).sort()).toEqual(["Gillian Foster", "Sanjay Mehta"]);
    const old = (await queue(advisor, "?status=new&age=over-5")).data as Awaited<ReturnType<typeof queuePage.loader>>;
    expect(old.requests.map((r) => r.name)).toEqual(["Patrick Byrne"]);
    const children = (await queue(advisor, "?status=contacted&specialism=children")).data as Awaited<
      ReturnType<typeof queuePage.loader>
    >;
    expect(children.requests.map((r) => r.name)).toEqual(["Naomi Clarke"]);
    expect(children.counts.find((c) => c.status === "new")!.n).toBe(1);
  });

  it("is closed to a council's programme lead and a returner, and another helpline's advisor cannot open a request", async () => {
    const request = await requestByReference("RTS-DEMR3B");
    expect((await queue(lead)).status).toBe(403);
    expect((await queue(returner)).status).toBe(403);
    expect([403, 404]).toContain((await openRequest(lead, request.id)).status);
    expect(
      (await answerOf(() => figuresPage.loader({ request: get(lead, "/helpline/figures"), params: {}, context })))
        .status,
    ).toBe(403);
    expect((await openRequest(otherAdvisor, request.id)).status).toBe(404);
    const before = await t.db.select().from(callbackNotes).where(eq(callbackNotes.requestId, request.id));
    expect((await act(otherAdvisor, request.id, { intent: "log-call", outcome: "spoke", note: "x" })).status).toBe(404);
    expect((await act(lead, request.id, { intent: "create-account" })).status).toBe(403);
    expect(await t.db.select().from(callbackNotes).where(eq(callbackNotes.requestId, request.id))).toHaveLength(
      before.length,
    );
    const otherQueue = (await queue(otherAdvisor)).data as Awaited<ReturnType<typeof queuePage.loader>>;
    expect(otherQueue.requests).toEqual([]);
  });

  it("logs calls: an unanswered one changes nothing, the first conversation is first contact and moves it to contacted", async () => {
    const request = await requestByReference("RTS-DEMR3B");
    expect((await act(advisor, request.id, { intent: "log-call", outcome: "no_answer", note: "" })).status).toBe(302);
    expect(await requestByReference("RTS-DEMR3B")).toMatchObject({ status: "new", firstContactAt: null });
    const refused = await act(advisor, request.id, { intent: "log-call", outcome: "spoke", note: "" });
    expect(refused.status).toBe(400);
    expect((refused.data as { errors: Record<string, string> }).errors.note).toBe(
      "Write a note of what was said or agreed",
    );
    const logged = await act(advisor, request.id, {
      intent: "log-call",
      outcome: "spoke",
      note: "Seven years in adults' services. Needs 60 updating days.",
    });
    expect(logged).toMatchObject({ status: 302, location: `/helpline/requests/${request.id}?logged=1` });
    const after = await requestByReference("RTS-DEMR3B");
    expect(after.status).toBe("contacted");
    expect(after.firstContactAt).toBeInstanceOf(Date);
    const page = (await openRequest(advisor, request.id)).data as Awaited<ReturnType<typeof requestPage.loader>>;
    expect(page.notes.map((n) => n.outcome)).toEqual(["Spoke to them", "No answer"]);
    expect(page.eligibility.updatingDays).toBe(60);
  });

  it("closes a request only with a reason, kept in its history", async () => {
    const request = await requestByReference("RTS-DEMQ2A");
    const refused = await act(advisor, request.id, { intent: "status", status: "closed", reason: "" });
    expect(refused.status).toBe(400);
    expect(
      (await act(advisor, request.id, { intent: "status", status: "closed", reason: "Found a post herself." })).status,
    ).toBe(302);
    expect((await requestByReference("RTS-DEMQ2A")).status).toBe("closed");
    const [note] = await t.db.select().from(callbackNotes).where(eq(callbackNotes.requestId, request.id));
    expect(note!.note).toBe("Status changed from new to closed. Found a post herself.");
  });

  it("makes the returner's account: a user, the refresher enrolment, a profile, the request linked, a password link emailed", async () => {
    const request = await requestByReference("RTS-DEMU6D");
    const made = await act(advisor, request.id, { intent: "create-account" });
    expect(made).toMatchObject({ status: 302, location: `/helpline/requests/${request.id}?account=created` });
    const [user] = await t.db.select().from(users).where(eq(users.email, "patrick.byrne@example.net"));
    expect(user).toMatchObject({
      name: "Patrick Byrne",
      accountKind: "returner",
      helplineContactConsent: true,
      passwordHash: null,
    });
    const mine = await t.db.select().from(enrolments).where(eq(enrolments.userId, user!.id));
    expect(mine).toEqual([
      expect.objectContaining({ programmeSlug: "return-to-social-work", organisationId: null, status: "active" }),
    ]);
    // Like Janet, who signed herself up: no membership of any organisation.
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, user!.id))).toEqual([]);
    const [profile] = await t.db.select().from(returnerProfiles).where(eq(returnerProfiles.userId, user!.id));
    expect(profile).toMatchObject({
      region: "Yorkshire and the Humber",
      specialism: "adults",
      registrationStatus: "lapsed",
      lastPractisedOn: request.lastPractisedOn,
      lapsedOn: request.lapsedOn,
    });
    expect((await requestByReference("RTS-DEMU6D")).returnerId).toBe(user!.id);
    const [mail] = await emailsTo("patrick.byrne@example.net");
    expect(mail!.subject).toBe("Set your password for Practice Pathways");
    expect(await checkResetToken(tokenFromLink(mail!, "/reset-password"))).toEqual({
      email: "patrick.byrne@example.net",
    });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "returner.account_created"), eq(auditEvents.subjectId, request.id)));
    expect(audit).toHaveLength(1);
    // A second press changes nothing.
    expect((await act(advisor, request.id, { intent: "create-account" })).status).toBe(302);
    expect(await t.db.select().from(users).where(eq(users.email, "patrick.byrne@example.net"))).toHaveLength(1);
    expect(await emailsTo("patrick.byrne@example.net")).toHaveLength(1);
  });

  it("links the account that already uses the address instead of making another", async () => {
    const request = await requestByReference("RTS-DEMT4C");
    const [janet] = await t.db.select().from(users).where(eq(users.email, "janet.okoye@example.com"));
    await t.db
      .update(callbackRequests)
      .set({ email: "Janet.Okoye@example.com" })
      .where(eq(callbackRequests.id, request.id));
    const linked = await act(advisor, request.id, { intent: "create-account" });
    expect(linked.location).toBe(`/helpline/requests/${request.id}?account=linked`);
    expect((await requestByReference("RTS-DEMT4C")).returnerId).toBe(janet!.id);
    expect(await t.db.select().from(users).where(eq(users.email, "janet.okoye@example.com"))).toHaveLength(1);
    const [mail] = await emailsTo("janet.okoye@example.com");
    expect(mail!.text).toContain("/sign-in");
    expect(mail!.text).not.toContain("/reset-password/");
  });

  it("does not let the advisor open an employer's records of its learners", async () => {
    const [zainab] = await t.db.select().from(users).where(eq(users.email, "zainab.hussain@northmoor.example"));
    const [year] = await t.db.select().from(enrolments).where(eq(enrolments.userId, zainab!.id));
    const [membership] = await t.db.select().from(memberships).where(eq(memberships.userId, zainab!.id));
    const yearAnswer = await answerOf(() =>
      yearPage.loader({ request: get(advisor, `/year/${year!.id}`), params: { enrolmentId: year!.id }, context }),
    );
    expect([403, 404]).toContain(yearAnswer.status);
    const learnerAnswer = await answerOf(() =>
      learnerPage.loader({
        request: get(advisor, `/learners/${membership!.id}`),
        params: { membershipId: membership!.id },
        context,
      }),
    );
    expect([403, 404]).toContain(learnerAnswer.status);
  });

  it("counts the figures in the database: requests per week and region, time to first contact, the funnel", async () => {
    const answer = await answerOf(() =>
      figuresPage.loader({ request: get(advisor, "/helpline/figures"), params: {}, context }),
    );
    expect(answer.status).toBe(200);
    const page = answer.data as Awaited<ReturnType<typeof figuresPage.loader>>;
    expect(page.weeks).toHaveLength(12);
    expect(page.weeks.reduce((n, w) => n + w.requests, 0)).toBe(9);
    expect(page.regions[0]).toEqual({ region: "North West", n: 4 });
    expect(page.contacted).toBe(6);
    expect(page.median).not.toBe("Not yet known");
    expect(page.funnel.map((f) => f.value)).toEqual([9, 3, 1, 1]);
    expect(helplineId).toBeTruthy();
  });
});
