/**
 * The exam board, the external examiner, resubmission and the transcript against a real database,
 * through the site as a browser would use it, on the demo world's Eastbridge cohort: marks stay
 * hidden from learners until the board confirms them in one signed step; the board refuses while
 * marking is unfinished; its records refuse UPDATE and DELETE; a transcript is for its learner and
 * their university's lead only; the examiner sees only their programme; a resubmission counts at
 * most the pass mark; a transcript's code verifies.
 */
import { and, eq, sql } from "drizzle-orm";
import {
  auditEvents,
  courseworkAssignments,
  courseworkBoardDecisions,
  courseworkBoardMarks,
  courseworkExaminerComments,
  courseworkExaminers,
  courseworkResubmissions,
  courseworkSubmissions,
  enrolments,
  memberships,
  transcriptIssues,
  users,
} from "#db/schema";
import { submitVersion } from "~/modules/masters/assignments.server";
import { boardFor, confirmBoard, recordMark } from "~/modules/masters/board.server";
import { examiningView } from "~/modules/masters/examining.server";
import { mastersEnrolmentOf, transcriptFor } from "~/modules/masters/transcript.server";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeOrganisation, signedIn } from "../support/fixtures";
import { get, post, seedDemoWorld, sessionFor, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
const cookies: Record<string, string> = {};
let eastbridgeId = "";
let westfordId = "";
const SECOND_MARKED = "practice-education-and-supervision";
const FIRST_MARKED = "evidence-informed-assessment";
const BOARD_DONE = "leading-practice-and-change";

async function assignmentFor(slug: string) {
  const [row] = await t.db
    .select()
    .from(courseworkAssignments)
    .where(and(eq(courseworkAssignments.organisationId, eastbridgeId), eq(courseworkAssignments.moduleSlug, slug)));
  return row!;
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
    const page = `/programmes/masters/${SECOND_MARKED}`;
    const before = await (await handle(get(page, cookies.hannah))).text();
    expect(before).not.toContain("Your mark");
    expect(before).not.toContain("64 out of 100");
    expect(await (await handle(get("/transcript", cookies.hannah))).text()).not.toContain("Practice education and supervision");

    const board = `/organisation/assignments/${assignment.id}/board`;
    const boardPage = await (await handle(get(board, cookies.simon))).text();
    expect(boardPage).toContain("Hannah Clarke");
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

    const after = await (await handle(get(page, cookies.hannah))).text();
    expect(after).toContain("Your mark");
    expect(after).toContain("64 out of 100");
    expect(after).toContain("Merit");
    expect(after).toContain("A thoughtful and well-organised piece.");
    const transcript = await (await handle(get("/transcript", cookies.hannah))).text();
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
    expect(await failureOf(t.db.delete(courseworkResubmissions))).toMatch(/append-only/);
    await handle(get("/transcript.pdf", cookies.hannah));
    expect(await failureOf(t.db.update(transcriptIssues).set({ totalCredits: 180 }))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(transcriptIssues))).toMatch(/append-only/);
  });
});

describe("a resubmission", () => {
  it("is handed in as the second attempt, marked the same way, and counts at most the pass mark", async () => {
    const assignment = await assignmentFor(BOARD_DONE);
    const oliver = await learner("oliver.grant@eastbridge.example");
    const page = await (await handle(get(`/programmes/masters/${BOARD_DONE}`, cookies.oliver))).text();
    expect(page).toContain("44 out of 100");
    expect(page).toContain("Hand in your resubmission");
    // Hannah passed: nothing more may be handed in.
    const hannah = await learner("hannah.clarke@eastbridge.example");
    const refused = await submitVersion({ userId: hannah.enrolment.userId, role: "learner", organisationId: eastbridgeId }, assignment, hannah.enrolment, { body: "Again", file: null, keepFileIds: [] });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/exam board has confirmed/) });

    const handed = await submitVersion({ userId: oliver.enrolment.userId, role: "learner", organisationId: eastbridgeId }, assignment, oliver.enrolment, { body: "My resubmission, rewritten.", file: null, keepFileIds: [] });
    expect(handed.ok).toBe(true);
    const [second] = await t.db
      .select()
      .from(courseworkSubmissions)
      .where(and(eq(courseworkSubmissions.assignmentId, assignment.id), eq(courseworkSubmissions.enrolmentId, oliver.enrolment.id), eq(courseworkSubmissions.attempt, 2)));
    expect(second).toBeTruthy();
    const [marker] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "joseph.mensah@eastbridge.example"));
    await recordMark(t.db, { submissionId: second!.id, stage: "first", kind: "mark", mark: 72, feedback: "A much stronger piece.", markerId: marker!.id });
    const board = await boardFor(eastbridgeId, assignment.id, t.db);
    expect(board!.attempt).toBe(2);
    expect(board!.rows.map((r) => r.name)).toEqual(["Oliver Grant"]);
    const confirmed = await confirmBoard({ userId: marker!.id, role: "programme_lead", organisationId: eastbridgeId }, assignment.id, "Simon Fairweather");
    expect(confirmed).toEqual({ ok: true });
    const transcript = await transcriptFor((await mastersEnrolmentOf(oliver.enrolment.userId))!);
    const rows = transcript.rows.filter((r) => r.moduleSlug === BOARD_DONE);
    expect(rows.map((r) => [r.attemptLabel, r.mark, r.cappedMark, r.capped, r.band?.label, r.creditsAwarded])).toEqual([
      ["First attempt", 44, 44, false, "Fail", 0],
      ["Resubmission (attempt 2)", 72, 50, true, "Pass", 30],
    ]);
    const html = await (await handle(get("/transcript", cookies.oliver))).text();
    expect(html).toContain("50 (capped)");
    expect(html).toContain("Resubmission (attempt 2)");
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
    expect(wrong).toContain("No certificate or transcript has this code");
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
    expect(boardDone.candidates.some((c) => c.candidate.startsWith("Hannah Clarke"))).toBe(true);
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
