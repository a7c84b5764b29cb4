/**
 * Internal moderation against a real database: a programme lead makes a panel, which reads every
 * recommended fail and a repeatable share of the passes; members read blind and record outcomes,
 * the chair signs them, and a pass the panel agrees with is certified. Certificates download as a
 * PDF for the learner and can be checked by anyone on the public verify page.
 */
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays } from "date-fns";
import { count, eq, sql } from "drizzle-orm";
import { certificates, enrolments, panelOutcomes, panels, type organisations } from "#db/schema";
import { createEvidence, listEvidence, reviseEvidence, type EvidenceInput } from "~/modules/portfolio/portfolio.server";
import { panelReading } from "~/modules/signoff/anonymisation.server";
import { panelSample } from "~/modules/signoff/panel";
import { certificateFor, portfoliosForPanel } from "~/modules/signoff/panel.server";
import {
  countersignReview,
  decideReview,
  reviewRecords,
  submitReview,
  type SignoffActor,
} from "~/modules/signoff/reviews.server";
import * as casePage from "~/routes/organisation.panels.$panelId.$enrolmentId";
import * as panelPage from "~/routes/organisation.panels.$panelId._index";
import * as panelsPage from "~/routes/organisation.panels._index";
import * as anonymisationPage from "~/routes/year.$enrolmentId.anonymisation";
import * as certificatePage from "~/routes/year.$enrolmentId.certificate[.]pdf";
import * as verifyPage from "~/routes/verify";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { answerOf, get, post, type Fields } from "../support/requests";
import { failureOf } from "../support/errors";
import { makeOrganisation, signedIn } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-moderation-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

const asye = writeTestManifest(manifestFile).programmes[0]!;

const t = withTestDatabase();

type Org = typeof organisations.$inferSelect;
type Role = "learner" | "supervisor" | "assessor" | "programme_lead" | "team_manager";
type Enrolment = typeof enrolments.$inferSelect;

const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
const yesterday = () => format(subDays(new Date(), 1), "yyyy-MM-dd");
const CODE = /^PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/;

/** A person signed in for real: a session row, and the cookie the browser would send back. */
interface Person {
  userId: string;
  name: string;
  cookie: string;
}

const signIn = (org: Org, role: Role, name: string): Promise<Person> => signedIn(t.db, org.id, role, name);

const IDENTIFYING = "I visited Jordan Smith, born 03/04/2015, with the health visitor.";

const input = (title: string, body: string): EvidenceInput => ({
  title,
  occurredOn: yesterday(),
  body,
  capabilities: ["PCF-1", "PCF-6"],
  details: {},
});

/** A learner whose whole year is signed off: 3-month and 6-month on track, and the final recommendation. */
interface Year {
  learner: Person;
  enrolment: Enrolment;
  recommendation: "pass" | "fail";
}

async function completeYear(
  org: Org,
  name: string,
  supervisor: Person,
  countersigner: Person,
  recommendation: "pass" | "fail",
  extraEvidence: string[] = [],
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
      startedOn: "2025-09-01",
      pathway: "child-family",
    })
    .returning();
  const id = enrolment!.id;
  const asLearner: SignoffActor = { userId: learner.userId, role: "learner", organisationId: org.id };
  const asSupervisor: SignoffActor = { userId: supervisor.userId, role: "supervisor", organisationId: org.id };
  // The year's team manager countersigns (ADR 018).
  const asManager: SignoffActor = { userId: countersigner.userId, role: "team_manager", organisationId: org.id };
  const bodies = [
    "I listened before asking about the school's concerns, and wrote down what the family said.",
    ...extraEvidence,
  ];
  const items: string[] = [];
  for (const [i, body] of bodies.entries())
    items.push((await createEvidence(id, asLearner, "reflective_log", input(`Reflection ${i + 1}`, body)))!.id);

  const steps: [string, string, string][] = [
    ["three-month", "on_track", "A good three months."],
    ["six-month", "on_track", "Steady progress."],
    [
      "final",
      recommendation,
      recommendation === "pass"
        ? "Meets the PCF at ASYE level throughout."
        : "Not yet at ASYE level: the analysis of risk is thin.",
    ],
  ];
  for (const [code, outcome, comments] of steps) {
    expect(await submitReview(id, code, asLearner, `Ready for the ${code} review.`, items)).toEqual({ ok: true });
    const [sub] = (await reviewRecords(id, code)).submissions;
    expect(
      await decideReview(id, code, asSupervisor, sub!.id, {
        decision: "approved",
        outcome,
        comments,
        actionPlan: null,
      }),
    ).toEqual({ ok: true });
    expect(await countersignReview(id, code, asManager, sub!.contentHash, "")).toEqual({ ok: true });
  }
  return { learner, enrolment: enrolment!, recommendation };
}

