/**
 * Assessment against criteria (issue 21, ADR 024) against a real database, through the site as a
 * browser would use it, on the demo world's Northmoor: a candidate maps evidence to every criterion
 * and submits (refused, naming the empty criteria, until then); their line manager confirms; the lead
 * appoints an independent assessor (refused for someone from the candidate's own team, in the code and
 * by the database); the assessor accepts, reads only what is theirs, returns a criterion as not yet
 * met, the candidate resubmits, the assessor records achieved and the certificate's code verifies. The
 * records refuse UPDATE and DELETE; another organisation's lead sees nothing.
 */
import { and, eq } from "drizzle-orm";
import {
  assessorAcceptances,
  assessorAppointments,
  certificates,
  criteriaConfirmations,
  criteriaOutcomes,
  criteriaSubmissions,
  criterionDecisions,
  criterionStatements,
  enrolments,
  memberships,
  organisations,
  users,
} from "#db/schema";
import { assessmentAwardsFor } from "~/modules/assessment/assessment.server";
import { createEvidence, reviseEvidence } from "~/modules/portfolio/portfolio.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { criteriaOf } from "~/modules/assessment/criteria";
import { notifications } from "#db/schema";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeMembership, makeUser } from "../support/fixtures";
import { get, post, seedDemoWorld, sessionFor, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
const cookies: Record<string, string> = {};
const people: Record<string, { id: string }> = {};
let northmoorId = "";
let ellenEnrolment = "";
let oliviaMembership = "";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const codes = () => criteriaOf(findProgramme("advanced-practitioner")!).map((c) => c.code);

async function userByEmail(email: string) {
  const [row] = await t.db.select().from(users).where(eq(users.email, email));
  return row!;
}

async function latestSubmission() {
  const rows = await t.db.select().from(criteriaSubmissions).where(eq(criteriaSubmissions.enrolmentId, ellenEnrolment));
  return rows.sort((a, b) => b.number - a.number)[0]!;
}

beforeAll(async () => {
  await seedDemoWorld(t.db);
  handle = (await siteHandler()).handle;
  for (const [who, email, role] of [
    ["ellen", "ellen.brooks@northmoor.example"],
    // Rachel is given a second role below: her session stays in the team manager's.
    ["rachel", "rachel.whitaker@northmoor.example", "team_manager"],
    ["priya", "priya.shah@northmoor.example", "programme_lead"],
    ["olivia", "olivia.hart@northmoor.example", "independent_assessor"],
    ["marcus", "marcus.reid@riverside.example"],
    ["imran", "imran.qureshi@northmoor.example"],
    ["daniel", "daniel.okafor@northmoor.example"],
  ] as [string, string, string?][]) {
    cookies[who] = await sessionFor(t.db, email, role);
    people[who] = await userByEmail(email);
  }
  const [org] = await t.db.select().from(organisations).where(eq(organisations.slug, "northmoor"));
  northmoorId = org!.id;
  const [enrolment] = await t.db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.userId, people.ellen!.id), eq(enrolments.programmeSlug, "advanced-practitioner")));
  ellenEnrolment = enrolment!.id;
  const [olivia] = await t.db.select().from(memberships).where(eq(memberships.userId, people.olivia!.id));
  oliviaMembership = olivia!.id;
}, 180_000);

