/**
 * The career record against a real database (ADR 025): it belongs to the person, so a leaver keeps
 * every record while the old employer's access ends with the membership (the database itself ends
 * the share); a programme lead reads only the records their current members have shared with them,
 * never a former member's and never another organisation's; a share is recorded, audited and
 * revocable; the PDF's code verifies and lists each verified award.
 */
import type { AppLoadContext } from "@remix-run/node";
import { and, asc, count, eq } from "drizzle-orm";
import {
  auditEvents,
  careerRecordIssues,
  careerShares,
  certificates,
  enrolments,
  memberships,
  panelOutcomes,
  panels,
  type organisations,
} from "#db/schema";
import * as careerPage from "~/routes/career";
import * as careerPdf from "~/routes/career[.]pdf";
import * as memberCareer from "~/routes/members.$membershipId.career";
import * as learnerPage from "~/routes/learners.$membershipId";
import * as verifyPage from "~/routes/verify";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeMembership, makeOrganisation, signedIn, type SignedIn } from "../support/fixtures";
import { writeTestManifest } from "../support/manifest";
import { pdfText } from "../support/pdf-text";
import { answerOf, get, post } from "../support/requests";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-career-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile, { programmes: ["asye", "cp-lead-practitioner", "return-to-social-work"] });

const t = withTestDatabase();
const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
type Org = typeof organisations.$inferSelect;

interface World {
  oldEmployer: Org;
  newEmployer: Org;
  elsewhere: Org;
  person: SignedIn;
  /** The person's memberships at the old and the new employer. */
  oldMembership: string;
  newMembership: string;
  oldLead: SignedIn;
  newLead: SignedIn;
  otherLead: SignedIn;
  newSupervisor: SignedIn;
  certificateCode: string;
}

/** A social worker who did their first year at one council (certified) and now works at another, on CP lead. */
async function world(): Promise<World> {
  const oldEmployer = await makeOrganisation(t.db, { name: "Riverside Borough Council" });
  const newEmployer = await makeOrganisation(t.db, { name: "Northmoor City Council" });
  const elsewhere = await makeOrganisation(t.db, { name: "Westmere County Council" });
  const person = await signedIn(t.db, newEmployer.id, "learner", "Bethan Morris");
  const [newMembership] = await t.db.select().from(memberships).where(eq(memberships.userId, person.userId));
  const old = await makeMembership(t.db, { userId: person.userId, organisationId: oldEmployer.id, role: "learner" });
  const oldLead = await signedIn(t.db, oldEmployer.id, "programme_lead", "Marcus Reid");
  const newLead = await signedIn(t.db, newEmployer.id, "programme_lead", "Priya Shah");
  const otherLead = await signedIn(t.db, elsewhere.id, "programme_lead", "Nia Roberts");
  const newSupervisor = await signedIn(t.db, newEmployer.id, "supervisor", "Daniel Okafor");
  const [year] = await t.db
    .insert(enrolments)
    .values({ userId: person.userId, programmeSlug: "asye", organisationId: oldEmployer.id, startedOn: "2014-09-01", pathway: "child-family" })
    .returning();
  await t.db.insert(enrolments).values({ userId: person.userId, programmeSlug: "cp-lead-practitioner", organisationId: newEmployer.id, startedOn: "2026-09-07" });
  const [panel] = await t.db
    .insert(panels)
    .values({
      organisationId: oldEmployer.id,
      programmeSlug: "asye",
      name: "September 2015",
      sampleShare: 0.25,
      seed: "career-test",
      sample: [{ enrolmentId: year!.id, recommendation: "pass" }],
      cases: [{ enrolmentId: year!.id, recommendation: "pass" }],
      chairId: oldLead.userId,
      createdById: oldLead.userId,
    })
    .returning();
  await t.db.insert(panelOutcomes).values({ panelId: panel!.id, enrolmentId: year!.id, step: "chair_signed", outcome: "agree", userId: oldLead.userId, role: "programme_lead" });
  const [cert] = await t.db
    .insert(certificates)
    .values({
      code: `PP-CARE-ERTE-${"ST" + String.fromCharCode(65 + Math.floor(Math.random() * 26)) + String.fromCharCode(65 + Math.floor(Math.random() * 26))}`,
      enrolmentId: year!.id,
      learnerName: "Bethan Morris",
      organisationName: oldEmployer.name,
      programmeTitle: "NQSW support programme (ASYE)",
      frameworks: "PCF",
      startedOn: "2014-09-01",
      endsOn: "2015-08-31",
      decidedOn: "2015-09-17",
      completedOn: "2015-09-17",
    })
    .returning();
  return {
    oldEmployer,
    newEmployer,
    elsewhere,
    person,
    oldMembership: old.id,
    newMembership: newMembership!.id,
    oldLead,
    newLead,
    otherLead,
    newSupervisor,
    certificateCode: cert!.code,
  };
}