const panelsPath = "/organisation/panels";
const panelPath = (panelId: string) => `${panelsPath}/${panelId}`;
const casePath = (panelId: string, enrolmentId: string) => `${panelsPath}/${panelId}/${enrolmentId}`;

const loadPanels = (person: Person) => panelsPage.loader({ request: get(person, panelsPath), params: {}, context });
const loadPanel = (person: Person, panelId: string) =>
  panelPage.loader({ request: get(person, panelPath(panelId)), params: { panelId }, context });
const loadCase = (person: Person, panelId: string, enrolmentId: string) =>
  casePage.loader({ request: get(person, casePath(panelId, enrolmentId)), params: { panelId, enrolmentId }, context });
const sendCase = (person: Person, panelId: string, enrolmentId: string, fields: Fields) =>
  answerOf(() =>
    casePage.action({
      request: post(person, casePath(panelId, enrolmentId), fields),
      params: { panelId, enrolmentId },
      context,
    }),
  );

/** `lead` posts the "make a panel" form; answers with what came back. */
const sendPanel = (person: Person, fields: Fields) =>
  answerOf(() => panelsPage.action({ request: post(person, panelsPath, fields), params: {}, context }));

async function makePanel(lead: Person, chair: Person, sharePercent: string, name = "Spring moderation panel") {
  const answer = await sendPanel(lead, { programmeSlug: "asye", name, sharePercent, chairId: chair.userId });
  expect(answer.status).toBe(302);
  const id = /^\/organisation\/panels\/([0-9a-f-]{36})\?created=1$/.exec(answer.location ?? "")?.[1];
  if (!id) throw new Error(`Unexpected redirect ${answer.location}`);
  const [row] = await t.db.select().from(panels).where(eq(panels.id, id));
  return row!;
}

const outcomeRows = async () => (await t.db.select({ n: count() }).from(panelOutcomes))[0]!.n;
const panelRows = async () => (await t.db.select({ n: count() }).from(panels))[0]!.n;
const sortedIds = (cases: { enrolmentId: string }[]) => cases.map((c) => c.enrolmentId).sort();

let north: Org;
let south: Org;
let daniel: Person; // practice supervisor of every North learner; approves their reviews
let leadNorth: Person; // programme lead in North; countersigns, makes panels
let chair: Person; // assessor in North who chairs the panels
let reader: Person; // another assessor in North, a panel member but not the chair
let leadSouth: Person;
let assessorSouth: Person;
let fails: Year[]; // North's two recommended fails; their evidence names a child
let passes: Year[]; // North's twelve recommended passes
let southYears: Year[];
let panel: typeof panels.$inferSelect; // North's panel, 10% of passes, chaired by `chair`

beforeAll(async () => {
  north = await makeOrganisation(t.db, { name: "North Borough Council" });
  south = await makeOrganisation(t.db, { name: "South County Council" });
  daniel = await signIn(north, "supervisor", "Daniel Reid");
  leadNorth = await signIn(north, "programme_lead", "Priya Lead");
  const managerNorth = await signIn(north, "team_manager", "Rachel Manager");
  chair = await signIn(north, "assessor", "Alex Chair");
  reader = await signIn(north, "assessor", "Morgan Reader");
  const sam = await signIn(south, "supervisor", "Sam Ortiz");
  leadSouth = await signIn(south, "programme_lead", "Omar Lead");
  const managerSouth = await signIn(south, "team_manager", "Colin Manager");
  assessorSouth = await signIn(south, "assessor", "Tess South");

  fails = [
    await completeYear(north, "Fern Ashby", daniel, managerNorth, "fail", [IDENTIFYING]),
    await completeYear(north, "Gil Barton", daniel, managerNorth, "fail", [IDENTIFYING]),
  ];
  passes = [];
  for (let i = 1; i <= 12; i++) passes.push(await completeYear(north, `Pass Learner ${i}`, daniel, managerNorth, "pass"));
  southYears = [
    await completeYear(south, "Chloe Dunn", sam, managerSouth, "pass"),
    await completeYear(south, "Rory Kemp", sam, managerSouth, "fail"),
  ];
  panel = await makePanel(leadNorth, chair, "10");
}, 180_000);

