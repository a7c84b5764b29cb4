import { and, count, eq, notInArray } from "drizzle-orm";
import type { Database, DatabaseHandle } from "#db/client";
import {
  candidateNumbers,
  cohorts,
  courseworkAssignments,
  courseworkExaminers,
  enrolments,
  learningAgreements,
  learningAgreementSignatures,
  lessonProgress,
  memberships,
  sharedSessionRegister,
  organisations,
  signoffs,
  users,
} from "#db/schema";
import { DEMO_PASSWORD, DEMO_PEOPLE, PARTNERS, seedDemoWorld, seedIfEmpty, teamManagerOf } from "#db/seed/demo-world";
import { SOPHIE } from "#db/seed/demo-shared-sessions";
import { findEvidence, listEvidence } from "~/modules/portfolio/portfolio.server";
import { sessionRecord, sessionsFor } from "~/modules/shared-sessions/sessions.server";
import { BETHAN, BETHAN_MEMBERSHIPS } from "#db/seed/demo-career";
import { signIn } from "~/modules/auth/accounts.server";
import { boardFor } from "~/modules/masters/board.server";
import { marksReleased } from "~/modules/masters/release.server";
import { passwordProblem } from "~/modules/auth/password-policy.server";
import { firstYearPosition } from "~/modules/first-year/position";
import { createTestDatabase, withTestDatabase } from "../support/database";
import { requestFrom } from "../support/fixtures";

const t = withTestDatabase();

async function counts(db: Database) {
  const [o] = await db.select({ n: count() }).from(organisations);
  const [u] = await db.select({ n: count() }).from(users);
  const [m] = await db.select({ n: count() }).from(memberships);
  return { organisations: o?.n ?? 0, users: u?.n ?? 0, memberships: m?.n ?? 0 };
}

/**
 * The NQSW memberships as seeded, with the month DEMO_PEOPLE says each should be in: those still in
 * their year (Westmere's NQSWs, past their final assessment, are checked apart).
 */
async function seededNqsws(db: Database, { pastTheirYear = false } = {}) {
  const rows = await db
    .select({ email: users.email, startedOn: memberships.startedOn })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.stage, "nqsw"));
  return rows.map((r) => {
    const declared = DEMO_PEOPLE.find((p) => p.email === r.email)?.memberships.find((m) => m.stage === "nqsw");
    return { ...r, declared, monthsIn: declared?.monthsIn, pastTheirYear: !!declared?.finalRecommendation };
    // Bethan Morris's first year (2014, at Riverside) is her career record's history, not a demo NQSW's.
  }).filter((n) => n.declared && n.pastTheirYear === pastTheirYear);
}

