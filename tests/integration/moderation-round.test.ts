/**
 * A whole moderation round against a real database: every portfolio ends with a signed final
 * outcome. The panel reads every recommended fail and a share of the passes; the chair signs each
 * outcome read, then ratifies the passes not drawn in one signed step, and each becomes final with
 * its certificate. An overturned fail is certified; a pass the panel disagrees with is not passed;
 * an extension moves the year's end, with no certificate yet. The year page, the learner's home,
 * the certificate and the grant claims follow.
 */
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays } from "date-fns";
import { and, count, eq, inArray } from "drizzle-orm";
import { auditEvents, certificates, enrolments, notifications, panelOutcomes, panels, signoffs, type organisations } from "#db/schema";
import { createEvidence, type EvidenceInput } from "~/modules/portfolio/portfolio.server";
import { certificateFor, portfoliosForPanel } from "~/modules/signoff/panel.server";
import {
  countersignReview,
  decideReview,
  reviewRecords,
  submitReview,
  type SignoffActor,
} from "~/modules/signoff/reviews.server";
import { englandDay } from "~/utils/england";
import * as casePage from "~/routes/organisation.panels.$panelId.$enrolmentId";
import * as panelPage from "~/routes/organisation.panels.$panelId._index";
import * as panelsPage from "~/routes/organisation.panels._index";
import * as yearPage from "~/routes/year.$enrolmentId._index";
import * as learningPage from "~/routes/learning";
import * as grantsPage from "~/routes/organisation.grants";
import * as certificatePage from "~/routes/year.$enrolmentId.certificate[.]pdf";
import * as verifyPage from "~/routes/verify";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { answerOf, get, post, type Fields } from "../support/requests";
import { failureOf } from "../support/errors";
import { makeOrganisation, signedIn } from "../support/fixtures";
import { pdfText } from "../support/pdf-text";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-moderation-round-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();

type Org = typeof organisations.$inferSelect;
type Role = "learner" | "supervisor" | "assessor" | "programme_lead" | "team_manager";
type Enrolment = typeof enrolments.$inferSelect;
interface Person {
  userId: string;
  name: string;
  cookie: string;
}
interface Year {
  learner: Person;
  enrolment: Enrolment;
  recommendation: "pass" | "fail";
}

const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
const yesterday = () => format(subDays(new Date(), 1), "yyyy-MM-dd");
const signIn = (org: Org, role: Role, name: string): Promise<Person> => signedIn(t.db, org.id, role, name);
const STARTED = "2025-09-01";

const input = (title: string): EvidenceInput => ({
  title,
  occurredOn: yesterday(),
  body: "I listened before asking about the school's concerns, and wrote down what the family said.",
  capabilities: ["PCF-1", "PCF-6"],
  details: {},
});

/** A learner whose year is signed off through to the final recommendation, countersigned. */
async function completeYear(
  org: Org,
  name: string,
  supervisor: Person,
  countersigner: Person,
  recommendation: "pass" | "fail",
): Promise<Year> {
  const learner = await signIn(org, "learner", name);
  const [enrolment] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.userId,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor.userId,
      teamManagerId: countersigner.userId,
      startedOn: STARTED,
      pathway: "child-family",
    })
    .returning();
  const id = enrolment!.id;
  const asLearner: SignoffActor = { userId: learner.userId, role: "learner", organisationId: org.id };
  const asSupervisor: SignoffActor = { userId: supervisor.userId, role: "supervisor", organisationId: org.id };
  // The year's team manager countersigns (ADR 018).
  const asManager: SignoffActor = { userId: countersigner.userId, role: "team_manager", organisationId: org.id };
  const item = (await createEvidence(id, asLearner, "reflective_log", input("Reflection")))!.id;
  const steps: [string, string][] = [
    ["three-month", "on_track"],
    ["six-month", "on_track"],
    ["final", recommendation],
  ];
  for (const [code, outcome] of steps) {
    expect(await submitReview(id, code, asLearner, `Ready for the ${code} review.`, [item])).toEqual({ ok: true });
    const [sub] = (await reviewRecords(id, code)).submissions;
    expect(
      await decideReview(id, code, asSupervisor, sub!.id, { decision: "approved", outcome, comments: "Seen.", actionPlan: null }),
    ).toEqual({ ok: true });
    expect(await countersignReview(id, code, asManager, sub!.contentHash, "")).toEqual({ ok: true });
  }
  return { learner, enrolment: enrolment!, recommendation };
}

