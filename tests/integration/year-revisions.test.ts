/**
 * A year's revision, kept by triggers in the database, and what is kept in memory against it:
 * every write to a year's records moves its revision in the same transaction (and nothing else's),
 * a write that is rolled back moves nothing, and the supervisor's desk shows a change the moment
 * it is saved while reading again what has not changed costs no queries.
 */
import { format, subDays, subMonths } from "date-fns";
import { eq, inArray } from "drizzle-orm";
import { withQueryTally, type QueryTally } from "#db/query-count";
import { enrolments, learningAgreements, learningAgreementSignatures, supervisionSessions, yearRevisions } from "#db/schema";
import { yearSummaries } from "~/modules/first-year/summary.server";
import { createEvidence, reviseEvidence } from "~/modules/portfolio/portfolio.server";
import { keptAgreementSummaries } from "~/modules/first-year/overview.server";
import { enrolmentsWithLessons, listOrganisationEnrolments } from "~/modules/programmes/learning.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-revisions-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();
const day = (d: Date) => format(d, "yyyy-MM-dd");

async function world() {
  const org = await makeOrganisation(t.db);
  const supervisor = await makeUser(t.db, { name: "Daniel Okafor" });
  await makeMembership(t.db, { userId: supervisor.id, organisationId: org.id, role: "supervisor" });
  const years = [];
  for (const name of ["Amara Nwosu", "Tom Gallagher"]) {
    const learner = await makeUser(t.db, { name });
    const startedOn = day(subMonths(new Date(), 4));
    await makeMembership(t.db, { userId: learner.id, organisationId: org.id, role: "learner", stage: "nqsw", startedOn, supervisorId: supervisor.id });
    const [year] = await t.db
      .insert(enrolments)
      .values({ userId: learner.id, programmeSlug: "asye", organisationId: org.id, supervisorId: supervisor.id, startedOn, pathway: "child-family" })
      .returning();
    years.push({ learner, year: year! });
  }
  return { org, supervisor, amara: years[0]!, tom: years[1]! };
}

async function revisionOf(enrolmentId: string) {
  const [row] = await t.db.select().from(yearRevisions).where(eq(yearRevisions.enrolmentId, enrolmentId));
  return row?.revision ?? 0;
}

const reflection = (title: string) => ({
  title,
  occurredOn: day(subDays(new Date(), 2)),
  body: "What happened, what I learned, and what I will do next time.",
  capabilities: ["PCF-1", "PCF-6"],
  details: {},
});

describe("a year's revision", () => {
  test("moves with every write to the year's records, in the same transaction, and no one else's", async () => {
    const { amara, tom } = await world();
    expect(await revisionOf(amara.year.id)).toBe(0);

    const actor = { userId: amara.learner.id, role: "learner", organisationId: amara.year.organisationId };
    const created = await createEvidence(amara.year.id, actor, "reflective_log", reflection("First home visit"));
    const afterEvidence = await revisionOf(amara.year.id);
    expect(afterEvidence).toBeGreaterThan(0);

    await reviseEvidence(amara.year.id, created!.id, actor, 1, reflection("First home visit, with the family's words"));
    expect(await revisionOf(amara.year.id)).toBeGreaterThan(afterEvidence);

    // One statement writing to two years moves each once.
    const beforeBulk = { amara: await revisionOf(amara.year.id), tom: await revisionOf(tom.year.id) };
    await t.db.insert(supervisionSessions).values(
      [amara, tom].map((p) => ({
        enrolmentId: p.year.id,
        heldOn: day(subDays(new Date(), 7)),
        minutes: 60,
        kind: "one_to_one" as const,
        agenda: "Caseload",
        discussion: "The week's visits",
        decisions: "",
        recordedById: p.learner.id,
      })),
    );
    expect(await revisionOf(amara.year.id)).toBe(beforeBulk.amara + 1);
    expect(await revisionOf(tom.year.id)).toBe(beforeBulk.tom + 1);

    // A signature names its agreement, not the year: the year's revision moves all the same.
    const [agreement] = await t.db
      .insert(learningAgreements)
      .values({ enrolmentId: tom.year.id, contentHash: "hash-1" })
      .returning();
    const beforeSignature = await revisionOf(tom.year.id);
    await t.db.insert(learningAgreementSignatures).values({
      agreementId: agreement!.id,
      version: 1,
      contentHash: "hash-1",
      party: "learner",
      userId: tom.learner.id,
    });
    expect(await revisionOf(tom.year.id)).toBe(beforeSignature + 1);
    expect(await revisionOf(amara.year.id)).toBe(beforeBulk.amara + 1);
  });

  test("does not move when the write is rolled back", async () => {
    const { amara } = await world();
    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(supervisionSessions).values({
          enrolmentId: amara.year.id,
          heldOn: day(new Date()),
          minutes: 30,
          kind: "one_to_one",
          agenda: "",
          discussion: "",
          decisions: "",
          recordedById: amara.learner.id,
        });
        throw new Error("cut off half-way");
      }),
    ).rejects.toThrow("cut off half-way");
    expect(await revisionOf(amara.year.id)).toBe(0);
  });
});