describe("the panel's sample", () => {
  it("holds every recommended fail and 10% of the passes rounded up, drawn again the same from its seed", async () => {
    expect(panel).toMatchObject({
      organisationId: north.id,
      programmeSlug: "asye",
      name: "Spring moderation panel",
      sampleShare: 0.1,
      chairId: chair.userId,
      createdById: leadNorth.userId,
    });
    const sampledFails = panel.sample.filter((c) => c.recommendation === "fail");
    const sampledPasses = panel.sample.filter((c) => c.recommendation === "pass");
    expect(sortedIds(sampledFails)).toEqual(sortedIds(fails.map((y) => ({ enrolmentId: y.enrolment.id }))));
    expect(sampledPasses).toHaveLength(2);
    const passIds = new Set(passes.map((y) => y.enrolment.id));
    for (const c of sampledPasses) expect(passIds.has(c.enrolmentId)).toBe(true);

    // Anyone with the seed can repeat the draw from the portfolios that were ready.
    const ready = await portfoliosForPanel(north.id, "asye");
    expect(ready).toHaveLength(14);
    const again = panelSample(
      ready.map(({ enrolmentId, recommendation }) => ({ enrolmentId, recommendation })),
      panel.sampleShare,
      panel.seed,
    );
    expect(sortedIds(again)).toEqual(sortedIds(panel.sample));

    // The panel page shows the same portfolios, the share and the seed.
    const page = await loadPanel(leadNorth, panel.id);
    expect(page).toMatchObject({
      name: "Spring moderation panel",
      share: 10,
      seed: panel.seed,
      chairName: "Alex Chair",
    });
    expect(sortedIds(page.cases)).toEqual(sortedIds(panel.sample));
    expect(page.cases.every((c) => c.state === "to_read")).toBe(true);

    // The list of panels names it, with how many portfolios it reads.
    const list = await loadPanels(reader);
    expect(list.panels).toContainEqual(expect.objectContaining({ id: panel.id, chairName: "Alex Chair", sampled: 4 }));
    expect(list.canCreate).toBe(false);
  });

  it("never includes another organisation's portfolios, even when every pass is read", async () => {
    const southIds = new Set(southYears.map((y) => y.enrolment.id));
    expect(panel.sample.some((c) => southIds.has(c.enrolmentId))).toBe(false);

    const everything = await makePanel(leadNorth, reader, "100", "Everything panel");
    expect(everything.sample).toHaveLength(14);
    expect(sortedIds(everything.sample)).toEqual(
      sortedIds([...fails, ...passes].map((y) => ({ enrolmentId: y.enrolment.id }))),
    );

    const theirs = await makePanel(leadSouth, assessorSouth, "100", "South panel");
    expect(sortedIds(theirs.sample)).toEqual([...southIds].sort());
  });
});

