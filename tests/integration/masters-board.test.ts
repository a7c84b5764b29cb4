/**
 * The exam board, the external examiner, resubmission and the transcript against a real database,
 * through the site as a browser would use it, on the demo world's Eastbridge cohort: marks stay
 * hidden from learners until the board confirms them in one signed step; the board refuses while
 * marking is unfinished; its records refuse UPDATE and DELETE; a transcript is for its learner and
 * their university's lead only; the examiner sees only their programme; a resubmission counts at
 * most the pass mark; a transcript's code verifies.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  auditEvents,
  cohorts,
  courseworkAssignments,
  courseworkBoardDecisions,
  courseworkBoardMarks,
  courseworkExaminerComments,
  courseworkExaminers,
  courseworkResubmissions,
  courseworkSampleMembers,
  courseworkSamples,
  courseworkSubmissions,
  enrolments,
  memberships,
  transcriptIssues,
  users,
} from "#db/schema";
import { assignCandidateNumbers, openAssignment, submitVersion } from "~/modules/masters/assignments.server";
import { boardFor, confirmBoard, openResubmission, recordMark } from "~/modules/masters/board.server";
import { drawSample } from "~/modules/masters/marking.server";
import { secondMarkingSample } from "~/modules/masters/marks";
import { examiningView } from "~/modules/masters/examining.server";
import { mastersEnrolmentOf, transcriptFor } from "~/modules/masters/transcript.server";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeMembership, makeOrganisation, makeUser, signedIn } from "../support/fixtures";
import { get, post, seedDemoWorld, sessionFor, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
const cookies: Record<string, string> = {};
let eastbridgeId = "";
let westfordId = "";
// Each of Eastbridge's earlier intakes has one assignment at one stage: named here by a learner of the intake.
const SECOND_MARKED = { slug: "practice-education-and-supervision", learner: "nadia.karim@eastbridge.example" };
const FIRST_MARKED = { slug: "evidence-informed-assessment", learner: "tariq.aziz@eastbridge.example" };
const BOARD_DONE = { slug: "leading-practice-and-change", learner: "oliver.grant@eastbridge.example" };

/** The assignment of a module for the cohort of the learner named. */
async function assignmentFor({ slug, learner: email }: { slug: string; learner: string }) {
  const [row] = await t.db
    .select({ assignment: courseworkAssignments })
    .from(courseworkAssignments)
    .innerJoin(enrolments, eq(enrolments.cohortId, courseworkAssignments.cohortId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(users.email, email), eq(courseworkAssignments.moduleSlug, slug)));
  return row!.assignment;
}

async function learner(email: string) {
  const [row] = await t.db
    .select({ enrolment: enrolments, membershipId: memberships.id })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, "learner")))
    .where(eq(users.email, email));
  return row!;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

beforeAll(async () => {
  await seedDemoWorld(t.db);
  handle = (await siteHandler()).handle;
  for (const [who, email] of [
    ["hannah", "hannah.clarke@eastbridge.example"],
    ["nadia", "nadia.karim@eastbridge.example"],
    ["fatima", "fatima.begum@eastbridge.example"],
    ["oliver", "oliver.grant@eastbridge.example"],
    ["simon", "simon.fairweather@eastbridge.example"],
    ["grace", "grace.adebayo@eastbridge.example"],
    ["zainab", "zainab.hussain@northmoor.example"],
  ] as const)
    cookies[who] = await sessionFor(t.db, email);
  const [simon] = await t.db
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, "simon.fairweather@eastbridge.example"));
  eastbridgeId = simon!.organisationId;
  // Another university, with its own programme lead and its own external examiner of its MA.
  const westford = await makeOrganisation(t.db, { kind: "university", name: "University of Westford" });
  westfordId = westford.id;
  cookies.otherUniversity = (await signedIn(t.db, westford.id, "programme_lead", "Olu Bright")).cookie;
  const otherExaminer = await signedIn(t.db, westford.id, "external_examiner", "Dr Ines Carvalho");
  cookies.otherExaminer = otherExaminer.cookie;
  const westfordLead = (await t.db.select({ id: users.id }).from(users).where(eq(users.name, "Olu Bright")))[0]!;
  await t.db.insert(courseworkExaminers).values({ membershipId: otherExaminer.current.active!.id, organisationId: westford.id, programmeSlug: "masters", startsOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), endsOn: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10), appointedById: westfordLead.id, appointedByRole: "programme_lead" });
}, 180_000);