const panelsPath = "/organisation/panels";
const panelPath = (panelId: string) => `${panelsPath}/${panelId}`;
const casePath = (panelId: string, enrolmentId: string) => `${panelsPath}/${panelId}/${enrolmentId}`;
const loadPanel = (person: Person, panelId: string) =>
  panelPage.loader({ request: get(person, panelPath(panelId)), params: { panelId }, context });
const sendPanel = (person: Person, panelId: string, fields: Fields) =>
  answerOf(() => panelPage.action({ request: post(person, panelPath(panelId), fields), params: { panelId }, context }));
const sendCase = (person: Person, panelId: string, enrolmentId: string, fields: Fields) =>
  answerOf(() =>
    casePage.action({ request: post(person, casePath(panelId, enrolmentId), fields), params: { panelId, enrolmentId }, context }),
  );
const loadYear = (person: Person, year: Year) =>
  yearPage.loader({ request: get(person, `/year/${year.enrolment.id}`), params: { enrolmentId: year.enrolment.id }, context });
const loadLearning = (year: Year) => learningPage.loader({ request: get(year.learner, "/learning"), params: {}, context });
const download = (person: Person, year: Year) =>
  certificatePage.loader({
    request: get(person, `/year/${year.enrolment.id}/certificate.pdf`),
    params: { enrolmentId: year.enrolment.id },
    context,
  });

async function makePanel(lead: Person, chair: Person, sharePercent: string, name: string) {
  const answer = await answerOf(() =>
    panelsPage.action({
      request: post(lead, panelsPath, { programmeSlug: "asye", name, sharePercent, chairId: chair.userId }),
      params: {},
      context,
    }),
  );
  expect(answer.status).toBe(302);
  const id = /^\/organisation\/panels\/([0-9a-f-]{36})\?created=1$/.exec(answer.location ?? "")?.[1];
  const [row] = await t.db.select().from(panels).where(eq(panels.id, id!));
  return row!;
}

/** A panel member records the outcome and the chair signs it. */
async function decide(panelId: string, year: Year, member: Person, chair: Person, fields: Fields) {
  expect((await sendCase(member, panelId, year.enrolment.id, { intent: "record", ...fields })).status).toBe(302);
  return sendCase(chair, panelId, year.enrolment.id, { intent: "sign" });
}

const outcomeRows = async () => (await t.db.select({ n: count() }).from(panelOutcomes))[0]!.n;

let north: Org;
let south: Org;
let lead: Person;
let managerNorth: Person; // the team manager of every North year: countersigns
let chair: Person;
let reader: Person;
let leadSouth: Person;
let chairSouth: Person;
let passes: Year[]; // three recommended passes
let overturned: Year; // a recommended fail the panel overturns
let extended: Year; // a recommended fail the panel gives more time
let disagreed: Year; // South: a pass the panel does not agree with
let panel: typeof panels.$inferSelect;

