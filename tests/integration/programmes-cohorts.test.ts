import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { auditEvents, enrolments, type organisations } from "#db/schema";
import {
  createCohort,
  enrolLearner,
  findCohort,
  listCohortEnrolments,
  listCohorts,
  type Actor,
} from "~/modules/programmes/cohorts.server";
import type { Manifest, Programme } from "~/modules/programmes/content-schema";
import { listSupervisees } from "~/modules/organisations/memberships.server";
import { withTestDatabase } from "../support/database";
import { makeMembership, makeOrganisation, makeUser, requestFrom } from "../support/fixtures";

// The catalogue fixes the manifest's path when it is first imported: set it before any import.
const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-cohorts-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

const t = withTestDatabase();

function programme(slug: string): Programme {
  return {
    slug,
    title: `Programme ${slug}`,
    summary: "Summary",
    audience: "Audience",
    kind: "taught",
    lengthMonths: 12,
    price: null,
    selfEnrol: false,
    frameworks: ["PCF"],
    modules: [],
  };
}

const manifest: Manifest = {
  version: 1,
  builtAt: "2026-01-01T00:00:00.000Z",
  frameworks: [],
  programmes: [
    programme("asye"),
    programme("practice-supervision"),
    { ...programme("early-career"), title: "The ECDP", availableFrom: "2027-09-01" },
  ],
};

beforeAll(() => {
  writeFileSync(manifestFile, JSON.stringify(manifest));
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(path.dirname(manifestFile), { recursive: true, force: true });
});

type Org = typeof organisations.$inferSelect;
type Role = "learner" | "supervisor" | "programme_lead" | "team_manager";

async function person(org: Org, role: Role, values: { active?: boolean } = {}) {
  const user = await makeUser(t.db, { name: `${role} of ${org.name}` });
  await makeMembership(t.db, { userId: user.id, organisationId: org.id, role, active: values.active ?? true });
  return user;
}

async function leadOf(org: Org): Promise<Actor> {
  const lead = await person(org, "programme_lead");
  return { userId: lead.id, role: "programme_lead", organisationId: org.id, ipAddress: requestFrom().ipAddress };
}

async function cohortOf(actor: Actor, name: string, programmeSlug = "asye", startsOn = "2026-09-07") {
  const result = await createCohort(actor, { programmeSlug, name, startsOn });
  if (!result.ok) throw new Error(result.message);
  return result.cohort;
}

async function auditFor(subjectId: string) {
  return t.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId));
}

let north: Org;
let south: Org;
let northLead: Actor;
let southLead: Actor;

beforeAll(async () => {
  north = await makeOrganisation(t.db, { name: "Northmoor test council" });
  south = await makeOrganisation(t.db, { name: "Southbay test council" });
  northLead = await leadOf(north);
  southLead = await leadOf(south);
});

describe("creating a cohort", () => {
  it("creates it in the lead's organisation and records who did it", async () => {
    const result = await createCohort(northLead, {
      programmeSlug: "asye",
      name: "September 2026 NQSWs",
      startsOn: "2026-09-07",
    });
    expect(result).toMatchObject({
      ok: true,
      cohort: {
        organisationId: north.id,
        programmeSlug: "asye",
        name: "September 2026 NQSWs",
        startsOn: "2026-09-07",
        createdById: northLead.userId,
      },
    });
    if (!result.ok) return;
    expect(await findCohort(north.id, result.cohort.id)).toMatchObject({ id: result.cohort.id });
    expect(await findCohort(south.id, result.cohort.id)).toBeNull();
    expect(await auditFor(result.cohort.id)).toEqual([
      expect.objectContaining({
        action: "cohort.created",
        subjectType: "cohort",
        actorUserId: northLead.userId,
        actorRole: "programme_lead",
        organisationId: north.id,
        detail: { programme: "asye", name: "September 2026 NQSWs" },
        ipAddress: requestFrom().ipAddress,
      }),
    ]);
  });

  it("refuses a programme that is not in the catalogue", async () => {
    expect(
      await createCohort(northLead, { programmeSlug: "no-such-programme", name: "X", startsOn: "2026-09-07" }),
    ).toEqual({
      ok: false,
      field: "programmeSlug",
      message: "Choose a programme",
    });
  });
});