describe("the exam board", () => {
  it("keeps marks from learners until the board confirms them, then shows mark, band, feedback and credits", async () => {
    const assignment = await assignmentFor(SECOND_MARKED);
    const page = `/programmes/masters/${SECOND_MARKED.slug}`;
    const before = await (await handle(get(page, cookies.nadia))).text();
    expect(before).not.toContain("Your mark");
    expect(before).not.toContain("64 out of 100");
    expect(await (await handle(get("/transcript", cookies.nadia))).text()).not.toContain("Practice education and supervision");

    const board = `/organisation/assignments/${assignment.id}/board`;
    const boardPage = await (await handle(get(board, cookies.simon))).text();
    expect(boardPage).toContain("Nadia Karim");
    expect(boardPage).toContain("Second-marked: ready for the exam board");
    expect(boardPage).toContain("Confirm and release the marks");
    // Not signed: refused beside the fields, nothing recorded.
    const unsigned = await handle(post(board, form({ intent: "confirm", signedName: "" }), cookies.simon));
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toContain("Sign with your full name");
    expect(await t.db.select().from(courseworkBoardDecisions).where(eq(courseworkBoardDecisions.assignmentId, assignment.id))).toEqual([]);

    const signed = await handle(post(board, form({ intent: "confirm", signedName: "Simon Fairweather", confirm: "yes" }), cookies.simon));
    expect(signed.status).toBe(302);
    const [decision] = await t.db.select().from(courseworkBoardDecisions).where(eq(courseworkBoardDecisions.assignmentId, assignment.id));
    expect(decision).toMatchObject({ attempt: 1, signedName: "Simon Fairweather", decidedByRole: "programme_lead" });
    const snapshot = await t.db.select().from(courseworkBoardMarks).where(eq(courseworkBoardMarks.decisionId, decision!.id));
    expect(snapshot.map((m) => m.mark).sort()).toEqual([49, 58, 64, 66, 70]);
    // Every mark names the exact version it confirms.
    for (const m of snapshot) {
      const [version] = await t.db.select().from(courseworkSubmissions).where(eq(courseworkSubmissions.id, m.submissionId));
      expect(version!.version).toBe(m.version);
    }
    const [audited] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "coursework.board_confirmed"), eq(auditEvents.subjectId, assignment.id)));
    expect(audited?.actorRole).toBe("programme_lead");

    const after = await (await handle(get(page, cookies.nadia))).text();
    expect(after).toContain("Your mark");
    expect(after).toContain("64 out of 100");
    expect(after).toContain("Merit");
    expect(after).toContain("A thoughtful and well-organised piece.");
    const transcript = await (await handle(get("/transcript", cookies.nadia))).text();
    expect(transcript).toContain("Practice education and supervision");
    expect(transcript).toMatch(/30 of 30/);

    // A second confirmation finds nothing left to confirm.
    const again = await handle(post(board, form({ intent: "confirm", signedName: "Simon Fairweather", confirm: "yes" }), cookies.simon));
    expect(again.status).toBe(400);
    expect(await t.db.select().from(courseworkBoardDecisions).where(eq(courseworkBoardDecisions.assignmentId, assignment.id))).toHaveLength(1);
  });

  it("refuses to confirm while a submission still needs a marking step, saying which", async () => {
    const assignment = await assignmentFor(FIRST_MARKED);
    const response = await handle(
      post(`/organisation/assignments/${assignment.id}/board`, form({ intent: "confirm", signedName: "Simon Fairweather", confirm: "yes" }), cookies.simon),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("The board cannot confirm these marks yet");
    expect(html).toContain("the second-marking sample has not been drawn");
    expect(html).toMatch(/C\d{6}/);
    expect(await t.db.select().from(courseworkBoardDecisions).where(eq(courseworkBoardDecisions.assignmentId, assignment.id))).toEqual([]);
  });

  it("is not another university's to see or confirm", async () => {
    const assignment = await assignmentFor(FIRST_MARKED);
    const url = `/organisation/assignments/${assignment.id}/board`;
    expect([403, 404]).toContain((await handle(get(url, cookies.otherUniversity))).status);
    expect([403, 404]).toContain((await handle(get(url, cookies.hannah))).status);
    expect([403, 404]).toContain((await handle(get(url, cookies.grace))).status);
  });

  it("keeps its decisions, confirmed marks, comments, resubmissions and transcripts append-only at the database", async () => {
    const assignment = await assignmentFor(BOARD_DONE);
    expect(await failureOf(t.db.update(courseworkBoardDecisions).set({ signedName: "Someone else" }).where(eq(courseworkBoardDecisions.assignmentId, assignment.id)))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(courseworkBoardDecisions).where(eq(courseworkBoardDecisions.assignmentId, assignment.id)))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(courseworkBoardMarks).set({ mark: 100 }))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(courseworkBoardMarks))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(courseworkExaminerComments).set({ comment: "Changed" }))).toMatch(/append-only/);
    await handle(get("/transcript.pdf", cookies.hannah));
    expect(await failureOf(t.db.update(transcriptIssues).set({ totalCredits: 180 }))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(transcriptIssues))).toMatch(/append-only/);
  });
});