beforeAll(async () => {
  north = await makeOrganisation(t.db, { name: "Cyngor Gwynedd" });
  south = await makeOrganisation(t.db, { name: "South County Council" });
  const supervisor = await signIn(north, "supervisor", "Daniel Reid");
  lead = await signIn(north, "programme_lead", "Priya Lead");
  managerNorth = await signIn(north, "team_manager", "Rachel Manager");
  chair = await signIn(north, "assessor", "Alex Chair");
  reader = await signIn(north, "assessor", "Morgan Reader");
  const supervisorSouth = await signIn(south, "supervisor", "Sam Ortiz");
  leadSouth = await signIn(south, "programme_lead", "Omar Lead");
  const managerSouth = await signIn(south, "team_manager", "Colin Manager");
  chairSouth = await signIn(south, "assessor", "Tess South");
  passes = [
    await completeYear(north, "Łukasz Wójcik", supervisor, managerNorth, "pass"),
    await completeYear(north, "Noémie Ní Bhriain", supervisor, managerNorth, "pass"),
    await completeYear(north, "Zoë Smith-Okafor", supervisor, managerNorth, "pass"),
  ];
  overturned = await completeYear(north, "Siobhán D'Souza", supervisor, managerNorth, "fail");
  extended = await completeYear(north, "Dafydd ap Llwyd", supervisor, managerNorth, "fail");
  disagreed = await completeYear(south, "Rory Kemp", supervisorSouth, managerSouth, "pass");
  panel = await makePanel(lead, chair, "10", "Autumn moderation round");
}, 180_000);

const sampled = () => new Set(panel.sample.map((c) => c.enrolmentId));
const unreadPasses = () => passes.filter((p) => !sampled().has(p.enrolment.id));
const readPass = () => passes.find((p) => sampled().has(p.enrolment.id))!;

