/**
 * Vacancies and introductions on a real (PGlite) database with the demo world: councils see
 * only their own introductions, consent and open posts are required, duplicates are refused,
 * each step is recorded with an event, and another council's ids are not found.
 */
import { and, eq, like } from "drizzle-orm";
import { format } from "date-fns";
import { auditEvents, callbackRequests, introductionEvents, introductions, notifications, organisations, users, vacancies } from "#db/schema";
import { seedDemoWorld } from "#db/seed/demo-world";
import { DEMO_REQUEST_REFERENCE } from "#db/seed/demo-vacancies";
import {
  introduce,
  listOrganisationIntroductions,
  recordCouncilStep,
  type Actor,
} from "~/modules/returners/introductions.server";
import { listAllOpenVacancies, listOpenVacancies, updateVacancy } from "~/modules/returners/vacancies.server";
import { myIntroductions } from "~/modules/returners/journey.server";
import * as councilIntroduction from "~/routes/organisation.introductions.$introductionId";
import * as councilIntroductions from "~/routes/organisation.introductions._index";
import * as leadVacancy from "~/routes/organisation.vacancies.$vacancyId";
import * as matching from "~/routes/helpline_.requests.$requestId_.vacancies";
import * as publicVacancies from "~/routes/vacancies._index";
import { withTestDatabase } from "../support/database";
import { ORIGIN } from "../support/fixtures";
import { sessionFor } from "../support/site";

const t = withTestDatabase();
const today = format(new Date(), "yyyy-MM-dd");
const args = (path: string, cookie?: string, init: RequestInit = {}, params: Record<string, string> = {}) => ({
  request: new Request(`${ORIGIN}${path}`, { ...init, headers: { ...(cookie ? { Cookie: cookie } : {}), ...init.headers } }),
  params,
  context: { clientIp: "203.0.113.9" },
});
const form = (entries: Record<string, string>) => ({
  method: "POST",
  body: new URLSearchParams(entries),
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
});
async function statusOf(run: () => Promise<unknown>) {
  try {
    const result = await run();
    return (result as { init?: { status?: number } })?.init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    return (thrown as { init?: { status?: number } })?.init?.status ?? -1;
  }
}

let org: Record<string, string>;
let person: Record<string, string>;
let cookies: Record<string, string>;
let advisor: Actor;
let priya: Actor;

beforeAll(async () => {
  await seedDemoWorld(t.db);
  await seedDemoWorld(t.db); // twice: the demo vacancies are idempotent
  org = Object.fromEntries((await t.db.select().from(organisations)).map((o) => [o.slug, o.id]));
  person = Object.fromEntries((await t.db.select().from(users)).map((u) => [u.email, u.id]));
  cookies = {
    priya: await sessionFor(t.db, "priya.shah@northmoor.example"),
    marcus: await sessionFor(t.db, "marcus.reid@riverside.example"),
    mark: await sessionFor(t.db, "mark.ellison@returnhelpline.example"),
  };
  advisor = { userId: person["mark.ellison@returnhelpline.example"]!, role: "helpline_advisor", organisationId: org["return-helpline"]! };
  priya = { userId: person["priya.shah@northmoor.example"]!, role: "programme_lead", organisationId: org.northmoor! };
}, 120_000);

async function vacancy(orgSlug: string, title: string) {
  const [row] = await t.db
    .select()
    .from(vacancies)
    .where(and(eq(vacancies.organisationId, org[orgSlug]!), eq(vacancies.title, title)));
  return row!;
}

async function makeRequest(reference: string, consent: { consentToShare: boolean; consentRecordedAt: Date | null }) {
  const [row] = await t.db
    .insert(callbackRequests)
    .values({
      reference,
      helplineId: org["return-helpline"]!,
      name: `Person ${reference}`,
      email: `${reference.toLowerCase()}@example.com`,
      phone: "07700 900000",
      region: "North West",
      specialism: "adults",
      lastPractisedOn: "2020-01-01",
      registrationStatus: "lapsed",
      callBackBy: today,
      ...consent,
    })
    .returning();
  return row!;
}

test("the demo world has six vacancies and Janet's introduction to Northmoor at interview, once", async () => {
  expect(await t.db.select().from(vacancies)).toHaveLength(6);
  const [janet] = await t.db.select().from(callbackRequests).where(eq(callbackRequests.reference, DEMO_REQUEST_REFERENCE));
  const made = await t.db.select().from(introductions).where(eq(introductions.requestId, janet!.id));
  expect(made.map((i) => [i.organisationId, i.status])).toEqual([[org.northmoor, "interview"]]);
  // What Janet sees on her own page.
  const mine = await myIntroductions(person["janet.okoye@example.com"]!);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ council: "Northmoor City Council", status: "interview" });
  const history = await t.db.select().from(introductionEvents).where(eq(introductionEvents.introductionId, mine[0]!.id));
  expect(history.map((e) => e.status).sort()).toEqual(["interview", "introduced"]);
});