describe("a programme that starts on a set date (the ECDP, from 1 September 2027)", () => {
  it("refuses a cohort starting the day before, with a message by the start date, and creates nothing", async () => {
    const result = await createCohort(northLead, {
      programmeSlug: "early-career",
      name: "Too soon",
      startsOn: "2027-08-31",
    });
    expect(result).toMatchObject({ ok: false, field: "startsOn" });
    if (!result.ok) expect(result.message).toContain("on or after 1 September 2027");
    expect((await listCohorts(north.id)).map((c) => c.name)).not.toContain("Too soon");
  });

  it("accepts a cohort starting on 1 September 2027, and refuses an enrolment into it dated earlier", async () => {
    const cohort = await cohortOf(northLead, "September 2027 ECDP", "early-career", "2027-09-01");
    const learner = await person(north, "learner");
    const supervisor = await person(north, "supervisor");
    const early = await enrolLearner(northLead, cohort.id, {
      learnerId: learner.id,
      supervisorId: supervisor.id,
      startedOn: "2027-06-01",
    });
    expect(early).toMatchObject({ ok: false, field: "startedOn" });
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, learner.id))).toEqual([]);
    const onTime = await enrolLearner(northLead, cohort.id, {
      learnerId: learner.id,
      supervisorId: supervisor.id,
      startedOn: "2027-09-06",
    });
    expect(onTime).toMatchObject({ ok: true });
  });
});