describe("a moderation round", () => {
  it("keeps every portfolio of the round, each with the final assessment's sign-off it is about", async () => {
    expect(panel.cases).toHaveLength(5);
    expect(panel.sample.map((c) => c.recommendation).sort()).toEqual(["fail", "fail", "pass"]);
    const decisions = await t.db
      .select()
      .from(signoffs)
      .where(and(eq(signoffs.reviewCode, "final"), eq(signoffs.step, "supervisor_decision")));
    for (const c of panel.cases!) {
      const decision = decisions.find((d) => d.enrolmentId === c.enrolmentId)!;
      expect(c).toMatchObject({ signoffId: decision.id, submissionHash: decision.contentHash });
    }
    const page = await loadPanel(lead, panel.id);
    expect(page.unread.map((u) => u.state)).toEqual(["waiting", "waiting"]);
    expect(page.ratification).toEqual({ waitingForSample: 3, toRatify: 2, canRatify: false });
  });

  it("refuses to ratify before every portfolio read is final, and lets no one but the chair ratify", async () => {
    const before = await outcomeRows();
    const early = await sendPanel(chair, panel.id, { intent: "ratify" });
    expect(early.status).toBe(409);
    expect(early.errors.form).toBe("Sign the outcome of every portfolio the panel read first: 3 still wait");
    for (const notChair of [reader, lead]) {
      const refused = await sendPanel(notChair, panel.id, { intent: "ratify" });
      expect(refused.status, notChair.name).toBe(403);
      expect(refused.message).toBe("Only the panel's chair ratifies its passes.");
    }
    expect((await sendPanel(chair, panel.id, {})).status).toBe(400);
    const outsider = await sendPanel(chairSouth, panel.id, { intent: "ratify" });
    expect(outsider.status).toBe(404);
    expect(await outcomeRows()).toBe(before);
  });

  it("asks how long an extension is, between 1 and 365 days", async () => {
    const id = extended.enrolment.id;
    const bare = await sendCase(reader, panel.id, id, { intent: "record", outcome: "extension", reasons: "More observations." });
    expect(bare.status).toBe(400);
    expect(bare.errors.extensionDays).toBe("Say how many days the panel extends the year by");
    for (const [days, message] of [
      ["0", "Extend the year by at least 1 day"],
      ["366", "An extension can be at most 365 days"],
      ["2.5", "Enter a whole number of days"],
      ["soon", "Enter the extension as a number of days, for example 60"],
    ] as const) {
      const wrong = await sendCase(reader, panel.id, id, {
        intent: "record",
        outcome: "extension",
        reasons: "More observations.",
        extensionDays: days,
      });
      expect(wrong.status, days).toBe(400);
      expect(wrong.errors.extensionDays, days).toBe(message);
    }
  });

  it("certifies a fail the panel overturns, and extends the year of a fail it gives more time", async () => {
    const signedOverturn = await decide(panel.id, overturned, reader, chair, {
      outcome: "disagree",
      reasons: "The evidence shows ASYE level throughout.",
    });
    expect(signedOverturn.location).toBe(`${casePath(panel.id, overturned.enrolment.id)}?signed=1&certified=1`);
    expect((await certificateFor(overturned.enrolment.id))?.learnerName).toBe("Siobhán D'Souza");

    const endsBefore = (await loadYear(lead, extended)).endsOn;
    const signedExtension = await decide(panel.id, extended, reader, chair, {
      outcome: "extension",
      reasons: "Two more direct observations are needed.",
      extensionDays: "60",
    });
    expect(signedExtension.location).toBe(`${casePath(panel.id, extended.enrolment.id)}?signed=1&extended=1`);
    expect(await certificateFor(extended.enrolment.id)).toBeNull();
    const [row] = await t.db.select().from(enrolments).where(eq(enrolments.id, extended.enrolment.id));
    expect(row!.extensionDays).toBe(60);
    const year = await loadYear(extended.learner, extended);
    expect(year.endsOn).not.toBe(endsBefore);
    expect(year.panelOutcome).toMatchObject({ kind: "extended", title: "The year is extended", certificateCode: null });
    expect(year.panelOutcome!.text).toMatch(/extended the year by 60 days/);
    expect(year.panelOutcome!.next).toBe(
      `The year now ends on ${year.endsOn}. Add the evidence the panel asked for, and the final assessment goes to a panel again.`,
    );
    const home = (await loadLearning(extended)).programmes.find((p) => p.slug === "asye")!;
    expect(home.panelOutcome).toMatchObject({ title: "The year is extended", certificateHref: null });
    expect(home.panelOutcome!.text).toMatch(/The year now ends on \d+ \w+ \d{4}\./);

    const [extension] = await t.db
      .select()
      .from(panelOutcomes)
      .where(and(eq(panelOutcomes.enrolmentId, extended.enrolment.id), eq(panelOutcomes.step, "chair_signed")));
    expect(extension).toMatchObject({ outcome: "extension", extensionDays: 60, userId: chair.userId });
  });

  it("then lets the chair ratify the passes not read, in one step: each final, named and certified", async () => {
    expect((await decide(panel.id, readPass(), reader, chair, { outcome: "agree" })).location).toMatch(/certified=1$/);
    expect((await loadPanel(chair, panel.id)).ratification).toEqual({ waitingForSample: 0, toRatify: 2, canRatify: true });

    const ratified = await sendPanel(chair, panel.id, { intent: "ratify" });
    expect(ratified).toMatchObject({ status: 302, location: `${panelPath(panel.id)}?ratified=2` });

    const rows = await t.db
      .select()
      .from(panelOutcomes)
      .where(and(eq(panelOutcomes.panelId, panel.id), eq(panelOutcomes.step, "ratified")));
    expect(rows).toHaveLength(2);
    for (const year of unreadPasses()) {
      const row = rows.find((r) => r.enrolmentId === year.enrolment.id)!;
      const c = panel.cases!.find((x) => x.enrolmentId === year.enrolment.id)!;
      expect(row).toMatchObject({
        outcome: "agree",
        userId: chair.userId,
        role: "assessor",
        signoffId: c.signoffId,
        submissionHash: c.submissionHash,
      });
      expect(row.at).toBeInstanceOf(Date);
    }
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "panel.pass_ratified"));
    expect(audits.map((a) => (a.detail as { enrolment: string }).enrolment).sort()).toEqual(
      unreadPasses().map((p) => p.enrolment.id).sort(),
    );

    const page = await loadPanel(lead, panel.id);
    expect(page.unread.map((u) => u.state)).toEqual(["ratified", "ratified"]);
    expect(page.ratification.canRatify).toBe(false);
    expect(page.cases.every((c) => c.state === "final")).toBe(true);

    // Once is enough: a second click changes nothing.
    const before = await outcomeRows();
    const again = await sendPanel(chair, panel.id, { intent: "ratify" });
    expect(again.status).toBe(409);
    expect(again.errors.form).toBe("There are no passes left to ratify");
    expect(await outcomeRows()).toBe(before);
  });

  it("gives all three passes a certificate with the programme's dates and the panel's decision, that verifies", async () => {
    const today = englandDay();
    for (const year of passes) {
      const cert = (await certificateFor(year.enrolment.id))!;
      expect(cert).toMatchObject({
        learnerName: year.learner.name,
        startedOn: STARTED,
        endsOn: "2026-09-01",
        decidedOn: today,
      });
      const pdf = await download(year.learner, year);
      expect(pdf.status).toBe(200);
      const lines = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
      expect(lines).toContain(year.learner.name);
      expect(lines).toContain("Cyngor Gwynedd");
      expect(lines).toContain("Programme: 1 September 2025 to 1 September 2026");
      expect(lines).toContain(`Moderation panel's decision: ${format(new Date(`${today}T12:00:00`), "d MMMM yyyy")}`);
      expect(lines).toContain(`Verification code ${cert.code}`);
      const checked = await verifyPage.loader({ request: get(null, `/verify?code=${cert.code}`), params: {}, context });
      expect(checked.result).toMatchObject({
        found: true,
        learnerName: year.learner.name,
        dates: "1 September 2025 to 1 September 2026",
      });

      // The learner is told once that the certificate is issued, with its code.
      const told = await t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, year.learner.userId), eq(notifications.kind, "certificate_issued")));
      expect(told.map((n) => [n.text, n.href])).toEqual([
        [`Your certificate for the assessed year is issued (${cert.code}): download it from your year`, `/year/${year.enrolment.id}`],
      ]);

      const page = await loadYear(year.learner, year);
      expect(page.panelOutcome).toMatchObject({ kind: "passed", title: "The year is passed", certificateCode: cert.code });
      const home = (await loadLearning(year)).programmes.find((p) => p.slug === "asye")!;
      expect(home.panelOutcome).toMatchObject({
        title: "The year is passed",
        certificateHref: `/year/${year.enrolment.id}/certificate.pdf`,
      });
    }
    const ratifiedHome = (await loadLearning(unreadPasses()[0]!)).programmes[0]!.panelOutcome!;
    expect(ratifiedHome.text).toMatch(/chair ratified the assessor's pass/);
    const overturnedYear = await loadYear(overturned.learner, overturned);
    expect(overturnedYear.panelOutcome).toMatchObject({ kind: "passed" });
    expect(overturnedYear.panelOutcome!.text).toMatch(/did not agree with the recommendation to fail/);
  });

  it("leaves no portfolio of the round for another panel, except the extended year once it is assessed again", async () => {
    expect(await portfoliosForPanel(north.id, "asye")).toEqual([]);

    // The extension reopens the final assessment: the learner submits again, the assessor recommends, the team manager countersigns.
    const id = extended.enrolment.id;
    const year = await loadYear(extended.learner, extended);
    expect(year.panelOutcome?.kind).toBe("extended");
    const org = extended.enrolment.organisationId!;
    const asLearner: SignoffActor = { userId: extended.learner.userId, role: "learner", organisationId: org };
    const [item] = await t.db.select().from(signoffs).where(and(eq(signoffs.enrolmentId, id), eq(signoffs.reviewCode, "final")));
    expect(await submitReview(id, "final", asLearner, "The two observations the panel asked for.", item!.items.map((i) => i.itemId))).toEqual({
      ok: true,
    });
    const latest = (await reviewRecords(id, "final")).submissions.find((s) => s.number === 2)!;
    const supervisorId = extended.enrolment.supervisorId!;
    expect(
      await decideReview(id, "final", { userId: supervisorId, role: "supervisor", organisationId: org }, latest.id, {
        decision: "approved",
        outcome: "pass",
        comments: "Now at ASYE level.",
        actionPlan: null,
      }),
    ).toEqual({ ok: true });
    expect(
      await countersignReview(id, "final", { userId: managerNorth.userId, role: "team_manager", organisationId: org }, latest.contentHash, ""),
    ).toEqual({ ok: true });
    expect(await portfoliosForPanel(north.id, "asye")).toEqual([
      { enrolmentId: id, learnerName: "Dafydd ap Llwyd", recommendation: "pass" },
    ]);
    // A new round reads it again, on its new sign-off; the old extension stays as it was.
    const next = await makePanel(lead, chair, "100", "Spring moderation round");
    const [c] = next.cases!;
    expect(c!.signoffId).not.toBe(panel.cases!.find((x) => x.enrolmentId === id)!.signoffId);
    expect((await decide(next.id, extended, reader, chair, { outcome: "agree" })).location).toMatch(/certified=1$/);
    expect((await loadYear(extended.learner, extended)).panelOutcome).toMatchObject({ kind: "passed" });
    expect(await portfoliosForPanel(north.id, "asye")).toEqual([]);
  });

  it("claims each passed year's completion grant on the panel's decision, in its financial year", async () => {
    const page = await grantsPage.loader({ request: get(lead, "/organisation/grants"), params: {}, context });
    const completion = (year: Year) =>
      page.rows.find((r) => r.yearHref === `/year/${year.enrolment.id}` && r.code === "cf-completion")!;
    for (const year of [...passes, overturned, extended]) expect(completion(year).state).toBe("claimable");
    expect(completion(passes[0]!).title).toMatch(/^DfE child and family ASYE grant: completion of the ASYE \(\d{4}-\d{2}\)$/);
  });

  it("refuses, at the database, a ratification that names no sign-off, and any change to one", async () => {
    const [any] = await t.db.select().from(panelOutcomes).where(eq(panelOutcomes.step, "ratified")).limit(1);
    expect(
      await failureOf(
        t.db.insert(panelOutcomes).values({
          panelId: panel.id,
          enrolmentId: extended.enrolment.id,
          step: "ratified",
          outcome: "agree",
          userId: chair.userId,
          role: "assessor",
        }),
      ),
    ).toMatch(/panel_outcomes_ratified_names_signoff/);
    expect(
      await failureOf(t.db.update(panelOutcomes).set({ outcome: "disagree" }).where(eq(panelOutcomes.id, any!.id))),
    ).toMatch(/panel_outcomes is append-only: UPDATE refused/);
    expect(
      await failureOf(t.db.delete(certificates).where(inArray(certificates.enrolmentId, passes.map((p) => p.enrolment.id)))),
    ).toMatch(/certificates is append-only: DELETE refused/);
  });
});