describe("a resubmission", () => {
  it("is opened by the lead after a confirmed fail, marked, sampled and boarded as attempt 2, and counts at most the pass mark", async () => {
    const assignment = await assignmentFor(BOARD_DONE);
    const oliver = await learner("oliver.grant@eastbridge.example");
    const fatima = await learner("fatima.begum@eastbridge.example");
    const board = `/organisation/assignments/${assignment.id}/board`;
    const before = await (await handle(get(`/programmes/masters/${BOARD_DONE.slug}`, cookies.oliver))).text();
    expect(before).toContain("44 out of 100");
    expect(before).not.toContain("Hand in your resubmission");
    // A deadline in the past is refused beside the deadline of Oliver's own row.
    const past = await handle(post(board, form({ intent: "resubmission", enrolmentId: oliver.enrolment.id, deadlineDay: "2020-01-01", deadlineTime: "12:00" }), cookies.simon));
    expect(past.status).toBe(400);
    const refusedPage = await past.text();
    expect(refusedPage).toContain(`href="#deadlineDay-${oliver.enrolment.id}"`);
    expect(refusedPage).toContain(`id="deadlineDay-${oliver.enrolment.id}"`);
    // Fatima passed: nothing to open for her.
    const passed = await handle(post(board, form({ intent: "resubmission", enrolmentId: fatima.enrolment.id, deadlineDay: "2099-01-15", deadlineTime: "12:00" }), cookies.simon));
    expect(passed.status).toBe(400);
    expect(await passed.text()).toContain("The module has been passed");
    const opened = await handle(post(board, form({ intent: "resubmission", enrolmentId: oliver.enrolment.id, deadlineDay: "2099-01-15", deadlineTime: "12:00" }), cookies.simon));
    expect(opened.status).toBe(302);
    expect(await t.db.select().from(courseworkResubmissions).where(eq(courseworkResubmissions.enrolmentId, oliver.enrolment.id))).toHaveLength(1);
    // The resubmission opened is a record: append-only at the database.
    expect(await failureOf(t.db.delete(courseworkResubmissions))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(courseworkResubmissions).set({ attempt: 3 }))).toMatch(/append-only/);

    const page = await (await handle(get(`/programmes/masters/${BOARD_DONE.slug}`, cookies.oliver))).text();
    expect(page).toContain("Hand in your resubmission");
    const refused = await submitVersion({ userId: fatima.enrolment.userId, role: "learner", organisationId: eastbridgeId }, assignment, fatima.enrolment, { body: "Again", file: null, keepFileIds: [] });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/exam board has confirmed/) });
    const handed = await submitVersion({ userId: oliver.enrolment.userId, role: "learner", organisationId: eastbridgeId }, assignment, oliver.enrolment, { body: "My resubmission, rewritten.", file: null, keepFileIds: [] });
    expect(handed.ok).toBe(true);
    const [second] = await t.db
      .select()
      .from(courseworkSubmissions)
      .where(and(eq(courseworkSubmissions.assignmentId, assignment.id), eq(courseworkSubmissions.enrolmentId, oliver.enrolment.id), eq(courseworkSubmissions.attempt, 2)));
    expect(second).toBeTruthy();
    const [marker] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "joseph.mensah@eastbridge.example"));
    const [secondMarker] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "claire.donovan@eastbridge.example"));
    await recordMark(t.db, { submissionId: second!.id, stage: "first", kind: "mark", mark: 72, feedback: "A much stronger piece.", markerId: marker!.id });
    // The first attempt's sample does not cover the resubmission: its board waits for its own.
    let attempt2 = await boardFor(eastbridgeId, assignment.id, t.db);
    expect(attempt2!.attempt).toBe(2);
    expect(attempt2!.rows.map((r) => [r.name, r.mark?.state])).toEqual([["Oliver Grant", "sample-not-drawn"]]);
    const drawn = await handle(post(`/organisation/assignments/${assignment.id}`, form({ intent: "draw-sample", attempt: "2" }), cookies.simon));
    expect(drawn.status).toBe(302);
    const [sample] = await t.db.select().from(courseworkSamples).where(and(eq(courseworkSamples.assignmentId, assignment.id), eq(courseworkSamples.attempt, 2)));
    expect(sample).toMatchObject({ attempt: 2, drawnByRole: "programme_lead" });
    expect(sample!.seed).not.toBe("demo-leading-practice-and-change");
    const members = await t.db.select().from(courseworkSampleMembers).where(eq(courseworkSampleMembers.submissionId, second!.id));
    expect(members.map((m) => [m.attempt, m.reasons])).toEqual([[2, ["share"]]]);
    attempt2 = await boardFor(eastbridgeId, assignment.id, t.db);
    expect(attempt2!.refusal).toMatch(/in the sample, waiting for the second marker/);
    await recordMark(t.db, { submissionId: second!.id, stage: "second", kind: "agree", mark: 72, feedback: "Agreed.", markerId: secondMarker!.id });
    const confirmed = await handle(post(board, form({ intent: "confirm", signedName: "Simon Fairweather", confirm: "yes" }), cookies.simon));
    expect(confirmed.status).toBe(302);
    const decisions = await t.db.select().from(courseworkBoardDecisions).where(eq(courseworkBoardDecisions.assignmentId, assignment.id));
    expect(decisions.map((d) => d.attempt).sort()).toEqual([1, 2]);

    const transcript = await transcriptFor((await mastersEnrolmentOf(oliver.enrolment.userId))!);
    const rows = transcript.rows.filter((r) => r.moduleSlug === BOARD_DONE.slug);
    expect(rows.map((r) => [r.attemptLabel, r.mark, r.cappedMark, r.capped, r.band?.label, r.creditsAwarded])).toEqual([
      ["First attempt", 44, 44, false, "Fail", 0],
      ["Resubmission (attempt 2)", 72, 50, true, "Pass", 30],
    ]);
    const html = await (await handle(get("/transcript", cookies.oliver))).text();
    expect(html).toContain("50 (capped)");
    expect(html).toContain("Resubmission (attempt 2)");
    // Passed at the second attempt: no third, and the board says so.
    const third = await handle(post(board, form({ intent: "resubmission", enrolmentId: oliver.enrolment.id, deadlineDay: "2099-03-15", deadlineTime: "12:00" }), cookies.simon));
    expect(third.status).toBe(400);
    const boardPage = await (await handle(get(board, cookies.simon))).text();
    expect(boardPage).toContain("the resubmissions&#x27; too");
    expect(boardPage).not.toContain("Open a resubmission");
  });
});