test("a programme lead sees only introductions to their own council", async () => {
  const northmoor = await listOrganisationIntroductions(org.northmoor!);
  expect(northmoor.map((i) => i.name).sort()).toEqual(["Helen Marsden", "Janet Okoye"]);
  expect((await listOrganisationIntroductions(org.riverside!)).map((i) => i.name)).toEqual(["Oluwaseun Adebayo"]);
  const page = (await councilIntroductions.loader(args("/organisation/introductions", cookies.marcus) as never)) as {
    introductions: { name: string }[];
  };
  expect(page.introductions.map((i) => i.name)).toEqual(["Oluwaseun Adebayo"]);
  const janetsIntroduction = northmoor.find((i) => i.name === "Janet Okoye")!.id;
  expect(
    await statusOf(() =>
      councilIntroduction.loader(
        args(`/organisation/introductions/${janetsIntroduction}`, cookies.marcus, {}, { introductionId: janetsIntroduction }) as never,
      ),
    ),
  ).toBe(404);
});

test("an introduction is refused without recorded consent, and the page offers no button", async () => {
  const post = await vacancy("northmoor", "Social worker, adults' locality team");
  for (const [reference, consent] of [
    ["RTS-NOCON1", { consentToShare: false, consentRecordedAt: null }],
    ["RTS-NOCON2", { consentToShare: true, consentRecordedAt: null }],
  ] as const) {
    const request = await makeRequest(reference, consent);
    const result = await introduce(advisor, request.id, post.id, today);
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/has not agreed to share/) });
    const page = await matching.loader(args(`/helpline/requests/${request.id}/vacancies`, cookies.mark, {}, { requestId: request.id }) as never);
    expect(page.request.consent).toBe(false);
  }
  expect(await t.db.select().from(introductions).where(eq(introductions.vacancyId, post.id))).toEqual([]);
});

test("an introduction with consent is made once, moves the request on, and a duplicate is refused", async () => {
  const post = await vacancy("northmoor", "Social worker, adults' locality team");
  const request = await makeRequest("RTS-CONSNT", { consentToShare: true, consentRecordedAt: new Date() });
  const response = await statusOf(() =>
    matching.action(
      args(`/helpline/requests/${request.id}/vacancies`, cookies.mark, form({ intent: "introduce", vacancyId: post.id }), {
        requestId: request.id,
      }) as never,
    ),
  );
  expect(response).toBe(302);
  const [made] = await t.db.select().from(introductions).where(eq(introductions.requestId, request.id));
  expect(made).toMatchObject({ organisationId: org.northmoor, status: "introduced", vacancyId: post.id });
  expect(await t.db.select().from(introductionEvents).where(eq(introductionEvents.introductionId, made!.id))).toHaveLength(1);
  const [after] = await t.db.select().from(callbackRequests).where(eq(callbackRequests.id, request.id));
  expect(after!.status).toBe("introduced");
  expect(await t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, made!.id))).toHaveLength(1);

  const again = await introduce(advisor, request.id, post.id, today);
  expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/already been introduced/) });
  expect(await t.db.select().from(introductions).where(eq(introductions.requestId, request.id))).toHaveLength(1);
});

test("closed and withdrawn posts are not listed publicly and cannot be introduced to", async () => {
  const closed = await vacancy("northmoor", "Senior practitioner, fostering");
  const withdrawn = await vacancy("riverside", "Approved mental health professional");
  const listed = await publicVacancies.loader(args("/vacancies") as never);
  const ids = listed.vacancies.map((v) => v.id);
  expect(ids).toHaveLength(4);
  expect(ids).not.toContain(closed.id);
  expect(ids).not.toContain(withdrawn.id);
  expect((await listAllOpenVacancies(today)).map((v) => v.id)).not.toContain(closed.id);
  // Closing soonest first; the filters narrow the list.
  const closes = listed.vacancies.map((v) => v.closesOn);
  expect((await listOpenVacancies({ region: null, specialism: null, returnerFriendly: false, page: 1 }, today)).rows.map((v) => v.closesOn)).toEqual(
    [...(await listOpenVacancies({ region: null, specialism: null, returnerFriendly: false, page: 1 }, today)).rows.map((v) => v.closesOn)].sort(),
  );
  expect(closes).toHaveLength(4);
  const london = await listOpenVacancies({ region: "London", specialism: null, returnerFriendly: false, page: 1 }, today);
  expect(london.rows.map((v) => v.title)).toEqual(["Social worker, assessment and intervention"]);
  const adults = await listOpenVacancies({ region: null, specialism: "adults", returnerFriendly: false, page: 1 }, today);
  expect(adults.rows.map((v) => v.specialism).sort()).toEqual(["adults", "either"]);

  const request = await makeRequest("RTS-CLOSED", { consentToShare: true, consentRecordedAt: new Date() });
  for (const post of [closed, withdrawn])
    expect(await introduce(advisor, request.id, post.id, today)).toMatchObject({ ok: false, message: expect.stringMatching(/not open/) });
});