describe("who may see and make panels", () => {
  it("answers 404 to another organisation's programme lead and assessor, for the panel and its portfolios", async () => {
    const sampled = panel.sample[0]!.enrolmentId;
    for (const outsider of [leadSouth, assessorSouth]) {
      const page = await answerOf(() => loadPanel(outsider, panel.id));
      expect(page.status, outsider.name).toBe(404);
      expect(page.message).toBe("We could not find that panel.");
      const reading = await answerOf(() => loadCase(outsider, panel.id, sampled));
      expect(reading.status, outsider.name).toBe(404);
      expect(reading.message).toBe("That portfolio is not in this panel's sample.");
      const before = await outcomeRows();
      const posted = await sendCase(outsider, panel.id, sampled, { intent: "record", outcome: "agree" });
      expect(posted.status, outsider.name).toBe(404);
      expect(await outcomeRows()).toBe(before);
      // Their own list does not show North's panel.
      expect((await loadPanels(outsider)).panels.map((p) => p.id)).not.toContain(panel.id);
    }
  });

  it("answers 403 to a practice supervisor of the same organisation", async () => {
    const list = await answerOf(() => loadPanels(daniel));
    expect(list.status).toBe(403);
    expect(list.message).toBe("Your role does not give you access to this page.");
    expect((await answerOf(() => loadPanel(daniel, panel.id))).status).toBe(403);
  });

  it("answers 404 for a portfolio that is not in the sample", async () => {
    const sampled = new Set(panel.sample.map((c) => c.enrolmentId));
    const unsampled = passes.find((y) => !sampled.has(y.enrolment.id))!.enrolment.id;
    for (const id of [unsampled, southYears[0]!.enrolment.id, "not-a-uuid"]) {
      const reading = await answerOf(() => loadCase(leadNorth, panel.id, id));
      expect(reading.status, id).toBe(404);
      expect(reading.message).toBe("That portfolio is not in this panel's sample.");
      const before = await outcomeRows();
      expect((await sendCase(chair, panel.id, id, { intent: "record", outcome: "agree" })).status).toBe(404);
      expect(await outcomeRows()).toBe(before);
    }
  });

  it("lets only a programme lead make a panel, with a chair who is a lead or assessor of the organisation", async () => {
    const before = await panelRows();
    const fields = { programmeSlug: "asye", name: "Assessor's panel", sharePercent: "10", chairId: chair.userId };
    const byAssessor = await sendPanel(reader, fields);
    expect(byAssessor.status).toBe(403);
    expect(byAssessor.message).toBe("Your role does not give you access to this page.");
    expect(await panelRows()).toBe(before);

    for (const notAChair of [daniel, fails[0]!.learner, leadSouth]) {
      const answer = await sendPanel(leadNorth, { ...fields, chairId: notAChair.userId });
      expect(answer.status, notAChair.name).toBe(400);
      expect(answer.errors.chairId).toBe("Choose the chair from the list");
    }
    const noChair = await sendPanel(leadNorth, { ...fields, chairId: "" });
    expect(noChair.status).toBe(400);
    expect(noChair.errors.chairId).toBe("Choose the chair");
    expect(await panelRows()).toBe(before);

    // The chairs offered are exactly the organisation's leads and assessors.
    const offered = (await loadPanels(leadNorth)).members.map((m) => m.label).sort();
    expect(offered).toEqual(["Alex Chair", "Morgan Reader", "Priya Lead"]);
  });
});