describe("the resubmissions of a cohort", () => {
  // A cohort of eight: seven fail the first attempt; five resubmit.
  const FIRST = [30, 40, 45, 47, 48, 49, 44, 60];
  const SECOND = [46, 50, 51, 72, 64];
  const people: { enrolmentId: string; userId: string }[] = [];
  let assignment: typeof courseworkAssignments.$inferSelect;
  const lead = () => ({ userId: simonId, role: "programme_lead", organisationId: eastbridgeId });
  let simonId = "";
  let markerId = "";
  let secondMarkerId = "";

  const latestOf = async (attempt: number) =>
    t.db
      .select()
      .from(courseworkSubmissions)
      .where(and(eq(courseworkSubmissions.assignmentId, assignment.id), eq(courseworkSubmissions.attempt, attempt)));

  beforeAll(async () => {
    const ids = async (email: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
    simonId = await ids("simon.fairweather@eastbridge.example");
    markerId = await ids("joseph.mensah@eastbridge.example");
    secondMarkerId = await ids("claire.donovan@eastbridge.example");
    const [cohort] = await t.db
      .insert(cohorts)
      .values({ organisationId: eastbridgeId, programmeSlug: "masters", name: "MA test intake", startsOn: "2026-09-07" })
      .returning();
    for (let i = 0; i < FIRST.length; i++) {
      const user = await makeUser(t.db, { name: `Resubmitter ${i}` });
      await makeMembership(t.db, { userId: user.id, organisationId: eastbridgeId, role: "learner" });
      const [enrolment] = await t.db
        .insert(enrolments)
        .values({ userId: user.id, programmeSlug: "masters", organisationId: eastbridgeId, cohortId: cohort!.id, startedOn: "2026-09-07" })
        .returning();
      people.push({ enrolmentId: enrolment!.id, userId: user.id });
    }
    await assignCandidateNumbers(t.db, cohort!.id);
    const opened = await openAssignment(lead(), { cohortId: cohort!.id, moduleSlug: "leading-practice-and-change", deadline: new Date(Date.now() + 86_400_000) });
    const [row] = await t.db.select().from(courseworkAssignments).where(eq(courseworkAssignments.id, (opened as { assignmentId: string }).assignmentId));
    assignment = row!;
    for (const p of people) {
      const [enrolment] = await t.db.select().from(enrolments).where(eq(enrolments.id, p.enrolmentId));
      expect((await submitVersion({ userId: p.userId, role: "learner", organisationId: eastbridgeId }, assignment, enrolment!, { body: "First attempt", file: null, keepFileIds: [] })).ok).toBe(true);
    }
    const firsts = await latestOf(1);
    const firstMark = new Map<string, number>();
    for (const [i, p] of people.entries()) {
      const id = firsts.find((s) => s.enrolmentId === p.enrolmentId)!.id;
      firstMark.set(id, FIRST[i]!);
      await recordMark(t.db, { submissionId: id, stage: "first", kind: "mark", mark: FIRST[i]!, feedback: "First mark.", markerId });
    }
    expect(await drawSample(lead(), assignment, 1)).toEqual({ ok: true });
    const sampled = await t.db.select().from(courseworkSampleMembers).where(eq(courseworkSampleMembers.assignmentId, assignment.id));
    for (const m of sampled) await recordMark(t.db, { submissionId: m.submissionId, stage: "second", kind: "agree", mark: firstMark.get(m.submissionId)!, feedback: "Agreed.", markerId: secondMarkerId });
    expect(await confirmBoard(lead(), assignment.id, "Simon Fairweather")).toEqual({ ok: true });
  }, 120_000);

  it("gives the resubmissions their own sample: every fail and boundary mark and a share, drawn again the same from its seed", async () => {
    const deadline = new Date(Date.now() + 30 * 86_400_000);
    for (const p of people.slice(0, SECOND.length)) expect(await openResubmission(lead(), assignment.id, p.enrolmentId, deadline)).toEqual({ ok: true });
    // Nothing to sample before the resubmissions are handed in.
    expect(await drawSample(lead(), assignment, 2)).toMatchObject({ ok: false, message: "No resubmission has been handed in yet, so there is nothing to sample" });
    for (const p of people.slice(0, SECOND.length)) {
      const [enrolment] = await t.db.select().from(enrolments).where(eq(enrolments.id, p.enrolmentId));
      expect((await submitVersion({ userId: p.userId, role: "learner", organisationId: eastbridgeId }, assignment, enrolment!, { body: "Rewritten", file: null, keepFileIds: [] })).ok).toBe(true);
    }
    const resubmitted = await latestOf(2);
    expect(resubmitted).toHaveLength(SECOND.length);
    for (const [i, p] of people.slice(0, SECOND.length).entries())
      await recordMark(t.db, { submissionId: resubmitted.find((s) => s.enrolmentId === p.enrolmentId)!.id, stage: "first", kind: "mark", mark: SECOND[i]!, feedback: "Resubmission marked.", markerId });
    expect(await drawSample(lead(), assignment, 2)).toEqual({ ok: true });
    expect(await drawSample(lead(), assignment, 2)).toMatchObject({ ok: false, message: "The sample of the resubmissions has already been drawn" });

    const samples = await t.db.select().from(courseworkSamples).where(eq(courseworkSamples.assignmentId, assignment.id));
    expect(samples.map((x) => x.attempt).sort()).toEqual([1, 2]);
    const seed = samples.find((x) => x.attempt === 2)!.seed;
    expect(seed).not.toBe(samples.find((x) => x.attempt === 1)!.seed);
    const members = await t.db
      .select()
      .from(courseworkSampleMembers)
      .where(and(eq(courseworkSampleMembers.assignmentId, assignment.id), eq(courseworkSampleMembers.attempt, 2)));
    const markOf = new Map(resubmitted.map((r) => [r.id, SECOND[people.findIndex((p) => p.enrolmentId === r.enrolmentId)]!]));
    // 46 (a fail), 50 and 51 (near the pass mark) always; one of 72 and 64 as the 20% share.
    const sampledMarks = members.map((m) => markOf.get(m.submissionId)!).sort((a, b) => a - b);
    expect(sampledMarks.filter((m) => m <= 51)).toEqual([46, 50, 51]);
    expect(members).toHaveLength(4);
    const redrawn = secondMarkingSample(resubmitted.map((r) => ({ id: r.id, mark: markOf.get(r.id)! })), seed);
    expect(redrawn.ids).toEqual(members.map((m) => m.submissionId).sort());
    for (const m of members) expect(m.reasons).toEqual(redrawn.choices.find((c) => c.id === m.submissionId)!.reasons);
    // Attempt 1's sample is untouched by the draw.
    const firstMembers = await t.db
      .select()
      .from(courseworkSampleMembers)
      .where(and(eq(courseworkSampleMembers.assignmentId, assignment.id), eq(courseworkSampleMembers.attempt, 1)));
    expect(firstMembers).toHaveLength(FIRST.length);
    expect(await failureOf(t.db.update(courseworkSamples).set({ seed: "x" }).where(eq(courseworkSamples.assignmentId, assignment.id)))).toMatch(/append-only/);
  });

  it("opens no resubmission once the resubmissions are sampled, boards them, and then refuses a third attempt", async () => {
    const late = people[5]!; // failed with 49, no resubmission opened in time
    const deadline = new Date(Date.now() + 30 * 86_400_000);
    expect(await openResubmission(lead(), assignment.id, late.enrolmentId, deadline)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/sample has been drawn, so no more resubmissions can be opened/),
    });
    let board = await boardFor(eastbridgeId, assignment.id, t.db);
    expect(board!.attempt).toBe(2);
    expect(board!.refusal).toMatch(/waiting for the second marker/);
    const resubmitted = await latestOf(2);
    const members = await t.db.select().from(courseworkSampleMembers).where(inArray(courseworkSampleMembers.submissionId, resubmitted.map((r) => r.id)));
    for (const m of members) {
      const mark = SECOND[people.findIndex((p) => p.enrolmentId === resubmitted.find((r) => r.id === m.submissionId)!.enrolmentId)]!;
      await recordMark(t.db, { submissionId: m.submissionId, stage: "second", kind: "agree", mark, feedback: "Agreed.", markerId: secondMarkerId });
    }
    expect(await confirmBoard(lead(), assignment.id, "Simon Fairweather")).toEqual({ ok: true });
    const [decision] = await t.db
      .select()
      .from(courseworkBoardDecisions)
      .where(and(eq(courseworkBoardDecisions.assignmentId, assignment.id), eq(courseworkBoardDecisions.attempt, 2)));
    const confirmed = await t.db.select().from(courseworkBoardMarks).where(eq(courseworkBoardMarks.decisionId, decision!.id));
    expect(confirmed.map((c) => [c.mark, c.cappedMark]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [46, 46],
      [50, 50],
      [51, 50],
      [64, 50],
      [72, 50],
    ]);
    // The one who failed again has used the one resubmission; the one never opened cannot be now.
    expect(await openResubmission(lead(), assignment.id, people[0]!.enrolmentId, deadline)).toEqual({
      ok: false,
      message: "A failed module may be resubmitted once, and this was the resubmission",
    });
    expect(await openResubmission(lead(), assignment.id, late.enrolmentId, deadline)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/exam board has confirmed the resubmissions' marks/),
    });
    expect(await t.db.select().from(courseworkResubmissions).where(eq(courseworkResubmissions.assignmentId, assignment.id))).toHaveLength(SECOND.length);
    const [enrolment] = await t.db.select().from(enrolments).where(eq(enrolments.id, people[0]!.enrolmentId));
    expect(await submitVersion({ userId: people[0]!.userId, role: "learner", organisationId: eastbridgeId }, assignment, enrolment!, { body: "A third go", file: null, keepFileIds: [] })).toMatchObject({ ok: false });
    board = await boardFor(eastbridgeId, assignment.id, t.db);
    expect(board!.attempt).toBeNull();
    const page = await (await handle(get(`/organisation/assignments/${assignment.id}/board`, cookies.simon))).text();
    expect(page).toContain("A failed module may be resubmitted once, so nothing more comes to this board");
    expect(page).toContain("No resubmission: a failed module may be resubmitted once, and this was the resubmission");
    expect(page).not.toContain("Open a resubmission");
  });
});

