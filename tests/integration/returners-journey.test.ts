/**
 * The returner's own route against a real database: their answers decide the days needed, the
 * updating log counts the regulator's way as entries are added, a CPD record is checked at the
 * edge, and the evidence pack downloads for its owner only. Every page serves the signed-in
 * person's own records: nobody else's entry can be deleted, and staff cannot open the pages.
 */
import { writeFileSync } from "node:fs";
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays, subMonths } from "date-fns";
import { and, count, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import {
  auditEvents,
  callbackRequests,
  cpdRecords,
  introductions,
  returnerProfiles,
  updatingEntries,
  vacancies,
} from "#db/schema";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { createSession, generateToken } from "~/modules/auth/session.server";
import * as cpdPage from "~/routes/return.cpd";
import * as evidencePdf from "~/routes/return.evidence[.]pdf";
import * as returnPage from "~/routes/return._index";
import * as updatingPage from "~/routes/return.updating";
import { withTestDatabase } from "../support/database";
import { answerOf, get, post, type Fields } from "../support/requests";
import { makeOrganisation, makeUser, signedIn } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-return-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});
writeFileSync(manifestFile, JSON.stringify({ version: 1, builtAt: "", frameworks: [], programmes: [] }));

const t = withTestDatabase();
const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
const day = (d: Date) => format(d, "yyyy-MM-dd");
const today = () => day(new Date());
const ago = (n: number) => day(subDays(new Date(), n));

interface Person {
  userId: string;
  cookie: string;
}

async function returner(name: string): Promise<Person> {
  const user = await makeUser(t.db, { name, accountKind: "returner" });
  const token = generateToken();
  await createSession(token, user.id, { activeMembershipId: null });
  return { userId: user.id, cookie: sessionCookie(token).split(";")[0]! };
}

const loadReturn = (p: Person) => returnPage.loader({ request: get(p, "/return"), params: {}, context });
const sendReturn = (p: Person, fields: Fields) =>
  answerOf(() => returnPage.action({ request: post(p, "/return", fields), params: {}, context }));
const loadUpdating = (p: Person) => updatingPage.loader({ request: get(p, "/return/updating"), params: {}, context });
const sendUpdating = (p: Person, fields: Fields) =>
  answerOf(() => updatingPage.action({ request: post(p, "/return/updating", fields), params: {}, context }));
const loadCpd = (p: Person) => cpdPage.loader({ request: get(p, "/return/cpd"), params: {}, context });
const sendCpd = (p: Person, fields: Fields) =>
  answerOf(() => cpdPage.action({ request: post(p, "/return/cpd", fields), params: {}, context }));

const entry = (fields: Partial<Fields> = {}): Fields => ({
  intent: "add",
  on: ago(5),
  hours: "6",
  kind: "formal_study",
  description: "The refresher's day on the law that changed while I was away.",
  ...fields,
});

const answers = (lapsedYearsAgo: number): Fields => {
  const lapsed = subMonths(new Date(), lapsedYearsAgo * 12 + 1);
  return {
    intent: "profile",
    registrationStatus: "lapsed",
    lapsedOn: format(lapsed, "yyyy-MM-dd"),
    lastPractisedOn: format(subMonths(lapsed, 3), "yyyy-MM"),
    region: "North West",
    specialism: "children",
  };
};

