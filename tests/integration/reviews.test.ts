/**
 * Review points against a real database: the learner submits evidence, the supervisor returns
 * or approves it, the year's team manager countersigns, all through the route with real session
 * cookies. The programme lead reads every review and countersigns none, unless they are also the
 * year's team manager.
 * Who may do each step, decisions made on what was actually read, sign-offs that name the
 * exact evidence versions, and records the database itself refuses to change.
 */
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays } from "date-fns";
import { asc, count, eq, sql } from "drizzle-orm";
import { enrolments, reviewSubmissions, signoffs, type organisations } from "#db/schema";
import {
  createEvidence,
  findEvidence,
  listEvidence,
  reviseEvidence,
  type EvidenceInput,
} from "~/modules/portfolio/portfolio.server";
import { changedSinceSignoff, reviewState, submissionHash } from "~/modules/signoff/reviews";
import {
  countersignReview,
  decideReview,
  reviewRecords,
  submitReview,
  type SignoffActor,
} from "~/modules/signoff/reviews.server";
import * as reviewPage from "~/routes/year.$enrolmentId.reviews.$code";
import type { CurrentUser } from "~/utils/auth.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { failureOf } from "../support/errors";
import { emailsTo, makeMembership, makeOrganisation, ORIGIN, signedIn } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-reviews-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();

type Org = typeof organisations.$inferSelect;
type Role = "learner" | "supervisor" | "programme_lead" | "team_manager";
type Enrolment = typeof enrolments.$inferSelect;
type Fields = Record<string, string | string[]>;

const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
const yesterday = () => format(subDays(new Date(), 1), "yyyy-MM-dd");

/** A person signed in for real: a session row, and the cookie the browser would send back. */
interface Person {
  userId: string;
  name: string;
  cookie: string;
  current: CurrentUser;
}

const signIn = (org: Org, role: Role, name: string): Promise<Person> => signedIn(t.db, org.id, role, name);

const input = (title: string): EvidenceInput => ({
  title,
  occurredOn: yesterday(),
  body: "I listened before asking about the school's concerns, and wrote down what the family said.",
  capabilities: ["PCF-1", "PCF-6"],
  details: {},
});

/** A learner in their assessed year with a supervisor and some evidence in the portfolio. */
interface Year {
  learner: Person;
  enrolment: Enrolment;
  /** Item ids in the order they were created. */
  items: string[];
}

async function startYear(
  org: Org,
  name: string,
  supervisor: Person,
  titles = ["Home visit", "Core group"],
  teamManager: Person | null = org === north ? managerNorth : null,
) {
  const learner = await signIn(org, "learner", name);
  const [enrolment] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.userId,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor.userId,
      teamManagerId: teamManager?.userId ?? null,
      startedOn: "2026-09-07",
      pathway: "child-family",
    })
    .returning();
  const actor = { userId: learner.userId, role: "learner", organisationId: org.id };
  const items: string[] = [];
  for (const title of titles)
    items.push((await createEvidence(enrolment!.id, actor, "reflective_log", input(title)))!.id);
  return { learner, enrolment: enrolment!, items } satisfies Year;
}

const pathOf = (year: Year, code: string) => `/year/${year.enrolment.id}/reviews/${code}`;

function form(fields: Fields) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body;
}

/** The review page as `person` sees it. */
function load(person: Person, year: Year, code: string) {
  return reviewPage.loader({
    request: new Request(`${ORIGIN}${pathOf(year, code)}`, { headers: { Cookie: person.cookie } }),
    params: { enrolmentId: year.enrolment.id, code },
    context,
  });
}

/** What a request to the page answers, however it answers: a redirect, a refusal, or the form again. */
interface Answer {
  status: number;
  location: string | null;
  message: string;
  errors: Record<string, string>;
  values: Fields;
}

async function answerOf(run: () => Promise<unknown>): Promise<Answer> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    result = thrown;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), message: "", errors: {}, values: {} };
  const { init, data } = result as {
    init: ResponseInit | null;
    data: { message?: string; errors?: Record<string, string>; values?: Fields };
  };
  return {
    status: init?.status ?? 200,
    location: null,
    message: data.message ?? "",
    errors: data.errors ?? {},
    values: data.values ?? {},
  };
}

/** `person` posts the review form as a browser would. */
function send(person: Person, year: Year, code: string, fields: Fields) {
  return answerOf(() =>
    reviewPage.action({
      request: new Request(`${ORIGIN}${pathOf(year, code)}`, {
        method: "POST",
        body: form(fields),
        headers: { Cookie: person.cookie },
      }),
      params: { enrolmentId: year.enrolment.id, code },
      context,
    }),
  );
}

const loadAnswer = (person: Person, year: Year, code: string) => answerOf(() => load(person, year, code));

async function submissionsOf(year: Year, code: string) {
  return t.db
    .select()
    .from(reviewSubmissions)
    .where(eq(reviewSubmissions.enrolmentId, year.enrolment.id))
    .orderBy(asc(reviewSubmissions.number))
    .then((rows) => rows.filter((r) => r.reviewCode === code));
}