describe("the panel's outcomes", () => {
  const sampledPasses = () => panel.sample.filter((c) => c.recommendation === "pass").map((c) => c.enrolmentId);

  it("asks for an outcome, and for reasons when the panel disagrees", async () => {
    const [agreed] = sampledPasses() as [string];
    const before = await outcomeRows();

    const nothing = await sendCase(reader, panel.id, agreed, { intent: "record", reasons: "" });
    expect(nothing.status).toBe(400);
    expect(nothing.errors.outcome).toBe("Choose the panel's outcome");

    const bare = await sendCase(reader, panel.id, agreed, { intent: "record", outcome: "disagree", reasons: "  " });
    expect(bare.status).toBe(400);
    expect(bare.errors.reasons).toBe("Give the panel's reasons when it disagrees or extends the year");

    expect(await outcomeRows()).toBe(before);
    expect((await loadCase(reader, panel.id, agreed)).state).toBe("to_read");
  });

  it("is final only when the chair signs it, and a pass the panel agrees with is certified", async () => {
    const [agreed] = sampledPasses() as [string];
    const here = casePath(panel.id, agreed);

    const recorded = await sendCase(reader, panel.id, agreed, { intent: "record", outcome: "agree", reasons: "" });
    expect(recorded).toMatchObject({ status: 302, location: `${here}?recorded=1` });
    const waiting = await loadCase(reader, panel.id, agreed);
    expect(waiting).toMatchObject({
      state: "recorded",
      signed: false,
      isChair: false,
      outcome: { label: "Agree with the assessor's recommendation" },
    });
    const onPanel = (await loadPanel(leadNorth, panel.id)).cases.find((c) => c.enrolmentId === agreed);
    expect(onPanel).toMatchObject({ state: "recorded", outcome: "Agree with the assessor's recommendation" });
    expect(await certificateFor(agreed)).toBeNull();

    // A second recording of the same portfolio is refused.
    const twice = await sendCase(chair, panel.id, agreed, { intent: "record", outcome: "disagree", reasons: "No." });
    expect(twice.status).toBe(409);
    expect(twice.errors.form).toBe("The panel's outcome for this portfolio is already recorded");

    // Nobody but the chair signs: not the member who recorded it, not the programme lead.
    const before = await outcomeRows();
    for (const notChair of [reader, leadNorth]) {
      const signed = await sendCase(notChair, panel.id, agreed, { intent: "sign" });
      expect(signed.status, notChair.name).toBe(403);
      expect(signed.message).toBe("Only the panel's chair signs its outcomes.");
    }
    expect(await outcomeRows()).toBe(before);
    expect((await loadCase(chair, panel.id, agreed)).state).toBe("recorded");
    expect(await certificateFor(agreed)).toBeNull();

    expect((await loadCase(chair, panel.id, agreed)).isChair).toBe(true);
    const signed = await sendCase(chair, panel.id, agreed, { intent: "sign" });
    expect(signed).toMatchObject({ status: 302, location: `${here}?signed=1&certified=1` });
    const final = await loadCase(reader, panel.id, agreed);
    expect(final).toMatchObject({ state: "final", signed: true });
    expect((await loadPanel(leadNorth, panel.id)).cases.find((c) => c.enrolmentId === agreed)?.state).toBe("final");
    const certificate = await certificateFor(agreed);
    expect(certificate?.code).toMatch(CODE);
    const learner = passes.find((y) => y.enrolment.id === agreed)!;
    expect(certificate).toMatchObject({
      enrolmentId: agreed,
      learnerName: learner.learner.name,
      organisationName: "North Borough Council",
      programmeTitle: asye.title,
    });

    // Signing again does nothing more.
    const again = await sendCase(chair, panel.id, agreed, { intent: "sign" });
    expect(again.status).toBe(409);
    expect(again.errors.form).toBe("There is no recorded outcome waiting for your signature");
    expect(await t.db.select().from(certificates).where(eq(certificates.enrolmentId, agreed))).toHaveLength(1);
  });

  it("issues no certificate when the panel agrees with a fail or disagrees with a pass", async () => {
    const fail = fails[0]!.enrolment.id;
    const [, disagreed] = sampledPasses() as [string, string];

    expect((await sendCase(reader, panel.id, fail, { intent: "record", outcome: "agree" })).status).toBe(302);
    const failSigned = await sendCase(chair, panel.id, fail, { intent: "sign" });
    expect(failSigned).toMatchObject({ status: 302, location: `${casePath(panel.id, fail)}?signed=1` });
    expect((await loadCase(chair, panel.id, fail)).state).toBe("final");
    expect(await certificateFor(fail)).toBeNull();

    const disagreement = await sendCase(reader, panel.id, disagreed, {
      intent: "record",
      outcome: "disagree",
      reasons: "The direct observations do not show analysis at ASYE level.",
    });
    expect(disagreement.status).toBe(302);
    const passSigned = await sendCase(chair, panel.id, disagreed, { intent: "sign" });
    expect(passSigned).toMatchObject({ status: 302, location: `${casePath(panel.id, disagreed)}?signed=1` });
    const final = await loadCase(reader, panel.id, disagreed);
    expect(final).toMatchObject({
      state: "final",
      signed: true,
      outcome: {
        label: "Disagree with the recommendation",
        reasons: "The direct observations do not show analysis at ASYE level.",
      },
    });
    expect(await certificateFor(disagreed)).toBeNull();
  });
});