describe("enrolling a learner into a cohort", () => {
  it("enrols a learner of the lead's organisation with a supervisor from it, and audits it", async () => {
    const cohort = await cohortOf(northLead, "North enrolment");
    const learner = await person(north, "learner");
    const supervisor = await person(north, "supervisor");
    const result = await enrolLearner(northLead, cohort.id, {
      learnerId: learner.id,
      supervisorId: supervisor.id,
      startedOn: "2026-09-07",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const [row] = await t.db.select().from(enrolments).where(eq(enrolments.id, result.enrolmentId));
    expect(row).toMatchObject({
      userId: learner.id,
      programmeSlug: "asye",
      organisationId: north.id,
      cohortId: cohort.id,
      supervisorId: supervisor.id,
      startedOn: "2026-09-07",
      enrolledById: northLead.userId,
      status: "active",
    });
    expect(await auditFor(result.enrolmentId)).toEqual([
      expect.objectContaining({
        action: "enrolment.created",
        subjectType: "enrolment",
        actorUserId: northLead.userId,
        organisationId: north.id,
        detail: { programme: "asye", learner: learner.id, supervisor: supervisor.id, teamManager: null },
      }),
    ]);
    expect(await listCohortEnrolments(cohort.id)).toEqual([
      expect.objectContaining({ enrolmentId: result.enrolmentId, userId: learner.id, supervisorName: supervisor.name }),
    ]);
  });

  it("names the year's team manager from the organisation's team managers, or leaves it to be named later", async () => {
    const cohort = await cohortOf(northLead, "North cohort with a team manager");
    const learner = await person(north, "learner");
    const supervisor = await person(north, "supervisor");
    const manager = await person(north, "team_manager");
    const input = { learnerId: learner.id, supervisorId: supervisor.id, startedOn: "2026-09-07" };
    for (const [teamManagerId, why] of [
      [(await person(south, "team_manager")).id, "another council's team manager"],
      [supervisor.id, "a supervisor, not a team manager"],
      [(await person(north, "team_manager", { active: false })).id, "a team manager who has left"],
    ] as const)
      expect(await enrolLearner(northLead, cohort.id, { ...input, teamManagerId }), why).toEqual({
        ok: false,
        field: "teamManagerId",
        message: "Choose a team manager from your organisation",
      });
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, learner.id))).toEqual([]);
    const result = await enrolLearner(northLead, cohort.id, { ...input, teamManagerId: manager.id });
    expect(result).toMatchObject({ ok: true, teamManagerNamed: true });
    if (!result.ok) return;
    const [row] = await t.db.select().from(enrolments).where(eq(enrolments.id, result.enrolmentId));
    expect(row!.teamManagerId).toBe(manager.id);
    expect((await auditFor(result.enrolmentId))[0]!.detail).toMatchObject({ teamManager: manager.id });
    expect(await listCohortEnrolments(cohort.id)).toEqual([
      expect.objectContaining({ teamManagerName: manager.name, supervisorName: supervisor.name }),
    ]);
    const later = await enrolLearner(northLead, cohort.id, {
      learnerId: (await person(north, "learner")).id,
      supervisorId: supervisor.id,
      teamManagerId: null,
      startedOn: "2026-09-07",
    });
    expect(later).toMatchObject({ ok: true, teamManagerNamed: false });
  });

  it("refuses a learner from another organisation", async () => {
    const cohort = await cohortOf(northLead, "North cohort, southern learner");
    const outsider = await person(south, "learner");
    const supervisor = await person(north, "supervisor");
    expect(
      await enrolLearner(northLead, cohort.id, {
        learnerId: outsider.id,
        supervisorId: supervisor.id,
        startedOn: "2026-09-07",
      }),
    ).toEqual({ ok: false, field: "learnerId", message: "Choose a learner from your organisation" });
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, outsider.id))).toEqual([]);
  });

  it("refuses someone of the organisation who is not an active learner there", async () => {
    const cohort = await cohortOf(northLead, "North cohort, not learners");
    const supervisor = await person(north, "supervisor");
    const leaver = await person(north, "learner", { active: false });
    const colleague = await person(north, "supervisor");
    for (const learnerId of [leaver.id, colleague.id, "00000000-0000-4000-8000-000000000000"]) {
      expect(
        await enrolLearner(northLead, cohort.id, { learnerId, supervisorId: supervisor.id, startedOn: "2026-09-07" }),
      ).toMatchObject({
        ok: false,
        field: "learnerId",
      });
    }
  });

  it("refuses a supervisor from another organisation", async () => {
    const cohort = await cohortOf(northLead, "North cohort, southern supervisor");
    const learner = await person(north, "learner");
    const outsider = await person(south, "supervisor");
    expect(
      await enrolLearner(northLead, cohort.id, {
        learnerId: learner.id,
        supervisorId: outsider.id,
        startedOn: "2026-09-07",
      }),
    ).toEqual({ ok: false, field: "supervisorId", message: "Choose a practice supervisor from your organisation" });
    // Nor a fellow learner standing in as supervisor.
    const peer = await person(north, "learner");
    expect(
      await enrolLearner(northLead, cohort.id, {
        learnerId: learner.id,
        supervisorId: peer.id,
        startedOn: "2026-09-07",
      }),
    ).toMatchObject({ ok: false, field: "supervisorId" });
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, learner.id))).toEqual([]);
  });

  it("refuses to enrol into another organisation's cohort, even that organisation's own people", async () => {
    const southCohort = await cohortOf(southLead, "Southbay cohort");
    const southLearner = await person(south, "learner");
    const southSupervisor = await person(south, "supervisor");
    const northLearner = await person(north, "learner");
    const northSupervisor = await person(north, "supervisor");
    for (const input of [
      { learnerId: northLearner.id, supervisorId: northSupervisor.id },
      { learnerId: southLearner.id, supervisorId: southSupervisor.id },
    ]) {
      expect(await enrolLearner(northLead, southCohort.id, { ...input, startedOn: "2026-09-07" })).toEqual({
        ok: false,
        field: "learnerId",
        message: "That cohort is not in your organisation",
      });
    }
    expect(await listCohortEnrolments(southCohort.id)).toEqual([]);
  });

  it("refuses to enrol a learner twice on the same programme, and audits only the first", async () => {
    const first = await cohortOf(northLead, "Duplicate A");
    const second = await cohortOf(northLead, "Duplicate B");
    const learner = await person(north, "learner");
    const supervisor = await person(north, "supervisor");
    const input = { learnerId: learner.id, supervisorId: supervisor.id, startedOn: "2026-09-07" };
    const ok = await enrolLearner(northLead, first.id, input);
    expect(ok.ok).toBe(true);
    const expected = { ok: false, field: "learnerId", message: "This learner is already on this programme" };
    expect(await enrolLearner(northLead, first.id, input)).toEqual(expected);
    expect(await enrolLearner(northLead, second.id, input)).toEqual(expected);
    const rows = await t.db.select().from(enrolments).where(eq(enrolments.userId, learner.id));
    expect(rows.map((r) => r.cohortId)).toEqual([first.id]);
    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "enrolment.created"));
    expect(audited.filter((e) => (e.detail as { learner?: string }).learner === learner.id)).toHaveLength(1);
  });

  it("enrols a withdrawn learner again, into the new cohort with the new supervisor", async () => {
    const first = await cohortOf(northLead, "Returning A");
    const second = await cohortOf(northLead, "Returning B");
    const learner = await person(north, "learner");
    const supervisor = await person(north, "supervisor");
    const other = await person(north, "supervisor");
    const ok = await enrolLearner(northLead, first.id, {
      learnerId: learner.id,
      supervisorId: supervisor.id,
      startedOn: "2026-09-07",
    });
    expect(ok.ok).toBe(true);
    await t.db.update(enrolments).set({ status: "withdrawn" }).where(eq(enrolments.userId, learner.id));
    const again = await enrolLearner(northLead, second.id, {
      learnerId: learner.id,
      supervisorId: other.id,
      startedOn: "2027-01-11",
    });
    expect(again.ok).toBe(true);
    const [row] = await t.db.select().from(enrolments).where(eq(enrolments.userId, learner.id));
    expect(row).toMatchObject({
      status: "active",
      cohortId: second.id,
      supervisorId: other.id,
      startedOn: "2027-01-11",
    });
  });
});