async function signoffsOf(year: Year, code: string) {
  const rows = await t.db
    .select()
    .from(signoffs)
    .where(eq(signoffs.enrolmentId, year.enrolment.id))
    .orderBy(asc(signoffs.signedAt), asc(signoffs.id));
  return rows.filter((r) => r.reviewCode === code);
}

async function stateOf(year: Year, code: string) {
  const records = await reviewRecords(year.enrolment.id, code);
  return reviewState(records.submissions, records.signoffs).state;
}

/** Rows in both tables, to show a refused request wrote nothing. */
async function rowCounts() {
  const [subs] = await t.db.select({ n: count() }).from(reviewSubmissions);
  const [signs] = await t.db.select({ n: count() }).from(signoffs);
  return { submissions: subs!.n, signoffs: signs!.n };
}

/** Each item exactly as it is now: the version and its content hash. */
async function versionsNow(year: Year, itemIds: string[]) {
  const found = [];
  for (const id of itemIds) {
    const item = (await findEvidence(year.enrolment.id, id))!;
    const current = item.versions.find((v) => v.version.version === item.currentVersion)!.version;
    found.push({ itemId: id, version: current.version, contentHash: current.contentHash });
  }
  return found.sort((a, b) => a.itemId.localeCompare(b.itemId));
}

const exactItems = (items: { itemId: string; version: number; contentHash: string }[]) =>
  items
    .map(({ itemId, version, contentHash }) => ({ itemId, version, contentHash }))
    .sort((a, b) => a.itemId.localeCompare(b.itemId));

/**
 * Starts every run at once, so that each reads the review before any writes its sign-off, as when
 * two people press the button together. PGlite runs one statement at a time in the order asked, so
 * starting them together is enough; on the server, their inserts into signoffs wait behind a lock
 * until every run is waiting there.
 */
async function atTheSameMoment<T>(runs: (() => Promise<T>)[]): Promise<T[]> {
  if (t.driver !== "postgres") return Promise.all(runs.map((run) => run()));
  let racing: Promise<T[]> | undefined;
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`lock table signoffs in share mode`);
    racing = Promise.all(runs.map((run) => run()));
    racing.catch(() => {});
    for (let tries = 0; ; tries++) {
      const result = (await t.db.execute(
        sql`select count(*)::int as n from pg_locks
            where relation = 'signoffs'::regclass and not granted
              and database = (select oid from pg_database where datname = current_database())`,
      )) as unknown as { n: number }[];
      if (result[0]!.n >= runs.length) break;
      if (tries > 500) throw new Error("The runs never reached the insert together");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return racing!;
}

const submit = (year: Year, code: string, learnerComments: string, evidence = year.items) =>
  send(year.learner, year, code, { intent: "submit", learnerComments, evidence });

let north: Org;
let south: Org;
let daniel: Person; // supervisor in North of every North learner below
let helen: Person; // another supervisor in North, nobody's supervisor here
let leadNorth: Person; // North's programme lead, who reads every review and countersigns none
let managerNorth: Person; // the team manager every North year below names: they countersign
let otherManager: Person; // another team manager in North, named on none of these years
let sam: Person; // supervisor in South
let leadSouth: Person;
let managerSouth: Person;

beforeAll(async () => {
  north = await makeOrganisation(t.db, { name: "North Borough Council" });
  south = await makeOrganisation(t.db, { name: "South County Council" });
  daniel = await signIn(north, "supervisor", "Daniel Reid");
  helen = await signIn(north, "supervisor", "Helen Shaw");
  leadNorth = await signIn(north, "programme_lead", "Priya Lead");
  managerNorth = await signIn(north, "team_manager", "Rachel Manager");
  otherManager = await signIn(north, "team_manager", "Imran Manager");
  sam = await signIn(south, "supervisor", "Sam Ortiz");
  leadSouth = await signIn(south, "programme_lead", "Omar Lead");
  managerSouth = await signIn(south, "team_manager", "Colin Manager");
});