describe("the demo world", () => {
  let seededAt: Date;

  beforeAll(async () => {
    seededAt = new Date();
    expect(await seedIfEmpty(t.db)).toBe(true);
  });

  it("has every demo person, once, in every organisation", async () => {
    const totalMemberships = DEMO_PEOPLE.reduce((n, p) => n + p.memberships.length, 0);
    // And Bethan Morris, whose career record (db/seed/demo-career.ts) spans three organisations.
    expect(await counts(t.db)).toEqual({
      organisations: 7,
      users: DEMO_PEOPLE.length + 1,
      memberships: totalMemberships + BETHAN_MEMBERSHIPS,
    });
  });

  it("has Hannah Clarke's first Masters assignment open, due in the future, with her candidate number", async () => {
    const [hannah] = await t.db
      .select({ enrolmentId: enrolments.id, cohortId: enrolments.cohortId })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .where(eq(users.email, "hannah.clarke@eastbridge.example"));
    expect(hannah?.cohortId).toBeTruthy();
    const assignments = await t.db.select().from(courseworkAssignments).where(eq(courseworkAssignments.cohortId, hannah!.cohortId!));
    const open = assignments.filter((a) => a.deadline.getTime() > seededAt.getTime());
    expect(open.map((a) => [a.moduleSlug, a.wordLimit])).toEqual([["critical-practice-and-research-mindedness", 6000]]);
    const [number] = await t.db.select().from(candidateNumbers).where(eq(candidateNumbers.enrolmentId, hannah!.enrolmentId));
    expect(number?.number).toMatch(/^C\d{6}$/);
  });

  it("has an Eastbridge cohort at each stage: handed in, first-marked, second-marked and the board done, in the past", async () => {
    const [lead] = await t.db
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "simon.fairweather@eastbridge.example"));
    /** The assignment of the cohort a learner of the intake is on: one assignment per earlier intake. */
    const intakeOf = async (email: string) => {
      const rows = await t.db
        .select({ assignment: courseworkAssignments, cohortName: cohorts.name })
        .from(courseworkAssignments)
        .innerJoin(cohorts, eq(cohorts.id, courseworkAssignments.cohortId))
        .innerJoin(enrolments, eq(enrolments.cohortId, cohorts.id))
        .innerJoin(users, eq(users.id, enrolments.userId))
        .where(eq(users.email, email));
      expect(rows).toHaveLength(1);
      return rows[0]!;
    };
    const stage = async (email: string) => {
      const { assignment } = await intakeOf(email);
      const board = await boardFor(lead!.organisationId, assignment.id, t.db);
      return {
        assignment,
        module: assignment.moduleSlug,
        marks: board!.rows.map((r) => r.mark?.state ?? "not-handed-in"),
        attempt: board!.attempt,
        refusal: board!.refusal,
        decisions: board!.decisions,
        confirmed: board!.decisions.flatMap((d) => d.rows.map((r) => r.confirmed!.mark)).sort(),
      };
    };
    const submitted = await stage("amy.jordan@eastbridge.example");
    expect(submitted.module).toBe("practice-research-dissertation");
    expect(submitted.marks).toEqual(Array(4).fill("not-marked"));
    expect(submitted.assignment.deadline.getTime()).toBeLessThan(seededAt.getTime());
    const firstMarked = await stage("tariq.aziz@eastbridge.example");
    expect(firstMarked.module).toBe("evidence-informed-assessment");
    expect(firstMarked.marks).toEqual(Array(5).fill("sample-not-drawn"));
    expect(firstMarked.refusal).toMatch(/cannot confirm/);
    const secondMarked = await stage("nadia.karim@eastbridge.example");
    expect(secondMarked.module).toBe("practice-education-and-supervision");
    expect(secondMarked.marks).toEqual(Array(5).fill("ready"));
    expect(secondMarked.refusal).toBeNull();
    expect(secondMarked.attempt).toBe(1);
    const boardDone = await stage("oliver.grant@eastbridge.example");
    expect(boardDone.module).toBe("leading-practice-and-change");
    expect(boardDone.confirmed).toEqual([44, 55, 61, 68, 73]);
    // The board sat in the past, after the deadline; Oliver's one resubmission is the lead's to open.
    const [decision] = boardDone.decisions;
    expect(decision!.decidedAt.getTime()).toBeLessThan(seededAt.getTime() - 30 * 86_400_000);
    expect(decision!.decidedAt.getTime()).toBeGreaterThan(boardDone.assignment.deadline.getTime());
    expect(boardDone.attempt).toBeNull();
    expect(decision!.rows.find((r) => r.name === "Oliver Grant")!.next).toEqual({ kind: "can-open", attempt: 2 });
    expect(await marksReleased(boardDone.assignment.id)).toBe(true);
    expect(await marksReleased(secondMarked.assignment.id)).toBe(false);
    // Five cohorts, each named by its own intake, Hannah's the newest.
    const eastbridgeCohorts = await t.db.select().from(cohorts).where(eq(cohorts.organisationId, lead!.organisationId));
    expect(new Set(eastbridgeCohorts.map((c) => c.name)).size).toBe(5);
    const hannahs = await t.db
      .select({ cohortId: enrolments.cohortId })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId))
      .where(eq(users.email, "hannah.clarke@eastbridge.example"));
    expect(eastbridgeCohorts.sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0]!.id).toBe(hannahs[0]!.cohortId);
    // The external examiner examines the Masters at Eastbridge.
    const [examiner] = await t.db
      .select({ programmeSlug: courseworkExaminers.programmeSlug })
      .from(courseworkExaminers)
      .innerJoin(memberships, eq(memberships.id, courseworkExaminers.membershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, "grace.adebayo@eastbridge.example"));
    expect(examiner?.programmeSlug).toBe("masters");
  });

  it("is left as it is by seeding again, by either entry point", async () => {
    const before = await counts(t.db);
    const membershipsBefore = await t.db.select().from(memberships);
    expect(await seedIfEmpty(t.db)).toBe(false);
    await seedDemoWorld(t.db, new Date(2030, 0, 15));
    expect(await counts(t.db)).toEqual(before);
    // Nothing was rewritten either: start dates still follow the first seeding.
    const membershipsAfter = await t.db.select().from(memberships);
    expect(membershipsAfter.map((m) => [m.id, m.startedOn]).sort()).toEqual(
      membershipsBefore.map((m) => [m.id, m.startedOn]).sort(),
    );
  });

  it("puts each NQSW at a different month of their first year, as DEMO_PEOPLE describes", async () => {
    const nqsws = await seededNqsws(t.db);
    expect(nqsws.length).toBeGreaterThanOrEqual(6);
    const months = nqsws.map((n) => firstYearPosition(n.startedOn!, seededAt).month);
    expect(months).toEqual(nqsws.map((n) => n.monthsIn));
    expect(new Set(months).size).toBe(nqsws.length);
    expect(Math.min(...months)).toBe(1);
    expect(Math.max(...months)).toBe(12);
    for (const n of nqsws) expect(firstYearPosition(n.startedOn!, seededAt).started).toBe(true);
    // Westmere's four are a month past the end of their year, ready for a moderation round.
    const past = await seededNqsws(t.db, { pastTheirYear: true });
    expect(past).toHaveLength(4);
    for (const n of past) expect(firstYearPosition(n.startedOn!, seededAt)).toMatchObject({ month: 12, complete: true });
  });

  it("lets demo people sign in with the demo password", async () => {
    const lead = await signIn("priya.shah@northmoor.example", DEMO_PASSWORD, requestFrom());
    expect(lead).toMatchObject({ ok: true, membershipCount: 1 });
    const twoRoles = await signIn("helen.marsh@northmoor.example", DEMO_PASSWORD, requestFrom());
    expect(twoRoles).toMatchObject({ ok: true, membershipCount: 2 });
  });

  it("names a team manager of the NQSW's own team on every assessed year, who signed every signed agreement", async () => {
    const all = await t.db
      .select({
        learner: users.email,
        teamManagerId: enrolments.teamManagerId,
        id: enrolments.id,
        programme: enrolments.programmeSlug,
      })
      .from(enrolments)
      .innerJoin(users, eq(users.id, enrolments.userId));
    const years = all.filter((y) => y.programme === "asye" && y.learner !== BETHAN);
    expect(years.length).toBeGreaterThanOrEqual(14);
    const emailOf = new Map((await t.db.select().from(users)).map((u) => [u.id, u.email]));
    for (const y of years) {
      const member = DEMO_PEOPLE.find((p) => p.email === y.learner)!.memberships[0]!;
      expect(emailOf.get(y.teamManagerId!), y.learner).toBe(teamManagerOf(member.org, member.team));
    }
    const signatures = await t.db
      .select({
        party: learningAgreementSignatures.party,
        userId: learningAgreementSignatures.userId,
        enrolmentId: learningAgreements.enrolmentId,
      })
      .from(learningAgreementSignatures)
      .innerJoin(learningAgreements, eq(learningAgreements.id, learningAgreementSignatures.agreementId));
    expect(signatures.some((s) => s.party === "programme_lead")).toBe(false);
    const managed = signatures.filter((s) => s.party === "team_manager");
    expect(managed.length).toBe(signatures.length / 3);
    for (const s of managed) expect(s.userId).toBe(all.find((y) => y.id === s.enrolmentId)!.teamManagerId);
    // Every countersignature is the year's team manager's too.
    const countersigned = await t.db
      .select({ userId: signoffs.userId, role: signoffs.role, teamManagerId: enrolments.teamManagerId })
      .from(signoffs)
      .innerJoin(enrolments, eq(enrolments.id, signoffs.enrolmentId))
      .where(eq(signoffs.step, "countersignature"));
    expect(countersigned.length).toBeGreaterThan(10);
    for (const c of countersigned) expect(c).toMatchObject({ userId: c.teamManagerId, role: "team_manager" });
  });

  it("has Sophie part-way through CP lead, with two shared sessions attended as evidence, one with police and health there", async () => {
    const [sophie] = await t.db.select().from(users).where(eq(users.email, SOPHIE));
    const [enrolment] = await t.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.userId, sophie!.id), eq(enrolments.programmeSlug, "cp-lead-practitioner")));
    expect(enrolment).toBeDefined();
    const lessons = await t.db.select().from(lessonProgress).where(eq(lessonProgress.enrolmentId, enrolment!.id));
    expect(lessons.length).toBeGreaterThan(0);
    // Her sessions, with her attendance as the register stands.
    const [membership] = await t.db.select().from(memberships).where(eq(memberships.userId, sophie!.id));
    const sessions = await sessionsFor(sophie!.id, membership!.organisationId);
    const attended = sessions.filter((s) => s.attendance === "attended");
    expect(attended).toHaveLength(2);
    expect(sessions.some((s) => s.startsAt > seededAt && !s.attendance)).toBe(true);
    // One of them with a police partner and a health partner attending.
    const withBoth = [];
    for (const s of attended) {
      const record = await sessionRecord(s.id);
      const there = record.invitees.filter((i) => i.party === "partner" && record.latest.get(i.userId!)?.status === "attended").map((i) => i.agencyKind);
      if (there.includes("police") && there.includes("health")) withBoth.push(s.id);
      expect(record.materials.length).toBeGreaterThan(0);
    }
    expect(withBoth).toHaveLength(1);
    // Her attendance is evidence for CPL-2.5 on her assessment page, bound to the register entry.
    const evidence = (await listEvidence(enrolment!.id)).filter((e) => e.kind === "shared_session");
    expect(evidence).toHaveLength(2);
    for (const e of evidence) expect(e.capabilities).toEqual(["CPL-2.5"]);
    const item = await findEvidence(enrolment!.id, evidence[0]!.id);
    const entryId = item!.versions[0]!.version.details.registerEntry;
    const [entry] = await t.db.select().from(sharedSessionRegister).where(eq(sharedSessionRegister.id, entryId!));
    expect(entry).toMatchObject({ userId: sophie!.id, status: "attended" });
  });

  it("has a police and a health partner at Northmoor, who sign in with the demo password", async () => {
    for (const [kind, email] of Object.entries(PARTNERS)) {
      const [m] = await t.db
        .select({ role: memberships.role, agencyKind: memberships.agencyKind, agency: memberships.agency })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, email));
      expect(m).toMatchObject({ role: "partner", agencyKind: kind });
      expect(m!.agency).toBeTruthy();
      expect(await signIn(email, DEMO_PASSWORD, requestFrom())).toMatchObject({ ok: true, membershipCount: 1 });
    }
  });

  it("uses a demo password that the app's own password rules would accept", () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });
});