describe("the transcript", () => {
  it("is for the learner and their university's programme lead, and no one else", async () => {
    const hannah = await learner("hannah.clarke@eastbridge.example");
    const own = await handle(get("/transcript", cookies.hannah));
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("Hannah Clarke");
    const url = `/learners/${hannah.membershipId}/transcript`;
    const lead = await handle(get(url, cookies.simon));
    expect(lead.status).toBe(200);
    expect(await lead.text()).toContain("Hannah Clarke");
    for (const who of ["otherUniversity", "oliver", "grace", "zainab"]) {
      expect([403, 404], who).toContain((await handle(get(url, cookies[who]))).status);
      expect([403, 404], who).toContain((await handle(get(`${url}.pdf`, cookies[who]))).status);
    }
    // Another learner's own transcript is theirs.
    expect(await (await handle(get("/transcript", cookies.oliver))).text()).not.toContain("Hannah Clarke");
    expect((await handle(get("/transcript", cookies.zainab))).status).toBe(404);
  });

  it("is issued as a PDF with a stored code that verifies at /verify", async () => {
    const response = await handle(get("/transcript.pdf", cookies.hannah));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const code = /transcript-(PP-[A-Z2-7-]+)\.pdf/.exec(response.headers.get("content-disposition") ?? "")?.[1];
    expect(code).toMatch(/^PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const [issued] = await t.db.select().from(transcriptIssues).where(eq(transcriptIssues.code, code!));
    expect(issued).toMatchObject({ learnerName: "Hannah Clarke", institution: "University of Eastbridge" });
    const verified = await (await handle(get(`/verify?code=${code!.toLowerCase()}`))).text();
    expect(verified).toContain("This transcript is genuine");
    expect(verified).toContain("Hannah Clarke");
    expect(verified).toContain("University of Eastbridge");
    const wrong = await (await handle(get("/verify?code=PP-AAAA-BBBB-CCCC"))).text();
    expect(wrong).toContain("No certificate, transcript or career record has this code");
  });
});

describe("the external examiner", () => {
  it("reads the sample, marks and feedback of their programme, by candidate number until the marks are released", async () => {
    const response = await handle(get("/examining", cookies.grace));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Leading practice and change");
    expect(html).toContain("I have read the sample.");
    const view = await examiningView({ organisationId: eastbridgeId, programmeSlug: "masters" });
    const firstMarked = view.find((a) => a.moduleTitle === "Evidence-informed assessment")!;
    expect(firstMarked.released).toBe(false);
    expect(firstMarked.candidates.every((c) => /^C\d{6}$/.test(c.candidate))).toBe(true);
    const boardDone = view.find((a) => a.moduleTitle === "Leading practice and change")!;
    expect(boardDone.candidates.some((c) => c.candidate.startsWith("Fatima Begum"))).toBe(true);
  });

  it("records a comment for the board, audited, and cannot comment on or see another university's programme", async () => {
    const assignment = await assignmentFor(FIRST_MARKED);
    const empty = await handle(post("/examining", form({ assignmentId: assignment.id, comment: "" }), cookies.grace));
    expect(empty.status).toBe(400);
    const ok = await handle(post("/examining", form({ assignmentId: assignment.id, comment: "Please draw the sample soon." }), cookies.grace));
    expect(ok.status).toBe(302);
    const comments = await t.db.select().from(courseworkExaminerComments).where(eq(courseworkExaminerComments.assignmentId, assignment.id));
    expect(comments.map((c) => [c.comment, c.examinerRole])).toEqual([["Please draw the sample soon.", "external_examiner"]]);
    const [audited] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, "coursework.examiner_commented"));
    expect(audited!.n).toBe(1);
    // Westford's examiner sees nothing of Eastbridge's, and cannot comment on it.
    expect(await examiningView({ organisationId: westfordId, programmeSlug: "masters" })).toEqual([]);
    const other = await handle(get("/examining", cookies.otherExaminer));
    expect(other.status).toBe(200);
    expect(await other.text()).not.toContain("Evidence-informed assessment");
    const refused = await handle(post("/examining", form({ assignmentId: assignment.id, comment: "Not mine." }), cookies.otherExaminer));
    expect(refused.status).toBe(400);
    expect(await t.db.select().from(courseworkExaminerComments).where(eq(courseworkExaminerComments.comment, "Not mine."))).toEqual([]);
  });
});