describe("the demo world", () => {
  it("has a portfolio with an independent assessor and one achieved with a certificate", async () => {
    const joanne = await userByEmail("joanne.pierce@northmoor.example");
    const samuel = await userByEmail("samuel.osei@northmoor.example");
    const queue = await (await handle(get("/assessing", cookies.olivia))).text();
    expect(queue).toContain("Joanne Pierce");
    expect(queue).toContain("Submission 1 to assess");
    const [awards] = await assessmentAwardsFor(samuel.id);
    expect(awards!.outcomes.map((o) => o.outcome)).toEqual(["not_yet_achieved", "achieved"]);
    expect(awards!.certificateCode).toMatch(/^PP-/);
    const verified = await (await handle(get(`/verify?code=${awards!.certificateCode}`))).text();
    expect(verified).toContain("This certificate is genuine");
    expect(verified).toContain("Independent assessor");
    expect(verified).toContain("not a national status");
    expect((await assessmentAwardsFor(joanne.id))[0]!.certificateCode).toBeNull();
  });

  it("shows the lead where each candidate stands, as the assessor and the candidate see it", async () => {
    const page = (await (await handle(get("/organisation/candidates", cookies.priya))).text()).replaceAll("<!-- -->", "");
    const section = (name: string) => page.slice(page.indexOf(`>${name}</a>`), page.indexOf("</section>", page.indexOf(`>${name}</a>`)));
    expect(section("Joanne Pierce")).toContain("With the assessor · 1 submission");
    expect(section("Samuel Osei")).toContain("Achieved · 2 submissions");
    // Nobody is appointed to assess an award already made.
    expect(section("Samuel Osei")).not.toContain("Appoint");
    expect(section("Ellen Brooks")).toContain("Building the portfolio");
  });
});

const AUDIT_PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const AUDIT_FILE = { name: "Audit for Łukasz.pdf", bytes: AUDIT_PDF, check: { ok: true as const, kind: "pdf" as const, contentType: "application/pdf" } };

/** The words of each notice of one kind a person has been sent, oldest first. */
async function noticesOf(userId: string, kind: string) {
  const rows = await t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((n) => n.text);
}