const careerOf = async (person: SignedIn) =>
  (await careerPage.loader({ request: get(person, "/career"), params: {}, context })) as Awaited<ReturnType<typeof careerPage.loader>>;

const leadReads = (lead: SignedIn, membershipId: string) =>
  answerOf(() => memberCareer.loader({ request: get(lead, `/members/${membershipId}/career`), params: { membershipId }, context }));

const share = (person: SignedIn, organisationId: string, choice: "yes" | "no") =>
  answerOf(() => careerPage.action({ request: post(person, "/career", { organisationId, share: choice }), params: {}, context }));

const shareRows = (userId: string) =>
  t.db.select().from(careerShares).where(eq(careerShares.userId, userId)).orderBy(asc(careerShares.at));

test("the person's record holds every programme, with the certificate from a former employer and the path", async () => {
  const w = await world();
  const { record, shares } = await careerOf(w.person);
  expect(record.entries.map((e) => [e.title, e.organisationName, e.status])).toEqual([
    ["NQSW support programme (ASYE)", "Riverside Borough Council", "completed"],
    ["Child Protection Lead Practitioner", "Northmoor City Council", expect.stringMatching(/^(active|upcoming)$/)],
  ]);
  const asye = record.entries[0]!;
  expect(asye.awards).toEqual([
    expect.objectContaining({ code: w.certificateCode, by: "Riverside Borough Council", on: "2015-09-17", href: `/year/${asye.id}/certificate.pdf` }),
  ]);
  expect(asye.facts).toContainEqual({ label: "Moderation panel's outcome", value: expect.stringMatching(/^Passed/) });
  expect(record.path.stages.map((s) => [s.id, s.achieved])).toEqual([
    ["newly_qualified", true],
    ["experienced", true],
    ["advanced", false],
    ["lead", false],
  ]);
  expect(record.path.stages[3]!.workingTowards).toBe("Child Protection Lead Practitioner");
  // Both employers the person belongs to now, neither shared yet.
  expect(shares.map((s) => [s.organisationName, s.shared])).toEqual([
    ["Northmoor City Council", false],
    ["Riverside Borough Council", false],
  ]);
});

test("a lead reads only the records their current members have shared with them", async () => {
  const w = await world();
  // Not shared: the lead of the person's own employer is refused like anyone else.
  expect((await leadReads(w.newLead, w.newMembership)).status).toBe(404);
  expect(await share(w.person, w.newEmployer.id, "yes")).toMatchObject({ status: 302, location: "/career?shared=Northmoor%20City%20Council" });
  const read = (await memberCareer.loader({
    request: get(w.newLead, `/members/${w.newMembership}/career`),
    params: { membershipId: w.newMembership },
    context,
  })) as Awaited<ReturnType<typeof memberCareer.loader>>;
  expect(read.record.personName).toBe("Bethan Morris");
  // An employer reads the codes but downloads nothing of another employer's.
  expect(read.record.entries[0]!.awards[0]).toMatchObject({ code: w.certificateCode, href: null });
  // The old employer has not been shared with; another organisation's lead, even with the id, is refused.
  expect((await leadReads(w.oldLead, w.oldMembership)).status).toBe(404);
  expect((await leadReads(w.otherLead, w.newMembership)).status).toBe(404);
  expect((await leadReads(w.oldLead, w.newMembership)).status).toBe(404);
  // A supervisor of the same council is not the programme lead.
  expect((await leadReads(w.newSupervisor, w.newMembership)).status).toBe(403);
  // The person's page shows the lead the link, and only when shared.
  const page = (await learnerPage.loader({
    request: get(w.newLead, `/learners/${w.newMembership}`),
    params: { membershipId: w.newMembership },
    context,
  })) as Awaited<ReturnType<typeof learnerPage.loader>>;
  expect(page.careerHref).toBe(`/members/${w.newMembership}/career`);

  // Revocable: stopping ends the lead's access at once, and both choices are kept and audited.
  expect(await share(w.person, w.newEmployer.id, "no")).toMatchObject({ status: 302 });
  expect((await leadReads(w.newLead, w.newMembership)).status).toBe(404);
  expect((await shareRows(w.person.userId)).map((r) => [r.shared, r.reason, r.decidedById])).toEqual([
    [true, "chosen", w.person.userId],
    [false, "chosen", w.person.userId],
  ]);
  const audited = await t.db
    .select({ action: auditEvents.action, organisationId: auditEvents.organisationId })
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, w.person.userId))
    .orderBy(asc(auditEvents.id));
  expect(audited).toEqual([
    { action: "career.shared", organisationId: w.newEmployer.id },
    { action: "career.share_withdrawn", organisationId: w.newEmployer.id },
  ]);
  // Choosing what is in force already writes nothing.
  expect(await share(w.person, w.newEmployer.id, "no")).toMatchObject({ status: 302 });
  expect(await shareRows(w.person.userId)).toHaveLength(2);
});