const rowsOf = async (table: typeof updatingEntries | typeof cpdRecords, userId: string) =>
  (await t.db.select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;

let janet: Person;
let other: Person;

beforeAll(async () => {
  janet = await returner("Janet Okoye");
  other = await returner("Tom Reilly");
});

describe("who may use the pages", () => {
  test("staff and learners who are not returners are refused every page; signed out, sent to sign in", async () => {
    const org = await makeOrganisation(t.db);
    const advisor = await signedIn(t.db, org.id, "helpline_advisor", "Mark Ellison");
    const lead = await signedIn(t.db, org.id, "programme_lead", "Priya Shah");
    for (const person of [advisor, lead]) {
      for (const run of [
        () => returnPage.loader({ request: get(person, "/return"), params: {}, context }),
        () => updatingPage.loader({ request: get(person, "/return/updating"), params: {}, context }),
        () => cpdPage.loader({ request: get(person, "/return/cpd"), params: {}, context }),
        () => evidencePdf.loader({ request: get(person, "/return/evidence.pdf"), params: {}, context }),
        () => updatingPage.action({ request: post(person, "/return/updating", entry()), params: {}, context }),
      ])
        expect((await answerOf(run)).status).toBe(403);
    }
    const signedOut = await answerOf(() => returnPage.loader({ request: get(null, "/return"), params: {}, context }));
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(/^\/sign-in/);
  });

  test("someone who answered the returner's questions may use them, whatever their account", async () => {
    const user = await makeUser(t.db, { name: "Ayo Bello" });
    await t.db
      .insert(returnerProfiles)
      .values({ userId: user.id, registrationStatus: "lapsed", lapsedOn: "2022-01-01" });
    const token = generateToken();
    await createSession(token, user.id, { activeMembershipId: null });
    const page = await loadUpdating({ userId: user.id, cookie: sessionCookie(token).split(";")[0]! });
    expect(page.needed).toBe(30);
  });
});

describe("the answers that decide the days needed", () => {
  test("with no answers yet the page asks for them; lapsed about six years ago means 60 days", async () => {
    expect((await loadReturn(janet)).journey).toBeNull();
    const bad = await sendReturn(janet, { ...answers(6), lapsedOn: "", region: "" });
    expect(bad.status).toBe(400);
    expect(bad.errors).toEqual({
      lapsedOn: "Enter the date your registration lapsed",
      region: "Choose the region you want to work in",
    });
    expect(bad.values.lastPractisedOn).toBe(answers(6).lastPractisedOn);
    expect((await sendReturn(janet, answers(6))).location).toBe("/return?saved=answers");
    const page = await loadReturn(janet);
    expect(page.journey?.needed).toBe(60);
    expect(page.journey?.count.counted).toBe(0);
    expect(page.journey?.checklist.ready).toBe(false);
  });

  test("the checklist's ticks are the returner's; updating done is worked out from the log", async () => {
    const saved = await sendReturn(janet, { intent: "checklist", referencesReceived: "yes" });
    expect(saved.location).toBe("/return?saved=checklist");
    const items = (await loadReturn(janet)).journey!.checklist.items;
    expect(Object.fromEntries(items.map((i) => [i.key, i.done]))).toEqual({
      updatingDone: false,
      registrationRestored: false,
      referencesReceived: true,
      supervisedStartAgreed: false,
    });
    expect(items.find((i) => i.key === "updatingDone")?.manual).toBe(false);
  });
});

describe("someone never on the register", () => {
  test("is told to apply as a new applicant, with no restoring days to count and no restoring to tick", async () => {
    const sam = await returner("Sam Whitfield");
    const saved = await sendReturn(sam, { ...answers(6), registrationStatus: "never_registered", lapsedOn: "" });
    expect(saved.location).toBe("/return?saved=answers");
    const page = await loadReturn(sam);
    expect(page.journey).toMatchObject({ route: "new_applicant", needed: 0, timeOffRegister: null });
    expect(page.journey!.steps[0]).toMatch(/as a new applicant/);
    expect(page.journey!.checklist.items.map((i) => i.key)).not.toContain("updatingDone");
    expect(page.journey!.checklist.items[0]!.label).toBe("Registered with Social Work England (as a new applicant)");
    await sendUpdating(sam, entry({ hours: "9" }));
    const log = await loadUpdating(sam);
    expect(log).toMatchObject({ newApplicant: true, needed: null });
    expect(log.count.counted).toBe(1); // nine hours on one date is one day
  });
});

describe("the updating log", () => {
  test("each entry added moves the count, in days of six hours", async () => {
    expect((await sendUpdating(janet, entry({ hours: "6" }))).location).toBe("/return/updating?added=1");
    expect((await loadUpdating(janet)).count.counted).toBe(1);
    await sendUpdating(janet, entry({ on: ago(4), hours: "3", kind: "formal_study" }));
    const page = await loadUpdating(janet);
    expect(page.count.counted).toBe(1.5);
    expect(page.entries.map((e) => e.hours)).toEqual(["3", "6"]); // newest first
    expect((await loadReturn(janet)).journey?.count.counted).toBe(1.5);
    const [audited] = await t.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, janet.userId), eq(auditEvents.action, "returner.updating_added")));
    expect(audited!.n).toBe(2);
  });

  test("bad entries are refused by field, the input kept, and nothing saved", async () => {
    const before = await rowsOf(updatingEntries, janet.userId);
    const future = day(subDays(new Date(), -1));
    const bad = await sendUpdating(janet, entry({ on: future, hours: "13", kind: "supervised_practice" }));
    expect(bad.status).toBe(400);
    expect(bad.errors).toEqual({
      on: "The date cannot be in the future",
      hours: "Enter at most 12 hours for one day",
      supervisedBy: "Enter who supervised your practice",
    });
    expect(bad.values).toMatchObject({ on: future, hours: "13", description: entry().description });
    // A day holds at most 12 hours across its entries.
    const full = await sendUpdating(janet, entry({ hours: "6.5" }));
    expect(full.status).toBe(400);
    expect(full.errors.hours).toMatch(/already logged 6 hours/);
    expect(await rowsOf(updatingEntries, janet.userId)).toBe(before);
  });

  test("private study counts for at most half of what is needed, and only the last 12 months count", async () => {
    const tom = other;
    await sendReturn(tom, answers(3)); // 30 days needed: private study can make up 15
    expect((await loadUpdating(tom)).needed).toBe(30);
    await t.db.insert(updatingEntries).values(
      Array.from({ length: 17 }, (_, i) => ({
        userId: tom.userId,
        on: ago(10 + i),
        hours: 6,
        kind: "private_study" as const,
        description: `Reading, day ${i + 1}`,
      })),
    );
    let page = await loadUpdating(tom);
    expect(page.count).toMatchObject({ counted: 15, privateStudyDays: 17, privateStudyNotCounted: 2 });
    expect(page.entries.filter((e) => e.standing.kind === "capped")).toHaveLength(2);
    // Supervised practice counts in full beside it; a day from 13 months ago does not count at all.
    await sendUpdating(tom, entry({ kind: "supervised_practice", supervisedBy: "Sam Carter, senior practitioner" }));
    await sendUpdating(tom, entry({ on: day(subMonths(new Date(), 13)), kind: "formal_study" }));
    page = await loadUpdating(tom);
    expect(page.count).toMatchObject({ counted: 16, otherDays: 1, outsideWindow: 1 });
    expect(page.entries.find((e) => e.standing.kind === "outside")).toBeTruthy();
    expect(page.entries.find((e) => e.supervisedBy)?.supervisedBy).toBe("Sam Carter, senior practitioner");
  });

  test("a person deletes their own entries; anyone else's id is answered 404 and the entry stays", async () => {
    const [tomsEntry] = await t.db
      .select()
      .from(updatingEntries)
      .where(eq(updatingEntries.userId, other.userId))
      .limit(1);
    const refused = await sendUpdating(janet, { intent: "delete", entryId: tomsEntry!.id });
    expect(refused.status).toBe(404);
    expect((await t.db.select().from(updatingEntries).where(eq(updatingEntries.id, tomsEntry!.id))).length).toBe(1);
    expect((await sendUpdating(janet, { intent: "delete", entryId: "not-an-id" })).status).toBe(404);

    const mine = (await loadUpdating(janet)).entries[0]!;
    const before = await rowsOf(updatingEntries, janet.userId);
    expect((await sendUpdating(janet, { intent: "delete", entryId: mine.id })).location).toBe(
      "/return/updating?deleted=1",
    );
    expect(await rowsOf(updatingEntries, janet.userId)).toBe(before - 1);
    expect((await loadUpdating(janet)).count.counted).toBe(1);
    const [audited] = await t.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, mine.id), eq(auditEvents.action, "returner.updating_deleted")));
    expect(audited!.n).toBe(1);
  });
});