describe("the demo world seeded on awkward dates", () => {
  // Month ends and a leap day, where "N months ago" is easy to get wrong. One spare database,
  // re-seeded for each date (users and organisations stay; memberships are recreated).
  let spare: DatabaseHandle;
  beforeAll(async () => {
    spare = await createTestDatabase();
  });
  afterAll(async () => {
    await spare?.close();
  });

  const dates = [
    new Date(2028, 1, 29, 9),
    new Date(2026, 2, 31, 9),
    new Date(2026, 11, 31, 9),
    new Date(2027, 0, 1, 9),
    new Date(2027, 4, 31, 9),
    new Date(2026, 7, 30, 9),
  ];
  for (const today of dates) {
    it(`still puts each NQSW in their declared month when seeded on ${today.toDateString()}`, async () => {
      // An external examiner's appointment is a record (append-only): its membership stays.
      await spare.db.delete(memberships).where(notInArray(memberships.id, spare.db.select({ id: courseworkExaminers.membershipId }).from(courseworkExaminers)));
      await seedDemoWorld(spare.db, today);
      const nqsws = await seededNqsws(spare.db);
      expect(nqsws.length).toBeGreaterThanOrEqual(6);
      expect(nqsws.map((n) => firstYearPosition(n.startedOn!, today).month)).toEqual(nqsws.map((n) => n.monthsIn));
    });
  }
});