describe("the 3-month review, from submission to countersignature", () => {
  it("is submitted, returned with comments, resubmitted, approved on track and countersigned, each sign-off naming who and exactly what", async () => {
    const year = await startYear(north, "Amara Okoye", daniel);
    const here = pathOf(year, "three-month");
    const v1 = await versionsNow(year, year.items);

    const opened = await load(year.learner, year, "three-month");
    expect(opened).toMatchObject({ party: "learner", state: "not_started", action: "submit", history: [] });
    expect(opened.evidence.map((e) => e.id).sort()).toEqual([...year.items].sort());

    // The learner submits two pieces of evidence.
    const first = await submit(year, "three-month", "Three months in: more confident on home visits.");
    expect(first).toMatchObject({ status: 302, location: `${here}?done=submitted` });
    const [sub1] = await submissionsOf(year, "three-month");
    expect(sub1).toMatchObject({ number: 1, submittedById: year.learner.userId });
    expect(sub1!.learnerComments).toBe("Three months in: more confident on home visits.");
    expect(exactItems(sub1!.items)).toEqual(v1);
    expect(sub1!.contentHash).toBe(submissionHash(sub1!.learnerComments, sub1!.items));
    expect(await stateOf(year, "three-month")).toBe("submitted");

    // The supervisor reads it and may only decide.
    const reading = await load(daniel, year, "three-month");
    expect(reading).toMatchObject({ party: "supervisor", state: "submitted", action: "decide" });
    expect(reading.latest).toEqual({ id: sub1!.id, hash: sub1!.contentHash });
    expect(reading.history[0]!.comments).toBe("Three months in: more confident on home visits.");

    // A return without comments is refused, and the choice is kept for the form.
    const bare = await send(daniel, year, "three-month", {
      intent: "decide",
      submission: sub1!.id,
      decision: "returned",
      outcome: "",
      comments: "  ",
      actionPlan: "",
    });
    expect(bare.status).toBe(400);
    expect(bare.errors.comments).toBe("Say what the learner needs to change");
    expect(bare.values.decision).toBe("returned");
    expect(await signoffsOf(year, "three-month")).toEqual([]);

    const returned = await send(daniel, year, "three-month", {
      intent: "decide",
      submission: sub1!.id,
      decision: "returned",
      outcome: "",
      comments: "Add the feedback from the health visitor too.",
      actionPlan: "",
    });
    expect(returned).toMatchObject({ status: 302, location: `${here}?done=returned` });
    const [returnRow] = await signoffsOf(year, "three-month");
    expect(returnRow).toMatchObject({
      step: "supervisor_decision",
      decision: "returned",
      outcome: null,
      comments: "Add the feedback from the health visitor too.",
      userId: daniel.userId,
      role: "supervisor",
      organisationId: north.id,
      submissionId: sub1!.id,
      contentHash: sub1!.contentHash,
    });
    expect(exactItems(returnRow!.items)).toEqual(v1);

    // The learner sees why and submits again.
    const back = await load(year.learner, year, "three-month");
    expect(back).toMatchObject({ state: "returned", stateLabel: "Returned to the learner", action: "submit" });
    expect(back.history[0]!.signoffs).toEqual([
      expect.objectContaining({
        decision: "returned",
        comments: "Add the feedback from the health visitor too.",
        by: "Daniel Reid",
        role: "practice supervisor",
      }),
    ]);
    expect(back.previous?.evidence.sort()).toEqual([...year.items].sort());

    const again = await submit(year, "three-month", "Three months in, with the health visitor's feedback.");
    expect(again).toMatchObject({ status: 302, location: `${here}?done=submitted` });
    const subs = await submissionsOf(year, "three-month");
    expect(subs.map((s) => s.number)).toEqual([1, 2]);
    const sub2 = subs[1]!;
    expect(sub2.contentHash).not.toBe(sub1!.contentHash);
    expect(exactItems(sub2.items)).toEqual(v1);
    expect(await stateOf(year, "three-month")).toBe("submitted");

    // The supervisor approves the second submission: on track.
    const second = await load(daniel, year, "three-month");
    expect(second.latest).toEqual({ id: sub2.id, hash: sub2.contentHash });
    expect(second.history.map((h) => h.number)).toEqual([2, 1]);
    const approved = await send(daniel, year, "three-month", {
      intent: "decide",
      submission: second.latest!.id,
      decision: "approved",
      outcome: "on_track",
      comments: "A good three months.",
      actionPlan: "",
    });
    expect(approved).toMatchObject({ status: 302, location: `${here}?done=approved` });
    expect(await stateOf(year, "three-month")).toBe("approved");
    // The year's team manager is told it waits for their countersignature; the lead is not.
    const [told] = await emailsTo(managerNorth.current.user.email);
    expect(told).toMatchObject({ subject: "Amara Okoye's 3-month review is approved and waits for your countersignature" });
    expect(told!.text).toContain(here);
    expect(await emailsTo(leadNorth.current.user.email)).toEqual([]);
    const approval = (await signoffsOf(year, "three-month")).find((s) => s.submissionId === sub2.id)!;
    expect(approval).toMatchObject({
      step: "supervisor_decision",
      decision: "approved",
      outcome: "on_track",
      actionPlan: null,
      userId: daniel.userId,
      role: "supervisor",
      organisationId: north.id,
      contentHash: sub2.contentHash,
    });
    expect(exactItems(approval.items)).toEqual(v1);

    // The programme lead reads it and has no step to take.
    expect(await load(leadNorth, year, "three-month")).toMatchObject({
      party: "programme_lead",
      state: "approved",
      action: null,
      teamManager: "Rachel Manager",
    });

    // The year's team manager countersigns exactly what they read.
    const manager = await load(managerNorth, year, "three-month");
    expect(manager).toMatchObject({ party: "team_manager", state: "approved", action: "countersign" });
    expect(manager.history[0]!.signoffs[0]).toMatchObject({ outcome: "On track", by: "Daniel Reid" });
    const countersigned = await send(managerNorth, year, "three-month", {
      intent: "countersign",
      version: manager.latest!.hash,
      comments: "",
    });
    expect(countersigned).toMatchObject({ status: 302, location: `${here}?done=countersigned` });
    const countersignature = (await signoffsOf(year, "three-month")).find((s) => s.step === "countersignature")!;
    expect(countersignature).toMatchObject({
      decision: "countersigned",
      outcome: null,
      userId: managerNorth.userId,
      role: "team_manager",
      organisationId: north.id,
      submissionId: sub2.id,
      contentHash: sub2.contentHash,
    });
    expect(exactItems(countersignature.items)).toEqual(v1);

    expect(await stateOf(year, "three-month")).toBe("complete");
    const done = await load(year.learner, year, "three-month");
    expect(done).toMatchObject({ state: "complete", stateLabel: "Signed off", action: null });
    expect(done.history[0]!.signoffs.map((g) => [g.step, g.by, g.role])).toEqual([
      ["supervisor_decision", "Daniel Reid", "practice supervisor"],
      ["countersignature", "Rachel Manager", "team manager"],
    ]);
    // Other review points are untouched.
    expect(await stateOf(year, "six-month")).toBe("not_started");
  });
});