test("the council's steps are recorded with events; a start marks the request returned; wrong steps are refused", async () => {
  const post = await vacancy("northmoor", "Social worker, children in need (returners welcome)");
  const request = await makeRequest("RTS-STEPS1", { consentToShare: true, consentRecordedAt: new Date() });
  const made = await introduce(advisor, request.id, post.id, today);
  if (!made.ok) throw new Error(made.message);
  const id = made.introductionId;
  expect(await recordCouncilStep(priya, id, { intent: "started", startsOn: today, note: "" })).toMatchObject({ ok: false });
  expect(
    await statusOf(() =>
      councilIntroduction.action(args(`/organisation/introductions/${id}`, cookies.priya, form({ intent: "interview", interviewOn: "2027-02-31" }), { introductionId: id }) as never),
    ),
  ).toBe(400);
  expect(await recordCouncilStep(priya, id, { intent: "interview", interviewOn: today, note: "" })).toEqual({ ok: true, status: "interview" });
  expect(await recordCouncilStep(priya, id, { intent: "offered", note: "Offer at grade 8" })).toEqual({ ok: true, status: "offered" });
  expect(await recordCouncilStep(priya, id, { intent: "started", startsOn: today, note: "" })).toEqual({ ok: true, status: "started" });
  expect(await recordCouncilStep(priya, id, { intent: "declined", reason: "Too late" })).toMatchObject({ ok: false });
  const events = await t.db.select().from(introductionEvents).where(eq(introductionEvents.introductionId, id));
  expect(events.map((e) => e.status).sort()).toEqual(["interview", "introduced", "offered", "started"]);
  const [after] = await t.db.select().from(callbackRequests).where(eq(callbackRequests.id, request.id));
  expect(after!.status).toBe("returned");
  // The vacancy's poster was told of the introduction, and the advisor of each answer, once each.
  const told = await t.db.select().from(notifications).where(like(notifications.eventKey, `introduction:${id}:%`));
  expect(told.map((n) => [n.userId, n.eventKey.split(":")[2], n.href]).sort()).toEqual(
    [
      [post.postedById, "made", `/organisation/introductions/${id}`],
      [advisor.userId, "interview", `/helpline/requests/${request.id}`],
      [advisor.userId, "offered", `/helpline/requests/${request.id}`],
      [advisor.userId, "started", `/helpline/requests/${request.id}`],
    ].sort(),
  );
  // Riverside's lead cannot take Northmoor's introduction forward.
  const marcus = { userId: person["marcus.reid@riverside.example"]!, role: "programme_lead", organisationId: org.riverside! };
  expect(await recordCouncilStep(marcus, id, { intent: "declined", reason: "x" })).toMatchObject({ ok: false });
});

test("a lead cannot open or edit another council's vacancy (404)", async () => {
  const theirs = await vacancy("northmoor", "Social worker, adults' locality team");
  const path = `/organisation/vacancies/${theirs.id}`;
  expect(await statusOf(() => leadVacancy.loader(args(path, cookies.marcus, {}, { vacancyId: theirs.id }) as never))).toBe(404);
  expect(
    await statusOf(() => leadVacancy.action(args(path, cookies.marcus, form({ intent: "withdraw" }), { vacancyId: theirs.id }) as never)),
  ).toBe(404);
  const marcus = { userId: person["marcus.reid@riverside.example"]!, role: "programme_lead", organisationId: org.riverside! };
  expect(
    await updateVacancy(marcus, theirs.id, {
      title: "Taken over",
      team: "x",
      region: "London",
      grade: "x",
      salaryFrom: 10_000,
      salaryTo: 10_000,
      specialism: "adults",
      returnerFriendly: false,
      supervisionOffered: "x",
      inductionOffered: "x",
      description: "",
      closesOn: today,
    }),
  ).toBe(false);
  const [still] = await t.db.select().from(vacancies).where(eq(vacancies.id, theirs.id));
  expect(still!.title).toBe(theirs.title);
  expect(still!.withdrawnAt).toBeNull();
  // Their own lead can withdraw it, and it leaves the public list.
  expect(await statusOf(() => leadVacancy.action(args(path, cookies.priya, form({ intent: "withdraw" }), { vacancyId: theirs.id }) as never))).toBe(302);
  const listed = await publicVacancies.loader(args("/vacancies") as never);
  expect(listed.vacancies.map((v) => v.id)).not.toContain(theirs.id);
});