test("a leaver keeps their career record, and the old employer loses access with the membership", async () => {
  const w = await world();
  await share(w.person, w.oldEmployer.id, "yes");
  expect((await leadReads(w.oldLead, w.oldMembership)).status).toBe(200);

  // The person leaves the old employer: the membership ends.
  await t.db.update(memberships).set({ active: false }).where(eq(memberships.id, w.oldMembership));

  expect((await leadReads(w.oldLead, w.oldMembership)).status).toBe(404);
  // The database ended the share as the membership ended, and said so in the old employer's trail.
  const rows = await shareRows(w.person.userId);
  expect(rows.at(-1)).toMatchObject({ organisationId: w.oldEmployer.id, shared: false, reason: "membership_ended", decidedById: null });
  const [ended] = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "career.share_ended"), eq(auditEvents.subjectId, w.person.userId)));
  expect(ended).toMatchObject({ organisationId: w.oldEmployer.id, subjectId: w.person.userId });

  // Every record stays with the person: the first year and its certificate from the old employer.
  const { record, shares } = await careerOf(w.person);
  expect(record.entries.map((e) => e.organisationName)).toEqual(["Riverside Borough Council", "Northmoor City Council"]);
  expect(record.awards.map((a) => a.code)).toEqual([w.certificateCode]);
  // The old employer is no longer among those they can share with, and sharing with it is refused.
  expect(shares.map((s) => s.organisationName)).toEqual(["Northmoor City Council"]);
  const refused = await share(w.person, w.oldEmployer.id, "yes");
  expect(refused.status).toBe(400);
  expect(refused.errors.organisationId).toMatch(/organisation you belong to now/);

  // Taken back on (the same membership made active again), the old employer still reads nothing
  // until the person chooses again.
  await t.db.update(memberships).set({ active: true }).where(eq(memberships.id, w.oldMembership));
  expect((await leadReads(w.oldLead, w.oldMembership)).status).toBe(404);
});

test("sharing with an organisation the person never belonged to is refused and writes nothing", async () => {
  const w = await world();
  const refused = await share(w.person, w.elsewhere.id, "yes");
  expect(refused.status).toBe(400);
  const bad = await share(w.person, "not-a-uuid", "maybe" as "yes");
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.errors).sort()).toEqual(["organisationId", "share"]);
  expect(await shareRows(w.person.userId)).toEqual([]);
});

test("share choices and issued career records are append-only at the database", async () => {
  const w = await world();
  await share(w.person, w.newEmployer.id, "yes");
  expect(await failureOf(t.db.update(careerShares).set({ shared: false }))).toMatch(/append-only/);
  expect(await failureOf(t.db.delete(careerShares))).toMatch(/append-only/);
  await careerPdf.loader({ request: get(w.person, "/career.pdf"), params: {}, context });
  expect(await failureOf(t.db.update(careerRecordIssues).set({ personName: "Someone else" }))).toMatch(/append-only/);
  expect(await failureOf(t.db.delete(careerRecordIssues))).toMatch(/append-only/);
});

test("the PDF carries a code that verifies and lists each verified award", async () => {
  const w = await world();
  const response = (await careerPdf.loader({ request: get(w.person, "/career.pdf"), params: {}, context })) as Response;
  expect(response.headers.get("Content-Type")).toBe("application/pdf");
  // Lines wrap at the page's width: read the text as one run of words.
  const text = (await pdfText(new Uint8Array(await response.arrayBuffer()))).join(" ").replace(/\s+/g, " ");
  const code = /Verification code (PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})/.exec(text)?.[1];
  expect(code).toBeTruthy();
  expect(text).toContain("Bethan Morris");
  expect(text).toContain(`Certificate: NQSW support programme (ASYE), Riverside Borough Council, 17 September 2015 (its own code ${w.certificateCode})`);
  expect(text).toContain("Lead: working towards it (Child Protection Lead Practitioner)");
  const [{ n }] = (await t.db.select({ n: count() }).from(careerRecordIssues).where(eq(careerRecordIssues.userId, w.person.userId))) as [{ n: number }];
  expect(n).toBe(1);
  const verified = (await verifyPage.loader({ request: get(null, `/verify?code=${code!.toLowerCase()}`), params: {}, context })) as Awaited<
    ReturnType<typeof verifyPage.loader>
  >;
  expect(verified.result).toMatchObject({ found: true, kind: "career record" });
  const result = verified.result as { learnerName: string; stage: string; awards: string[] };
  expect(result.learnerName).toBe("Bethan Morris");
  expect(result.stage).toMatch(/^Experienced/);
  expect(result.awards[0]).toContain(w.certificateCode);
  const [issued] = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "career.record_issued"), eq(auditEvents.subjectId, w.person.userId)));
  expect(issued).toMatchObject({ actorUserId: w.person.userId, subjectId: w.person.userId });
});