describe("people who may not take a step", () => {
  let year: Year;
  beforeAll(async () => {
    year = await startYear(north, "Ben Marsh", daniel);
  });

  async function refusedWithoutWriting(run: () => Promise<Answer>, status: number) {
    const before = await rowCounts();
    const answer = await run();
    expect(answer.status).toBe(status);
    expect(await rowCounts()).toEqual(before);
    return answer;
  }

  it("answers 404 to another organisation's people, and to a supervisor or team manager who is not the learner's", async () => {
    for (const outsider of [sam, leadSouth, managerSouth, helen, otherManager]) {
      const page = await loadAnswer(outsider, year, "three-month");
      expect(page.status, outsider.name).toBe(404);
      expect(page.message).toMatch(/could not find that learner's year/);
      for (const intent of ["submit", "decide", "countersign"]) {
        const answer = await refusedWithoutWriting(
          () =>
            send(outsider, year, "three-month", {
              intent,
              learnerComments: "Forged",
              evidence: year.items,
              decision: "approved",
              outcome: "on_track",
              version: "0".repeat(64),
            }),
          404,
        );
        expect(answer.message, `${outsider.name} ${intent}`).toMatch(/could not find that learner's year/);
      }
    }
    expect(await stateOf(year, "three-month")).toBe("not_started");
  });

  it("answers 403 to the learner deciding, the supervisor countersigning, the team manager deciding and the lead countersigning", async () => {
    // Before anything is submitted, nobody but the learner has a step.
    const early = await refusedWithoutWriting(
      () => send(daniel, year, "three-month", { intent: "decide", decision: "approved", outcome: "on_track" }),
      403,
    );
    expect(early.message).toMatch(/nothing waiting for your decision/);

    expect((await submit(year, "three-month", "Ready for my review.")).status).toBe(302);
    const [sub] = await submissionsOf(year, "three-month");
    const decide = {
      intent: "decide",
      submission: sub!.id,
      decision: "approved",
      outcome: "on_track",
      comments: "",
      actionPlan: "",
    };

    const learnerDecides = await refusedWithoutWriting(() => send(year.learner, year, "three-month", decide), 403);
    expect(learnerDecides.message).toMatch(/with your supervisor or team manager now/);
    const managerDecides = await refusedWithoutWriting(() => send(managerNorth, year, "three-month", decide), 403);
    expect(managerDecides.message).toMatch(/nothing waiting for your countersignature/);
    const leadDecides = await refusedWithoutWriting(() => send(leadNorth, year, "three-month", decide), 403);
    expect(leadDecides.message).toMatch(/not this year's team manager/);
    const supervisorCountersigns = await refusedWithoutWriting(
      () => send(daniel, year, "three-month", { intent: "countersign", version: sub!.contentHash }),
      403,
    );
    expect(supervisorCountersigns.message).toMatch(/nothing waiting for your decision/);
    const learnerSubmitsAgain = await refusedWithoutWriting(
      () =>
        send(year.learner, year, "three-month", { intent: "submit", learnerComments: "Again", evidence: year.items }),
      403,
    );
    expect(learnerSubmitsAgain.message).toMatch(/with your supervisor or team manager now/);
    expect(await stateOf(year, "three-month")).toBe("submitted");

    // Once it is approved, the supervisor still cannot countersign their own approval.
    expect((await send(daniel, year, "three-month", decide)).status).toBe(302);
    const ownApproval = await refusedWithoutWriting(
      () => send(daniel, year, "three-month", { intent: "countersign", version: sub!.contentHash }),
      403,
    );
    expect(ownApproval.message).toMatch(/nothing waiting for your decision/);
    const learnerCountersigns = await refusedWithoutWriting(
      () => send(year.learner, year, "three-month", { intent: "countersign", version: sub!.contentHash }),
      403,
    );
    expect(learnerCountersigns.status).toBe(403);
    // The programme lead, not the year's team manager, has no button and is refused.
    expect((await load(leadNorth, year, "three-month")).action).toBeNull();
    const leadCountersigns = await refusedWithoutWriting(
      () => send(leadNorth, year, "three-month", { intent: "countersign", version: sub!.contentHash }),
      403,
    );
    expect(leadCountersigns.message).toMatch(/team manager countersigns its reviews, and you are not/);
    expect(
      await countersignReview(
        year.enrolment.id,
        "three-month",
        { userId: leadNorth.userId, role: "programme_lead", organisationId: north.id },
        sub!.contentHash,
        "",
      ),
    ).toEqual({ ok: false, message: "Only the year's team manager countersigns its reviews" });
    expect(await stateOf(year, "three-month")).toBe("approved");
    expect((await load(daniel, year, "three-month")).action).toBeNull();
    expect((await load(year.learner, year, "three-month")).action).toBeNull();
  });
});

describe("submissions and sign-offs in the database", () => {
  let year: Year;
  beforeAll(async () => {
    year = await startYear(north, "Cara Bell", daniel);
    const learner: SignoffActor = { userId: year.learner.userId, role: "learner", organisationId: north.id };
    const supervisor: SignoffActor = { userId: daniel.userId, role: "supervisor", organisationId: north.id };
    expect(await submitReview(year.enrolment.id, "three-month", learner, "My first review.", year.items)).toEqual({
      ok: true,
    });
    const [sub] = await submissionsOf(year, "three-month");
    expect(
      await decideReview(year.enrolment.id, "three-month", supervisor, sub!.id, {
        decision: "approved",
        outcome: "on_track",
        comments: "Well done.",
        actionPlan: null,
      }),
    ).toEqual({ ok: true });
  });

  it("cannot be changed, deleted or truncated: the database refuses", async () => {
    const subsBefore = await submissionsOf(year, "three-month");
    const signsBefore = await signoffsOf(year, "three-month");
    expect(subsBefore).toHaveLength(1);
    expect(signsBefore).toHaveLength(1);

    expect(
      await failureOf(
        t.db.update(signoffs).set({ decision: "returned" }).where(eq(signoffs.enrolmentId, year.enrolment.id)),
      ),
    ).toMatch(/signoffs is append-only: UPDATE refused/);
    expect(await failureOf(t.db.delete(signoffs).where(eq(signoffs.enrolmentId, year.enrolment.id)))).toMatch(
      /signoffs is append-only: DELETE refused/,
    );
    expect(await failureOf(t.db.execute(sql`truncate signoffs`))).toMatch(/signoffs is append-only: TRUNCATE refused/);

    expect(
      await failureOf(
        t.db
          .update(reviewSubmissions)
          .set({ learnerComments: "Forged" })
          .where(eq(reviewSubmissions.enrolmentId, year.enrolment.id)),
      ),
    ).toMatch(/review_submissions is append-only: UPDATE refused/);
    expect(
      await failureOf(t.db.delete(reviewSubmissions).where(eq(reviewSubmissions.enrolmentId, year.enrolment.id))),
    ).toMatch(/review_submissions is append-only: DELETE refused/);
    // Plain TRUNCATE already fails on the sign-offs' foreign key; CASCADE reaches the trigger.
    expect(await failureOf(t.db.execute(sql`truncate review_submissions`))).not.toBe("did not fail");
    expect(await failureOf(t.db.execute(sql`truncate review_submissions cascade`))).toMatch(
      /append-only: TRUNCATE refused/,
    );

    expect(await submissionsOf(year, "three-month")).toEqual(subsBefore);
    expect(await signoffsOf(year, "three-month")).toEqual(signsBefore);
    expect(await stateOf(year, "three-month")).toBe("approved");
  });
});

describe("evidence edited after it was signed", () => {
  it("keeps the sign-off on the version that was approved and shows the item as changed since", async () => {
    const year = await startYear(north, "Dev Patel", daniel);
    const [edited, untouched] = year.items as [string, string];
    const v1 = await versionsNow(year, year.items);
    expect((await submit(year, "three-month", "My evidence for three months.")).status).toBe(302);
    const [sub] = await submissionsOf(year, "three-month");
    expect(
      (
        await send(daniel, year, "three-month", {
          intent: "decide",
          submission: sub!.id,
          decision: "approved",
          outcome: "on_track",
          comments: "",
          actionPlan: "",
        })
      ).status,
    ).toBe(302);

    const actor = { userId: year.learner.userId, role: "learner", organisationId: north.id };
    const revised = await reviseEvidence(year.enrolment.id, edited, actor, 1, {
      ...input("Home visit"),
      body: "Looking back, I should have asked the child first.",
    });
    expect(revised).toEqual({ ok: true, version: 2, changed: true });

    const [approval] = await signoffsOf(year, "three-month");
    const signedItem = approval!.items.find((i) => i.itemId === edited)!;
    expect(signedItem.version).toBe(1);
    expect(signedItem.contentHash).toBe(v1.find((v) => v.itemId === edited)!.contentHash);
    expect(signedItem.contentHash).not.toBe((await versionsNow(year, [edited]))[0]!.contentHash);
    expect(approval!.contentHash).toBe(sub!.contentHash);

    const currentVersions = new Map((await listEvidence(year.enrolment.id)).map((e) => [e.id, e.version]));
    expect(changedSinceSignoff(approval!.items, currentVersions)).toEqual([
      { itemId: edited, signedVersion: 1, currentVersion: 2 },
    ]);

    const page = await load(leadNorth, year, "three-month");
    const shown = new Map(page.history[0]!.items.map((i) => [i.itemId, i]));
    expect(shown.get(edited)).toMatchObject({
      version: 1,
      changedTo: 2,
      href: `/year/${year.enrolment.id}/portfolio/${edited}?version=1`,
    });
    expect(shown.get(untouched)).toMatchObject({ version: 1, changedTo: null });

    // The team manager countersigns what the supervisor approved: still version 1.
    expect(
      (await send(managerNorth, year, "three-month", { intent: "countersign", version: page.latest!.hash })).status,
    ).toBe(302);
    const countersignature = (await signoffsOf(year, "three-month")).find((s) => s.step === "countersignature")!;
    expect(exactItems(countersignature.items)).toEqual(v1);
    expect(await stateOf(year, "three-month")).toBe("complete");
  });
});

describe("a decision made on what is no longer there", () => {
  let year: Year;
  let sub1: typeof reviewSubmissions.$inferSelect;
  let sub2: typeof reviewSubmissions.$inferSelect;

  beforeAll(async () => {
    year = await startYear(north, "Eve Adeyemi", daniel);
    expect((await submit(year, "three-month", "First go.")).status).toBe(302);
    [sub1] = (await submissionsOf(year, "three-month")) as [typeof sub1];
    const returned = await send(daniel, year, "three-month", {
      intent: "decide",
      submission: sub1.id,
      decision: "returned",
      comments: "Say more about the strategy meeting.",
    });
    expect(returned.status).toBe(302);
    expect((await submit(year, "three-month", "Second go, with the strategy meeting.")).status).toBe(302);
    [, sub2] = (await submissionsOf(year, "three-month")) as [typeof sub1, typeof sub2];
  });

  it("refuses a decision on the earlier submission once the learner has resubmitted", async () => {
    const before = await rowCounts();
    const stale = await send(daniel, year, "three-month", {
      intent: "decide",
      submission: sub1.id,
      decision: "approved",
      outcome: "on_track",
      comments: "",
      actionPlan: "",
    });
    expect(stale.status).toBe(409);
    expect(stale.errors.form).toMatch(/submitted a newer version while you were reading/);
    expect(await rowCounts()).toEqual(before);
    expect(await stateOf(year, "three-month")).toBe("submitted");

    const current = await send(daniel, year, "three-month", {
      intent: "decide",
      submission: sub2.id,
      decision: "approved",
      outcome: "on_track",
      comments: "",
      actionPlan: "",
    });
    expect(current.status).toBe(302);
  });

  it("refuses a countersignature of a submission the team manager did not read, and a second one", async () => {
    const before = await rowCounts();
    const stale = await send(managerNorth, year, "three-month", { intent: "countersign", version: sub1.contentHash });
    expect(stale.status).toBe(409);
    expect(stale.errors.form).toMatch(/changed while you were reading it/);
    const garbled = await send(managerNorth, year, "three-month", { intent: "countersign", version: "not-a-hash" });
    expect(garbled.status).toBe(400);
    expect(garbled.errors.version).toMatch(/Reload the page/);
    expect(await rowCounts()).toEqual(before);
    expect(await stateOf(year, "three-month")).toBe("approved");

    // The team manager presses countersign twice at the same moment: one signature is kept.
    const both = await atTheSameMoment(
      [managerNorth, managerNorth].map(
        (manager) => () =>
          countersignReview(
            year.enrolment.id,
            "three-month",
            { userId: manager.userId, role: "team_manager", organisationId: north.id },
            sub2.contentHash,
            "",
          ),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toEqual({ ok: false, message: expect.stringMatching(/already been signed/) });
    const countersignatures = (await signoffsOf(year, "three-month")).filter((s) => s.step === "countersignature");
    expect(countersignatures).toHaveLength(1);
    expect(countersignatures[0]!.submissionId).toBe(sub2.id);
    expect(await stateOf(year, "three-month")).toBe("complete");

    // Afterwards, the page offers nothing more to countersign.
    const afterwards = await rowCounts();
    const again = await send(managerNorth, year, "three-month", { intent: "countersign", version: sub2.contentHash });
    expect(again.status).toBe(403);
    expect(again.message).toMatch(/nothing waiting for your countersignature/);
    expect(
      await countersignReview(
        year.enrolment.id,
        "three-month",
        { userId: managerNorth.userId, role: "team_manager", organisationId: north.id },
        sub2.contentHash,
        "",
      ),
    ).toEqual({ ok: false, message: expect.stringMatching(/nothing waiting for your countersignature/) });
    expect(await rowCounts()).toEqual(afterwards);
  });
});

describe("evidence put forward for a review", () => {
  it("must come from the learner's own portfolio", async () => {
    const year = await startYear(north, "Fay Morgan", daniel);
    const chloe = await startYear(south, "Chloe Dunn", sam, ["Chloe's visit"]);
    const before = await rowCounts();

    const theirs = await submit(year, "three-month", "My review.", chloe.items);
    expect(theirs.status).toBe(409);
    expect(theirs.errors.evidence).toBe("Choose evidence from your own portfolio");
    expect(theirs.values.learnerComments).toBe("My review.");

    const mixed = await submit(year, "three-month", "My review.", [year.items[0]!, chloe.items[0]!]);
    expect(mixed.status).toBe(409);
    expect(mixed.errors.evidence).toBe("Choose evidence from your own portfolio");

    const none = await submit(year, "three-month", "My review.", []);
    expect(none.status).toBe(400);
    expect(none.errors.evidence).toBe("Choose at least one piece of evidence for the review");

    expect(await rowCounts()).toEqual(before);
    expect(await stateOf(year, "three-month")).toBe("not_started");
    expect(await stateOf(chloe, "three-month")).toBe("not_started");
  });
});

describe("the final assessment", () => {
  it("asks for a pass or fail recommendation, reasons for a fail, and records a pass", async () => {
    const year = await startYear(north, "Gus Holt", daniel);
    expect((await load(year.learner, year, "final")).review).toMatchObject({ code: "final", final: true });
    // The final assessment comes after the interim reviews are signed off.
    const early = await submit(year, "final", "My year, start to finish.");
    expect(early.status).toBe(409);
    expect(early.errors.form).toBe(
      "Sign off the earlier reviews first: 3-month review, 6-month review. " +
        "The final assessment needs a direct observation recorded by your assessor: ask them to observe your practice and record it first",
    );
    expect(await submissionsOf(year, "final")).toHaveLength(0);
    for (const code of ["three-month", "six-month"]) {
      expect((await submit(year, code, `Ready for the ${code} review.`)).status).toBe(302);
      const [interim] = await submissionsOf(year, code);
      expect(
        (
          await send(daniel, year, code, {
            intent: "decide",
            submission: interim!.id,
            decision: "approved",
            outcome: "on_track",
          })
        ).status,
      ).toBe(302);
      const hash = (await load(managerNorth, year, code)).latest!.hash;
      expect((await send(managerNorth, year, code, { intent: "countersign", version: hash })).status).toBe(302);
    }
    // Three observations by the supervisor are not the one the assessor must make.
    const bySupervisor = { userId: daniel.userId, role: "supervisor", organisationId: north.id };
    for (const title of ["Home visit", "Core group", "Child protection conference"])
      await createEvidence(year.enrolment.id, bySupervisor, "direct_observation", input(title));
    expect((await load(year.learner, year, "final")).blockers).toEqual([
      "The final assessment needs a direct observation recorded by your assessor: ask them to observe your practice and record it first",
    ]);
    const noAssessor = await submit(year, "final", "My year, start to finish.");
    expect(noAssessor.status).toBe(409);
    expect(noAssessor.errors.form).toMatch(/^The final assessment needs a direct observation recorded by your assessor/);
    expect(await submissionsOf(year, "final")).toHaveLength(0);
    const byAssessor = { userId: daniel.userId, role: "assessor", organisationId: north.id };
    await createEvidence(year.enrolment.id, byAssessor, "direct_observation", input("Family group conference"));
    expect((await load(year.learner, year, "final")).blockers).toEqual([]);
    expect((await submit(year, "final", "My year, start to finish.")).status).toBe(302);
    const [sub] = await submissionsOf(year, "final");
    const decide = (fields: Fields) =>
      send(daniel, year, "final", { intent: "decide", submission: sub!.id, decision: "approved", ...fields });
    const before = await rowCounts();

    const nothing = await decide({ comments: "" });
    expect(nothing.status).toBe(400);
    expect(nothing.errors.outcome).toBe("Choose your recommendation: pass or fail");
    // "On track" belongs to the interim reviews, not the final recommendation.
    const onTrack = await decide({ outcome: "on_track" });
    expect(onTrack.status).toBe(400);
    expect(onTrack.errors.outcome).toBe("Choose your recommendation: pass or fail");
    const failWithoutReasons = await decide({ outcome: "fail", comments: " " });
    expect(failWithoutReasons.status).toBe(400);
    expect(failWithoutReasons.errors.comments).toBe("Give the reasons for a fail recommendation");
    expect(await rowCounts()).toEqual(before);

    const pass = await decide({ outcome: "pass", comments: "Meets the PCF at ASYE level throughout." });
    expect(pass).toMatchObject({ status: 302, location: `${pathOf(year, "final")}?done=approved` });
    const [recommendation] = await signoffsOf(year, "final");
    expect(recommendation).toMatchObject({
      step: "supervisor_decision",
      decision: "approved",
      outcome: "pass",
      userId: daniel.userId,
      role: "supervisor",
      organisationId: north.id,
      submissionId: sub!.id,
    });
    // The programme lead cannot countersign the recommendation; the year's team manager does.
    expect(await load(leadNorth, year, "final")).toMatchObject({ state: "approved", action: null });
    expect((await send(leadNorth, year, "final", { intent: "countersign", version: sub!.contentHash })).status).toBe(
      403,
    );
    const page = await load(managerNorth, year, "final");
    expect(page).toMatchObject({ state: "approved", action: "countersign" });
    expect(page.history[0]!.signoffs[0]!.outcome).toMatch(/^Pass: recommend/);
    expect(
      (await send(managerNorth, year, "final", { intent: "countersign", version: page.latest!.hash })).status,
    ).toBe(302);
    expect(await stateOf(year, "final")).toBe("complete");
    const [, countersignature] = await signoffsOf(year, "final");
    expect(countersignature).toMatchObject({
      step: "countersignature",
      userId: managerNorth.userId,
      role: "team_manager",
    });
  });
});

describe("two people sign", () => {
  it("refuses a countersignature by the person who approved, even when they are also the year's team manager, and a made-up evidence id", async () => {
    await makeMembership(t.db, { userId: daniel.userId, organisationId: north.id, role: "team_manager" });
    const year = await startYear(north, "Ivy Lane", daniel, undefined, daniel);
    const junk = await send(year.learner, year, "three-month", {
      intent: "submit",
      learnerComments: "Ready.",
      evidence: "not-a-uuid",
    });
    expect(junk.status).toBe(409);
    expect(junk.errors.evidence).toBe("Choose evidence from your own portfolio");
    expect((await submit(year, "three-month", "Ready.")).status).toBe(302);
    const [sub] = await submissionsOf(year, "three-month");
    expect(
      (
        await send(daniel, year, "three-month", {
          intent: "decide",
          submission: sub!.id,
          decision: "approved",
          outcome: "on_track",
        })
      ).status,
    ).toBe(302);
    const { countersignReview } = await import("~/modules/signoff/reviews.server");
    const result = await countersignReview(
      year.enrolment.id,
      "three-month",
      { userId: daniel.userId, role: "team_manager", organisationId: north.id },
      sub!.contentHash,
      "",
    );
    expect(result).toEqual({
      ok: false,
      message: "The countersignature must be by someone other than the person who approved it",
    });
    expect(await stateOf(year, "three-month")).toBe("approved");
  });
});

describe("the team manager's countersignature", () => {
  async function approvedYear(name: string, teamManager: Person | null) {
    const year = await startYear(north, name, daniel, undefined, teamManager);
    expect((await submit(year, "three-month", "Ready.")).status).toBe(302);
    const [sub] = await submissionsOf(year, "three-month");
    const decided = await send(daniel, year, "three-month", {
      intent: "decide",
      submission: sub!.id,
      decision: "approved",
      outcome: "on_track",
    });
    expect(decided.status).toBe(302);
    return { year, sub: sub! };
  }

  it("waits while the year names no team manager: nobody can countersign, and the page says so", async () => {
    const { year, sub } = await approvedYear("Jo Unnamed", null);
    const page = await load(leadNorth, year, "three-month");
    expect(page).toMatchObject({ state: "approved", action: null, teamManager: null });
    expect(await loadAnswer(managerNorth, year, "three-month")).toMatchObject({ status: 404 });
    const before = await rowCounts();
    expect(
      (await send(leadNorth, year, "three-month", { intent: "countersign", version: sub.contentHash })).status,
    ).toBe(403);
    expect(
      await countersignReview(
        year.enrolment.id,
        "three-month",
        { userId: managerNorth.userId, role: "team_manager", organisationId: north.id },
        sub.contentHash,
        "",
      ),
    ).toEqual({ ok: false, message: expect.stringMatching(/^No team manager named yet/) });
    // The database refuses it too, whatever the code asks.
    expect(
      await failureOf(
        t.db.insert(signoffs).values({
          enrolmentId: year.enrolment.id,
          reviewCode: "three-month",
          submissionId: sub.id,
          step: "countersignature",
          decision: "countersigned",
          items: sub.items,
          contentHash: sub.contentHash,
          userId: managerNorth.userId,
          role: "team_manager",
          organisationId: north.id,
        }),
      ),
    ).toMatch(/Only the year's team manager countersigns/);
    expect(await rowCounts()).toEqual(before);
    expect(await stateOf(year, "three-month")).toBe("approved");
  });

  it("is given by a programme lead who is also the year's team manager, recorded as the team manager's", async () => {
    const both = await signIn(north, "programme_lead", "Ruth Both");
    await makeMembership(t.db, { userId: both.userId, organisationId: north.id, role: "team_manager" });
    const { year } = await approvedYear("Kit Both", both);
    const page = await load(both, year, "three-month");
    expect(page).toMatchObject({ party: "programme_lead", action: "countersign", teamManager: "Ruth Both" });
    expect(
      (await send(both, year, "three-month", { intent: "countersign", version: page.latest!.hash, comments: "" }))
        .status,
    ).toBe(302);
    const countersignature = (await signoffsOf(year, "three-month")).find((s) => s.step === "countersignature")!;
    expect(countersignature).toMatchObject({ userId: both.userId, role: "team_manager", organisationId: north.id });
    expect((await load(year.learner, year, "three-month")).history[0]!.signoffs.at(-1)).toMatchObject({
      by: "Ruth Both",
      role: "team manager",
    });
  });

  it("is refused by the database when given by anyone but the year's team manager, or not as team manager", async () => {
    const { year, sub } = await approvedYear("Lou Named", managerNorth);
    const row = (userId: string, role: string) => ({
      enrolmentId: year.enrolment.id,
      reviewCode: "three-month",
      submissionId: sub.id,
      step: "countersignature" as const,
      decision: "countersigned",
      items: sub.items,
      contentHash: sub.contentHash,
      userId,
      role,
      organisationId: north.id,
    });
    expect(await failureOf(t.db.insert(signoffs).values(row(leadNorth.userId, "programme_lead")))).toMatch(
      /Only the year's team manager countersigns/,
    );
    expect(await failureOf(t.db.insert(signoffs).values(row(managerNorth.userId, "programme_lead")))).toMatch(
      /Only the year's team manager countersigns/,
    );
    expect(await stateOf(year, "three-month")).toBe("approved");
  });
});
