/**
 * The audit trail as a lead and an admin read it, against a real database: events with the names
 * of who acted and whom they were about, resolved in one statement however many there are;
 * scoped to the reader's organisation (a platform admin: all, or one); filtered by person, kind
 * and England's days; paged.
 */
import { auditEvents, enrolments, learningAgreements } from "#db/schema";
import { withQueryTally } from "#db/query-count";
import { listAuditEvents, recordAudit } from "~/modules/audit/audit.server";
import { toAuditLine } from "~/modules/audit/trail.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-audit-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();

async function world() {
  const northmoor = await makeOrganisation(t.db, { name: "Northmoor City Council" });
  const riverside = await makeOrganisation(t.db, { name: "Riverside Borough Council" });
  const daniel = await makeUser(t.db, { name: "Daniel Okafor", email: "daniel.okafor@northmoor.example" });
  const zainab = await makeUser(t.db, { name: "Zainab Hussain", email: "zainab.hussain@northmoor.example" });
  const lukasz = await makeUser(t.db, { name: "Łukasz Wójcik", email: "lukasz@riverside.example" });
  await makeMembership(t.db, { userId: daniel.id, organisationId: northmoor.id, role: "supervisor" });
  await makeMembership(t.db, { userId: zainab.id, organisationId: northmoor.id, role: "learner" });
  const [year] = await t.db
    .insert(enrolments)
    .values({ userId: zainab.id, programmeSlug: "asye", organisationId: northmoor.id, supervisorId: daniel.id, startedOn: "2026-01-05" })
    .returning();
  const [agreement] = await t.db.insert(learningAgreements).values({ enrolmentId: year!.id, contentHash: "h1", updatedById: zainab.id }).returning();
  const asDaniel = { actorUserId: daniel.id, actorRole: "supervisor", organisationId: northmoor.id };
  await recordAudit({
    ...asDaniel,
    action: "review.approved",
    subjectType: "review",
    subjectId: "5b0e1a7a-8d0c-4a57-9d4c-2f1a7a0c6e11",
    detail: { enrolment: year!.id, review: "six-month", number: 2, outcome: "on_track", contentHash: "abc" },
  });
  // Reached through its subject: a learning agreement names no enrolment in its detail.
  await recordAudit({
    actorUserId: zainab.id,
    actorRole: "learner",
    organisationId: northmoor.id,
    action: "learning_agreement.signed",
    subjectType: "learning_agreement",
    subjectId: agreement!.id,
    detail: { version: 1, party: "learner" },
  });
  await recordAudit({
    actorUserId: lukasz.id,
    actorRole: "learner",
    organisationId: riverside.id,
    action: "evidence.created",
    subjectType: "evidence_item",
    subjectId: "not-a-uuid",
    detail: { enrolment: "not-a-uuid-either", kind: "written_work" },
  });
  return { northmoor, riverside, daniel, zainab, lukasz, year: year! };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  w = await world();
});

describe("the audit trail, read", () => {
  it("names who acted and whom it was about, in words, and only the reader's organisation", async () => {
    const lines = (await listAuditEvents({ organisationId: w.northmoor.id }, {}, { limit: 50 })).map(toAuditLine);
    expect(lines.map((l) => l.sentence)).toEqual([
      "Zainab Hussain signed version 1 of their learning agreement as NQSW",
      "Daniel Okafor approved Zainab Hussain's 6-month review (version 2): on track",
    ]);
    expect(lines[1]).toMatchObject({ who: "Daniel Okafor", role: "Practice supervisor", about: "Zainab Hussain", organisation: "Northmoor City Council" });
    const all = (await listAuditEvents({ everyOrganisation: true }, {}, { limit: 50 })).map(toAuditLine);
    expect(all.map((l) => l.sentence)).toContain("Łukasz Wójcik added an assessed written work to a learner's portfolio");
    const one = await listAuditEvents({ everyOrganisation: true, organisationId: w.riverside.id }, {}, { limit: 50 });
    expect(one.map((r) => r.action)).toEqual(["evidence.created"]);
  });

  it("finds events by part of the name or email of who acted or whom it was about", async () => {
    const scope = { organisationId: w.northmoor.id };
    const by = async (person: string) => (await listAuditEvents(scope, { person }, { limit: 50 })).map((r) => r.action);
    expect(await by("okafor")).toEqual(["review.approved"]);
    expect(await by("ZAINAB")).toEqual(["learning_agreement.signed", "review.approved"]);
    expect(await by("daniel.okafor@")).toEqual(["review.approved"]);
    expect(await by("%")).toEqual([]);
    expect(await by("nobody")).toEqual([]);
  });

  it("filters by kind of event and by England's days, both ends included", async () => {
    const org = await makeOrganisation(t.db);
    const at = (iso: string, action: string) =>
      t.db.insert(auditEvents).values({ at: new Date(iso), action, organisationId: org.id, actorUserId: w.daniel.id });
    // 23:30 UTC on 30 June is 00:30 on 1 July in England (summer time).
    await at("2026-06-30T23:30:00Z", "supervision.recorded");
    await at("2026-06-30T22:30:00Z", "workload.limit_set");
    await at("2026-07-31T22:59:00Z", "cohort.created");
    await at("2026-07-31T23:00:00Z", "panel.created");
    await at("2026-07-02T10:00:00Z", "learning_agreement.signed");
    const scope = { organisationId: org.id };
    const actions = async (filters: Parameters<typeof listAuditEvents>[1]) =>
      (await listAuditEvents(scope, filters, { limit: 50 })).map((r) => r.action);
    expect(await actions({ from: "2026-07-01", to: "2026-07-31" })).toEqual([
      "cohort.created",
      "learning_agreement.signed",
      "supervision.recorded",
    ]);
    expect(await actions({ kind: "supervision" })).toEqual(["supervision.recorded"]);
    expect(await actions({ kind: "reviews", from: "2026-07-01", to: "2026-08-01" })).toEqual(["panel.created"]);
    expect(await actions({ kind: "agreements" })).toEqual(["learning_agreement.signed"]);
  });

  it("reads any number of events in one statement, a page at a time", async () => {
    const org = await makeOrganisation(t.db);
    const people = await Promise.all(
      Array.from({ length: 30 }, (_, i) => makeUser(t.db, { name: `Learner ${String(i).padStart(2, "0")}` })),
    );
    await t.db.insert(auditEvents).values(
      people.map((p, i) => ({
        at: new Date(Date.UTC(2026, 0, 1, 0, i)),
        actorUserId: w.daniel.id,
        organisationId: org.id,
        action: "supervision.recorded",
        subjectType: "user",
        subjectId: p.id,
      })),
    );
    const tally = { count: 0 };
    const rows = await withQueryTally(() => listAuditEvents({ organisationId: org.id }, { kind: "supervision" }, { limit: 11, offset: 10 }), tally);
    expect(tally.count).toBe(1);
    expect(rows).toHaveLength(11);
    expect(rows[0]!.subjectName).toBe("Learner 19");
    expect(rows.every((r) => r.actorName === "Daniel Okafor")).toBe(true);
  });
});