describe("a candidate's assessment, end to end", () => {
  it("refuses to submit, naming the empty criteria, until every criterion has evidence", async () => {
    const page = `/assessment/${ellenEnrolment}`;
    const home = await (await handle(get("/learning", cookies.ellen))).text();
    expect(home).toContain("Add evidence to APC-1.1");
    const actor = { userId: people.ellen!.id, role: "learner", organisationId: northmoorId };
    const all = codes();
    // Evidence for every criterion but the last.
    await createEvidence(ellenEnrolment, actor, "reflective_log", {
      title: "Holding a complex case",
      occurredOn: "2026-10-01",
      body: "What I weighed and why.",
      capabilities: all.slice(0, -1),
      details: {},
    });
    const refused = await handle(post(page, form({ intent: "submit" }), cookies.ellen));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`Add evidence to ${all.at(-1)} before you submit`);
    expect(await t.db.select().from(criteriaSubmissions).where(eq(criteriaSubmissions.enrolmentId, ellenEnrolment))).toEqual([]);

    await createEvidence(ellenEnrolment, actor, "written_work", {
      title: "A practice audit",
      occurredOn: "2026-10-20",
      body: "Twelve records audited.",
      capabilities: [all.at(-1)!],
      details: { documentType: "Audit" },
    }, AUDIT_FILE);
    const noStatements = await handle(post(page, form({ intent: "submit" }), cookies.ellen));
    expect(await noStatements.text()).toContain("Write the summary statement for");
    const statements = Object.fromEntries(all.map((c) => [`statement-${c}`, `How my evidence shows ${c}.`]));
    expect((await handle(post(page, form({ intent: "statements", ...statements }), cookies.ellen))).status).toBe(302);
    expect(await t.db.select().from(criterionStatements).where(eq(criterionStatements.enrolmentId, ellenEnrolment))).toHaveLength(all.length);
    const submitted = await handle(post(page, form({ intent: "submit" }), cookies.ellen));
    expect(submitted.status).toBe(302);
    const first = await latestSubmission();
    expect(first.number).toBe(1);
    expect(first.criteria).toEqual(all);
    expect(first.items.map((i) => i.version)).toEqual([1, 1]);
    // Submitting again while it is with the line manager is refused.
    expect((await handle(post(page, form({ intent: "submit" }), cookies.ellen))).status).toBe(409);
    expect(await (await handle(get("/learning", cookies.ellen))).text()).toContain("waiting for Rachel Whitaker, your line manager");
    // Rachel is told it waits for her.
    expect(await noticesOf(people.rachel!.id, "assessment_to_confirm")).toEqual([
      "Ellen Brooks submitted their Advanced practitioner portfolio (submission 1): confirm the practice claims, as their line manager",
    ]);
  });

  it("is confirmed by the line manager only, bound to the version submitted", async () => {
    const page = `/assessment/${ellenEnrolment}`;
    const first = await latestSubmission();
    const confirm = { intent: "confirm", submissionId: first.id, hash: first.contentHash, declare: "yes" };
    // Another team manager of the council does not see the candidate at all.
    expect((await handle(post(page, form(confirm), cookies.imran))).status).toBe(404);
    expect((await handle(post(page, form({ ...confirm, hash: "0".repeat(64) }), cookies.rachel))).status).toBe(409);
    expect((await handle(post(page, form(confirm), cookies.rachel))).status).toBe(302);
    const [signed] = await t.db.select().from(criteriaConfirmations).where(eq(criteriaConfirmations.submissionId, first.id));
    expect(signed).toMatchObject({ userId: people.rachel!.id, role: "team_manager", submissionHash: first.contentHash });
  });

  it("refuses an assessor from the candidate's own team, their line manager and supervisor, in the code and the database", async () => {
    const colleague = await makeUser(t.db, { name: "Kim Colleague" });
    const sameTeam = await makeMembership(t.db, {
      userId: colleague.id,
      organisationId: northmoorId,
      role: "independent_assessor",
      team: "Children in need, East",
    });
    const refused = await handle(post("/organisation/candidates", form({ enrolmentId: ellenEnrolment, assessor: sameTeam.id }), cookies.priya));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Kim Colleague is in the candidate&#x27;s own team (Children in need, East), so is not independent");
    const rachelAsAssessor = await makeMembership(t.db, { userId: people.rachel!.id, organisationId: northmoorId, role: "independent_assessor", team: "Quality" });
    const lineManager = await handle(post("/organisation/candidates", form({ enrolmentId: ellenEnrolment, assessor: rachelAsAssessor.id }), cookies.priya));
    expect(await lineManager.text()).toContain("is the candidate&#x27;s line manager");
    expect(await t.db.select().from(assessorAppointments).where(eq(assessorAppointments.enrolmentId, ellenEnrolment))).toEqual([]);
    // The database holds the line even if the code did not.
    expect(
      await failureOf(
        t.db.insert(assessorAppointments).values({ enrolmentId: ellenEnrolment, assessorId: people.rachel!.id, appointedById: people.priya!.id, appointedRole: "programme_lead" }),
      ),
    ).toMatch(/not independent/);
    expect(
      await failureOf(
        t.db.insert(assessorAppointments).values({ enrolmentId: ellenEnrolment, assessorId: people.ellen!.id, appointedById: people.priya!.id, appointedRole: "programme_lead" }),
      ),
    ).toMatch(/not independent/);
    // Another organisation's lead neither sees the candidate nor can appoint.
    expect((await handle(get(`/assessment/${ellenEnrolment}`, cookies.marcus))).status).toBe(404);
    expect(await (await handle(get("/organisation/candidates", cookies.marcus))).text()).not.toContain("Ellen Brooks");
    const foreign = await handle(post("/organisation/candidates", form({ enrolmentId: ellenEnrolment, assessor: oliviaMembership }), cookies.marcus));
    expect([400, 404]).toContain(foreign.status);
    expect(await t.db.select().from(assessorAppointments).where(eq(assessorAppointments.enrolmentId, ellenEnrolment))).toEqual([]);

    expect((await handle(post("/organisation/candidates", form({ enrolmentId: ellenEnrolment, assessor: oliviaMembership }), cookies.priya))).status).toBe(302);
    expect(await noticesOf(people.olivia!.id, "assessor_appointed")).toContainEqual(
      "You are appointed to assess Ellen Brooks's Advanced practitioner portfolio: accept, declaring you have no conflict of interest, before you read it",
    );
  });

  it("lets only the appointed assessor read the submission, once they have declared no conflict", async () => {
    const first = await latestSubmission();
    expect((await handle(get(`/assessing/${first.id}`, cookies.olivia))).status).toBe(404);
    const [appointment] = await t.db.select().from(assessorAppointments).where(eq(assessorAppointments.enrolmentId, ellenEnrolment));
    const refused = await handle(post("/assessing", form({ appointmentId: appointment!.id }), cookies.olivia));
    expect(refused.status).toBe(400);
    // Each pending appointment's box has its own id, and the problem is beside (and links to) this one.
    const refusedPage = await refused.text();
    expect(refusedPage).toContain(`href="#declare-${appointment!.id}"`);
    expect(refusedPage).toContain(`id="declare-${appointment!.id}-error"`);
    expect((await handle(post("/assessing", form({ appointmentId: appointment!.id, declare: "yes" }), cookies.olivia))).status).toBe(302);
    const [accepted] = await t.db.select().from(assessorAcceptances).where(eq(assessorAcceptances.appointmentId, appointment!.id));
    expect(accepted!.declaration).toMatch(/no personal, professional or financial connection/);
    const page = await (await handle(get(`/assessing/${first.id}`, cookies.olivia))).text();
    expect(page).toContain("Assess Ellen Brooks");
    expect(page).toContain("Holding a complex case");
    // The audit's file, as submitted, downloads for Olivia under its own name, and for no one else.
    const fileHref = /href="(\/assessing\/[^"]+\/files\/[^"]+)"/.exec(page)?.[1];
    expect(fileHref).toBeTruthy();
    const file = await handle(get(fileHref!, cookies.olivia));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toContain("filename*=UTF-8''Audit%20for%20%C5%81ukasz.pdf");
    expect(Buffer.from(await file.arrayBuffer()).equals(AUDIT_PDF)).toBe(true);
    for (const other of [cookies.priya, cookies.rachel, cookies.marcus]) expect([403, 404]).toContain((await handle(get(fileHref!, other))).status);
    // Another independent assessor of the council, not appointed, cannot read it.
    const other = await makeUser(t.db, { name: "Not Appointed" });
    const membership = await makeMembership(t.db, { userId: other.id, organisationId: northmoorId, role: "independent_assessor", team: "Quality" });
    const otherCookie = await sessionFor(t.db, other.email, "independent_assessor");
    expect(membership.role).toBe("independent_assessor");
    expect((await handle(get(`/assessing/${first.id}`, otherCookie))).status).toBe(404);
    expect((await handle(post(`/assessing/${first.id}`, form({ intent: "criterion", code: codes()[0]!, met: "met", feedback: "x" }), otherCookie))).status).toBe(404);
    // Nor can the candidate's supervisor or the lead.
    expect((await handle(get(`/assessing/${first.id}`, cookies.priya))).status).toBe(403);
  });

  it("returns a criterion not yet met; the candidate resubmits; the assessor records achieved; the code verifies", async () => {
    const all = codes();
    const first = await latestSubmission();
    const at = `/assessing/${first.id}`;
    const early = await handle(post(at, form({ intent: "outcome", outcome: "achieved" }), cookies.olivia));
    expect(await early.text()).toContain("before the overall outcome");
    for (const code of all)
      expect(
        (await handle(post(at, form({ intent: "criterion", code, met: code === all[1] ? "not_met" : "met", feedback: `On ${code}.` }), cookies.olivia))).status,
      ).toBe(302);
    const achievedRefused = await handle(post(at, form({ intent: "outcome", outcome: "achieved" }), cookies.olivia));
    expect(await achievedRefused.text()).toContain(`Achieved needs every criterion met: ${all[1]} is not yet met`);
    const nya = await handle(
      post(at, form({ intent: "outcome", outcome: "not_yet_achieved", developmentPlan: "Show a colleague's practice developing.", resubmitBy: "2099-01-31" }), cookies.olivia),
    );
    expect(nya.status).toBe(302);
    const [outcome] = await t.db.select().from(criteriaOutcomes).where(eq(criteriaOutcomes.submissionId, first.id));
    expect(outcome).toMatchObject({ outcome: "not_yet_achieved", role: "independent_assessor", userId: people.olivia!.id, submissionHash: first.contentHash });
    expect(await (await handle(get("/learning", cookies.ellen))).text()).toContain("Not yet achieved: revise and resubmit by 31 January 2099");
    expect(await noticesOf(people.ellen!.id, "assessment_outcome")).toEqual([
      "Dr Olivia Hart recorded the outcome of your Advanced practitioner assessment (submission 1): not yet achieved: read the feedback and resubmit by 31 January 2099",
    ]);

    // The candidate revises a piece (a new version) and resubmits.
    const item = first.items.find((i) => i.title === "Holding a complex case")!;
    const revised = await reviseEvidence(ellenEnrolment, item.itemId, { userId: people.ellen!.id, role: "learner", organisationId: northmoorId }, 1, {
      title: "Holding a complex case",
      occurredOn: "2026-10-01",
      body: "What I weighed and why, and how I developed a colleague's practice over four months.",
      capabilities: all.slice(0, -1),
      details: {},
    });
    expect(revised).toMatchObject({ ok: true, version: 2 });
    expect((await handle(post(`/assessment/${ellenEnrolment}`, form({ intent: "submit" }), cookies.ellen))).status).toBe(302);
    const second = await latestSubmission();
    expect(second.number).toBe(2);
    expect(second.items.find((i) => i.itemId === item.itemId)!.version).toBe(2);
    expect(second.contentHash).not.toBe(first.contentHash);
    // The first submission's decisions still name the first version.
    expect((await t.db.select().from(criterionDecisions).where(eq(criterionDecisions.submissionId, first.id))).every((d) => d.submissionHash === first.contentHash)).toBe(true);
    await handle(post(`/assessment/${ellenEnrolment}`, form({ intent: "confirm", submissionId: second.id, hash: second.contentHash, declare: "yes" }), cookies.rachel));
    // Confirmed, the second submission waits for Olivia, who is told.
    expect((await noticesOf(people.olivia!.id, "assessment_to_decide")).filter((n) => n.startsWith("Ellen Brooks"))).toEqual([
      "Ellen Brooks's Advanced practitioner portfolio (submission 2) is confirmed by their line manager: it waits for your decisions",
    ]);
    for (const code of all)
      expect((await handle(post(`/assessing/${second.id}`, form({ intent: "criterion", code, met: "met", feedback: "Met." }), cookies.olivia))).status).toBe(302);
    expect((await handle(post(`/assessing/${second.id}`, form({ intent: "outcome", outcome: "achieved" }), cookies.olivia))).status).toBe(302);
    const [cert] = await t.db.select().from(certificates).where(eq(certificates.enrolmentId, ellenEnrolment));
    expect(cert).toMatchObject({ decidedBy: "independent_assessor", programmeTitle: "Advanced practitioner" });
    expect(cert!.frameworks).toContain("(advanced level)");
    const pdf = await handle(get(`/assessment/${ellenEnrolment}/certificate.pdf`, cookies.ellen));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(await (await handle(get(`/verify?code=${cert!.code}`))).text()).toContain("Ellen Brooks");
    expect(await (await handle(get("/learning", cookies.ellen))).text()).toContain("Achieved: download your certificate");
    expect((await noticesOf(people.ellen!.id, "assessment_outcome")).at(-1)).toBe(
      "Dr Olivia Hart recorded the outcome of your Advanced practitioner assessment (submission 2): achieved: download your certificate",
    );
  });

  it("keeps every decision: the database refuses UPDATE and DELETE", async () => {
    for (const table of [criterionStatements, criteriaSubmissions, criteriaConfirmations, assessorAppointments, assessorAcceptances, criterionDecisions, criteriaOutcomes]) {
      expect(await failureOf(t.db.delete(table))).toMatch(/append-only/);
    }
    expect(await failureOf(t.db.update(criterionDecisions).set({ met: true }))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(criteriaOutcomes).set({ outcome: "achieved" }))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(criteriaSubmissions).set({ number: 9 }))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(assessorAppointments).set({ assessorId: people.daniel!.id }))).toMatch(/append-only/);
    expect(await failureOf(t.db.update(criteriaConfirmations).set({ comments: "changed" }))).toMatch(/append-only/);
  });
});