describe("the CPD log", () => {
  const record = (fields: Partial<Fields> = {}): Fields => ({
    recordedOn: today(),
    activity: "A refresher course on the Care Act.",
    learning: "How the wellbeing principle shapes an assessment.",
    impact: "I will start from the person's own outcomes.",
    "standard-1": "yes",
    ...fields,
  });

  test("each part is checked, at least one standard is needed, and the input is kept", async () => {
    const bad = await sendCpd(janet, {
      recordedOn: today(),
      activity: "A course",
      learning: "",
      impact: "x",
      peerName: "Sam",
    });
    expect(bad.status).toBe(400);
    expect(bad.errors).toEqual({
      learning: "Write what you learnt",
      standards: "Choose at least one professional standard",
    });
    expect(bad.values).toMatchObject({ activity: "A course", peerName: "Sam" });
    const wrong = await sendCpd(janet, record({ "standard-7": "yes" }));
    expect(wrong.errors.standards).toBe("Choose the professional standards from the list");
    expect(await rowsOf(cpdRecords, janet.userId)).toBe(0);
  });

  test("records count towards the registration year; a peer's name without the conversation does not count as discussed", async () => {
    expect((await sendCpd(janet, record({ peerName: "Sam Carter" }))).location).toBe("/return/cpd?added=1");
    let page = await loadCpd(janet);
    expect(page.state).toMatchObject({ met: false, records: 1, peerReviewed: 0 });
    expect(page.state.need).toBe(
      "You need 1 more CPD record this registration year, and it must be reflected on with a peer.",
    );
    expect(page.state.renewal).toMatch(/^Renewal closes (today|in \d+ days?) \(30 November \d{4}\)/);
    await sendCpd(janet, record({ "standard-3": "yes", peerName: "Sam Carter", peerReflection: "We compared notes." }));
    page = await loadCpd(janet);
    expect(page.state).toMatchObject({ met: true, records: 2, peerReviewed: 1 });
    expect(page.years).toHaveLength(1);
    expect(page.years[0]!.records[0]!.standards.map((s) => s.code)).toEqual(["1", "3"]);
    // A record from the registration year before is listed under that year, and does not count towards this one.
    await t.db.insert(cpdRecords).values({
      userId: janet.userId,
      recordedOn: day(subMonths(new Date(), 14)),
      activity: "Old",
      learning: "Old",
      impact: "Old",
      standards: ["2"],
    });
    page = await loadCpd(janet);
    expect(page.years).toHaveLength(2);
    expect(page.state.records).toBe(2);
  });
});