describe("the supervisor chosen at enrolment", () => {
  it("becomes the learner's practice supervisor, so the learner is on that supervisor's list", async () => {
    const cohort = await cohortOf(northLead, "Supervised");
    const learner = await person(north, "learner");
    const supervisor = await person(north, "supervisor");
    expect(await listSupervisees(north.id, supervisor.id)).toEqual([]);
    const ok = await enrolLearner(northLead, cohort.id, {
      learnerId: learner.id,
      supervisorId: supervisor.id,
      startedOn: "2026-09-07",
    });
    expect(ok.ok).toBe(true);
    expect((await listSupervisees(north.id, supervisor.id)).map((p) => p.userId)).toEqual([learner.id]);
  });
});

describe("listing cohorts", () => {
  it("lists only the organisation's cohorts, in start order, counting active learners", async () => {
    const org = await makeOrganisation(t.db, { name: "Counting council" });
    const lead = await leadOf(org);
    const other = await makeOrganisation(t.db);
    await cohortOf(await leadOf(other), "Someone else's cohort");

    const later = await cohortOf(lead, "B later", "asye", "2027-01-11");
    const earlier = await cohortOf(lead, "A earlier", "practice-supervision", "2026-09-07");
    const empty = await cohortOf(lead, "C empty", "asye", "2027-01-11");
    const supervisor = await person(org, "supervisor");
    const enrolled: string[] = [];
    for (let i = 0; i < 3; i++) {
      const learner = await person(org, "learner");
      const result = await enrolLearner(lead, later.id, {
        learnerId: learner.id,
        supervisorId: supervisor.id,
        startedOn: "2027-01-11",
      });
      if (!result.ok) throw new Error(result.message);
      enrolled.push(result.enrolmentId);
    }
    const one = await person(org, "learner");
    await enrolLearner(lead, earlier.id, { learnerId: one.id, supervisorId: supervisor.id, startedOn: "2026-09-07" });
    // A withdrawn learner no longer counts.
    await t.db.update(enrolments).set({ status: "withdrawn" }).where(eq(enrolments.id, enrolled[0]!));

    expect(await listCohorts(org.id)).toEqual([
      { id: earlier.id, name: "A earlier", programmeSlug: "practice-supervision", startsOn: "2026-09-07", learners: 1 },
      { id: later.id, name: "B later", programmeSlug: "asye", startsOn: "2027-01-11", learners: 2 },
      { id: empty.id, name: "C empty", programmeSlug: "asye", startsOn: "2027-01-11", learners: 0 },
    ]);
    expect(await listCohortEnrolments(later.id)).toHaveLength(2);
  });
});