describe("a certified year", () => {
  let certified: Year; // a pass not in the 10% panel, certified by a panel of its own
  let uncertified: Year; // another pass, never certified
  let code: string;

  const download = (person: Person, year: Year) =>
    certificatePage.loader({
      request: get(person, `/year/${year.enrolment.id}/certificate.pdf`),
      params: { enrolmentId: year.enrolment.id },
      context,
    });
  const verify = (raw: string) =>
    verifyPage.loader({
      request: get(null, `/verify?${new URLSearchParams({ code: raw }).toString()}`),
      params: {},
      context,
    });

  beforeAll(async () => {
    const sampled = new Set(panel.sample.map((c) => c.enrolmentId));
    [certified, uncertified] = passes.filter((y) => !sampled.has(y.enrolment.id)) as [Year, Year];
    const own = await makePanel(leadNorth, leadNorth, "100", "Summer moderation panel");
    const id = certified.enrolment.id;
    expect((await sendCase(reader, own.id, id, { intent: "record", outcome: "agree" })).status).toBe(302);
    expect((await sendCase(leadNorth, own.id, id, { intent: "sign" })).location).toMatch(/certified=1$/);
    code = (await certificateFor(id))!.code;
  });

  it("downloads as a PDF for the learner, and is not found for another organisation or before a pass", async () => {
    const pdf = await download(certified.learner, certified);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toContain(`certificate-${code}.pdf`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Their programme lead may download it too.
    expect((await download(leadNorth, certified)).status).toBe(200);

    const outsider = await answerOf(() => download(leadSouth, certified));
    expect(outsider.status).toBe(404);
    expect(outsider.message).toBe("We could not find that learner's year.");

    const early = await answerOf(() => download(uncertified.learner, uncertified));
    expect(early.status).toBe(404);
    expect(early.message).toMatch(/no certificate for this year yet/);
  });

  it("is found on the public verify page by its code, however it is typed", async () => {
    const expected = {
      found: true,
      code,
      learnerName: certified.learner.name,
      organisationName: "North Borough Council",
      programmeTitle: asye.title,
    };
    expect((await verify(code)).result).toMatchObject(expected);
    const typed = ` ${code.toLowerCase().replace(/-/g, " - ")} `;
    expect(typed).not.toBe(code);
    expect((await verify(typed)).result).toMatchObject(expected);

    // A code that was never issued, and things that are not codes, find nothing.
    const other = code.endsWith("AAAA") ? `${code.slice(0, -4)}BBBB` : `${code.slice(0, -4)}AAAA`;
    expect(other).toMatch(CODE);
    for (const wrong of [other, "PP-1234-5678-9012", "hello", `${code}-EXTRA`])
      expect((await verify(wrong)).result, wrong).toEqual({ found: false });
    expect((await verify("")).result).toBeNull();
  });

  it("cannot be changed or deleted, and neither can the panel's outcomes: the database refuses", async () => {
    const id = certified.enrolment.id;
    const before = await certificateFor(id);
    expect(
      await failureOf(
        t.db.update(certificates).set({ learnerName: "Someone Else" }).where(eq(certificates.enrolmentId, id)),
      ),
    ).toMatch(/certificates is append-only: UPDATE refused/);
    expect(await failureOf(t.db.delete(certificates).where(eq(certificates.enrolmentId, id)))).toMatch(
      /certificates is append-only: DELETE refused/,
    );
    expect(await certificateFor(id)).toEqual(before);

    const outcomesBefore = await t.db.select().from(panelOutcomes).where(eq(panelOutcomes.enrolmentId, id));
    expect(outcomesBefore.map((o) => o.step).sort()).toEqual(["chair_signed", "recorded"]);
    expect(
      await failureOf(t.db.update(panelOutcomes).set({ outcome: "disagree" }).where(eq(panelOutcomes.enrolmentId, id))),
    ).toMatch(/panel_outcomes is append-only: UPDATE refused/);
    expect(await failureOf(t.db.delete(panelOutcomes).where(eq(panelOutcomes.enrolmentId, id)))).toMatch(
      /panel_outcomes is append-only: DELETE refused/,
    );
    expect(await t.db.select().from(panelOutcomes).where(eq(panelOutcomes.enrolmentId, id))).toEqual(outcomesBefore);
  });
});

describe("reading blind", () => {
  const anonymisation = (person: Person, year: Year) => {
    const path = `/year/${year.enrolment.id}/anonymisation`;
    return {
      load: () =>
        anonymisationPage.loader({ request: get(person, path), params: { enrolmentId: year.enrolment.id }, context }),
      send: (fields: Fields) =>
        answerOf(() =>
          anonymisationPage.action({
            request: post(person, path, fields),
            params: { enrolmentId: year.enrolment.id },
            context,
          }),
        ),
    };
  };

  const bodiesOf = async (year: Year) =>
    (await loadCase(reader, panel.id, year.enrolment.id)).evidence.map((e) => e.body);

  it("shows the panel nothing of who the supervisor is", async () => {
    for (const year of [
      ...fails,
      ...passes.filter((p) => panel.sample.some((c) => c.enrolmentId === p.enrolment.id)),
    ]) {
      const page = await loadCase(reader, panel.id, year.enrolment.id);
      expect(page.learnerName).toBe(year.learner.name);
      expect(page.recommendation).toMatch(year.recommendation === "pass" ? /^Pass/ : /^Fail/);
      expect(page.assessorComments).not.toBe("");
      const seen = JSON.stringify(page);
      expect(seen).not.toContain("Daniel Reid");
      expect(seen).not.toContain("Daniel");
      expect(seen).not.toContain(daniel.userId);
    }
  });

  it("reads a child's name and date of birth as removed until the learner keeps a passage", async () => {
    const [undecided, kept] = fails as [Year, Year];
    expect(await bodiesOf(undecided)).toContain(
      "I visited [name removed], [date of birth removed], with the health visitor.",
    );
    expect(await bodiesOf(kept)).toContain(
      "I visited [name removed], [date of birth removed], with the health visitor.",
    );
    expect((await loadCase(reader, panel.id, kept.enrolment.id)).undecidedPassages).toBe(2);
    for (const year of fails)
      expect(JSON.stringify(await loadCase(reader, panel.id, year.enrolment.id))).not.toContain("Jordan");

    // The learner keeps the name (and decides nothing about the date of birth).
    const check = await anonymisation(kept.learner, kept).load();
    const findings = check.items.flatMap((i) => i.findings);
    expect(findings.map((f) => [f.label, f.text])).toEqual([
      ["a name", "Jordan Smith"],
      ["a date of birth", "born 03/04/2015"],
    ]);
    const name = findings.find((f) => f.text === "Jordan Smith")!;
    const saved = await anonymisation(kept.learner, kept).send({ [`finding-${name.key}`]: "keep" });
    expect(saved).toMatchObject({ status: 302, location: `/year/${kept.enrolment.id}/anonymisation?saved=1` });

    expect(await bodiesOf(kept)).toContain("I visited Jordan Smith, [date of birth removed], with the health visitor.");
    expect((await loadCase(reader, panel.id, kept.enrolment.id)).undecidedPassages).toBe(1);

    // Redacting it (the other learner's choice) keeps it removed; the first learner's decision is theirs alone.
    const other = await anonymisation(undecided.learner, undecided).load();
    const theirName = other.items.flatMap((i) => i.findings).find((f) => f.text === "Jordan Smith")!;
    expect(theirName.key).not.toBe(name.key);
    expect(
      (await anonymisation(undecided.learner, undecided).send({ [`finding-${theirName.key}`]: "redact" })).status,
    ).toBe(302);
    expect(await bodiesOf(undecided)).toContain(
      "I visited [name removed], [date of birth removed], with the health visitor.",
    );
    expect(JSON.stringify(await loadCase(reader, panel.id, undecided.enrolment.id))).not.toContain("Jordan");
  });

  it("removes the assessor's and countersigner's names wherever they appear, even starting a sentence", async () => {
    const [year] = fails as [Year];
    const read = await panelReading(year.enrolment.id, ["Daniel Reid", "Priya Lead"]);
    expect(read("The analysis is thin.\nDaniel Reid, practice supervisor. Reid agreed with Priya.")).toBe(
      "The analysis is thin.\n[name removed], practice supervisor. [name removed] agreed with [name removed].",
    );
  });

  it("reads the evidence as the review named it, not as it was edited afterwards", async () => {
    const [year] = fails as [Year];
    const [item] = await listEvidence(year.enrolment.id);
    const before = await bodiesOf(year);
    const revised = await reviseEvidence(
      year.enrolment.id,
      item!.id,
      { userId: year.learner.userId, role: "learner", organisationId: year.enrolment.organisationId },
      item!.version,
      {
        title: "Changed after sign-off",
        occurredOn: item!.occurredOn,
        body: "Rewritten after the panel sample.",
        capabilities: item!.capabilities,
        details: {},
      },
    );
    expect(revised).toMatchObject({ ok: true, changed: true });
    expect(await bodiesOf(year)).toEqual(before);
    expect(JSON.stringify(await loadCase(reader, panel.id, year.enrolment.id))).not.toContain("Rewritten after");
  });

  it("keeps the panel's sample and the certificates beyond change: no update, and no truncation", async () => {
    expect(await failureOf(t.db.update(panels).set({ sample: [] }).where(eq(panels.id, panel.id)))).toMatch(
      /panels is append-only: UPDATE refused/,
    );
    expect(await failureOf(t.db.execute(sql`truncate certificates`))).toMatch(
      /certificates is append-only: TRUNCATE refused/,
    );
  });
});