describe("the desk's line for each year, kept against the revision", () => {
  const desk = async (orgId: string, userIds: string[]) => {
    const tally: QueryTally = { count: 0 };
    const years = await withQueryTally(async () => yearSummaries(await listOrganisationEnrolments(orgId, userIds), new Date(), "supervisor"), tally);
    return { years, queries: tally.count };
  };

  test("shows new evidence as soon as it is saved, and reads nothing more while nothing changes", async () => {
    const { org, amara, tom } = await world();
    const people = [amara.learner.id, tom.learner.id];
    const first = await desk(org.id, people);
    const before = first.years.get(amara.year.id)!;
    expect(before.evidencePercent).toBe(0);

    const again = await desk(org.id, people);
    // Only the enrolments (with their revisions) are read; each line is the one already worked out.
    expect(again.queries).toBe(1);
    expect(again.years.get(amara.year.id)).toBe(before);
    expect(first.queries).toBeGreaterThan(again.queries);

    await createEvidence(
      amara.year.id,
      { userId: amara.learner.id, role: "learner", organisationId: org.id },
      "reflective_log",
      reflection("Working with the family's own plan"),
    );
    const after = await desk(org.id, people);
    expect(after.years.get(amara.year.id)!.evidencePercent).toBeGreaterThan(0);
    expect(after.years.get(amara.year.id)!.waiting.map((w) => w.text).join(" ")).toMatch(/evidence/i);
    // Tom's year did not change: his line is the one kept.
    expect(after.years.get(tom.year.id)).toBe(first.years.get(tom.year.id));
  });

  test("is worked out again when the enrolment itself changes (a pause, part-time working)", async () => {
    const { org, amara } = await world();
    const first = await desk(org.id, [amara.learner.id]);
    await t.db.update(enrolments).set({ fte: 0.5 }).where(inArray(enrolments.id, [amara.year.id]));
    const after = await desk(org.id, [amara.learner.id]);
    expect(after.years.get(amara.year.id)).not.toBe(first.years.get(amara.year.id));
    expect(after.queries).toBeGreaterThan(1);
  });
});

describe("the learner's start page: their learning agreement's state, kept against the revision", () => {
  const startPage = async (userId: string) => {
    const tally: QueryTally = { count: 0 };
    const agreements = await withQueryTally(async () => keptAgreementSummaries((await enrolmentsWithLessons(userId)).enrolments, new Date()), tally);
    return { agreements, queries: tally.count };
  };

  test("reads the agreements again only once the year has changed, and shows the change at once", async () => {
    const { tom } = await world();
    const first = await startPage(tom.learner.id);
    expect(first.agreements.get(tom.year.id)).toMatchObject({ written: false });
    expect(first.queries).toBe(2);

    const again = await startPage(tom.learner.id);
    expect(again.queries).toBe(1);
    expect(again.agreements.get(tom.year.id)).toBe(first.agreements.get(tom.year.id));

    await t.db.insert(learningAgreements).values({ enrolmentId: tom.year.id, contentHash: "hash-1" });
    const after = await startPage(tom.learner.id);
    expect(after.agreements.get(tom.year.id)).toMatchObject({ written: true });
    expect(after.queries).toBe(2);
  });
});