describe("a pass the panel does not agree with", () => {
  it("is final, not passed, with no certificate, and says what happens next", async () => {
    const southPanel = await makePanel(leadSouth, chairSouth, "100", "South round");
    const signed = await decide(southPanel.id, disagreed, chairSouth, chairSouth, {
      outcome: "disagree",
      reasons: "The observations do not show analysis at ASYE level.",
    });
    expect(signed.location).toBe(`${casePath(southPanel.id, disagreed.enrolment.id)}?signed=1`);
    expect(await certificateFor(disagreed.enrolment.id)).toBeNull();
    const year = await loadYear(disagreed.learner, disagreed);
    expect(year.panelOutcome).toMatchObject({ kind: "not_passed", title: "The year is not passed yet", certificateCode: null });
    expect(year.panelOutcome!.next).toMatch(/agree what happens next/);
    const home = (await loadLearning(disagreed)).programmes.find((p) => p.slug === "asye")!;
    expect(home.panelOutcome).toMatchObject({ title: "The year is not passed yet", certificateHref: null });
    expect((await answerOf(() => download(disagreed.learner, disagreed))).status).toBe(404);
    // Nothing is left to ratify: every pass was read.
    expect((await sendPanel(chairSouth, southPanel.id, { intent: "ratify" })).errors.form).toBe(
      "There are no passes left to ratify",
    );
  });
});