describe("introductions to councils", () => {
  test("the returner sees the councils they were introduced to and where each stands; nobody else's", async () => {
    const council = await makeOrganisation(t.db, { name: "Northmoor City Council" });
    const helpline = await makeOrganisation(t.db, { kind: "helpline", name: "Return Helpline" });
    const advisor = await makeUser(t.db, { name: "Mark Ellison" });
    const [vacancy] = await t.db
      .insert(vacancies)
      .values({
        organisationId: council.id,
        title: "Social worker",
        team: "Children in need",
        region: "North West",
        grade: "Level 2",
        salaryFrom: 36000,
        salaryTo: 41000,
        specialism: "children",
        supervisionOffered: "Weekly",
        inductionOffered: "Six weeks",
        closesOn: ago(-30),
        postedById: advisor.id,
      })
      .returning();
    const request = (person: Person, reference: string) => ({
      reference,
      helplineId: helpline.id,
      name: "A returner",
      email: `${reference}@example.test`,
      phone: "01632 960000",
      region: "North West",
      specialism: "children" as const,
      lastPractisedOn: "2020-01-01",
      registrationStatus: "lapsed" as const,
      consentToShare: true,
      callBackBy: today(),
      returnerId: person.userId,
    });
    const [mine, theirs] = await t.db
      .insert(callbackRequests)
      .values([request(janet, "RTS-AAAAAA"), request(other, "RTS-BBBBBB")])
      .returning();
    await t.db.insert(introductions).values([
      {
        requestId: mine!.id,
        vacancyId: vacancy!.id,
        organisationId: council.id,
        introducedById: advisor.id,
        status: "offered",
        councilNote: "Strong candidate",
      },
      {
        requestId: theirs!.id,
        vacancyId: vacancy!.id,
        organisationId: council.id,
        introducedById: advisor.id,
        status: "interview",
      },
    ]);
    const page = await loadReturn(janet);
    expect(page.introductions).toHaveLength(1);
    expect(page.introductions[0]).toMatchObject({
      council: "Northmoor City Council",
      vacancy: "Social worker",
      statusLabel: "Offer made",
      goodNews: true,
    });
    expect(JSON.stringify(page)).not.toContain("Strong candidate"); // the council's own note stays with the council
    expect((await loadReturn(other)).introductions.map((i) => i.statusLabel)).toEqual(["Interview arranged"]);
  });
});

describe("the evidence pack", () => {
  test("downloads as a PDF of the person's own records; staff are refused", async () => {
    const response = (await evidencePdf.loader({
      request: get(janet, "/return/evidence.pdf"),
      params: {},
      context,
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe("Evidence of updating: Janet Okoye");
    const theirs = (await evidencePdf.loader({
      request: get(other, "/return/evidence.pdf"),
      params: {},
      context,
    })) as Response;
    expect((await PDFDocument.load(new Uint8Array(await theirs.arrayBuffer()))).getTitle()).toBe(
      "Evidence of updating: Tom Reilly",
    );
    const org = await makeOrganisation(t.db);
    const lead = await signedIn(t.db, org.id, "programme_lead", "Priya Shah");
    expect(
      (await answerOf(() => evidencePdf.loader({ request: get(lead, "/return/evidence.pdf"), params: {}, context })))
        .status,
    ).toBe(403);
  });
});
