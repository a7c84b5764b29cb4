/**
 * The supervisor's desk, kept against its revision, which the database's triggers move whenever
 * anything it is made from changes: reading it again while nothing has changed sends one row read by
 * its key and answers the desk already made; any change a supervisor would see — a name, a team, someone assigned or unassigned, a
 * lesson completed, new evidence, a pause in the year — shows on the next read; and a new day, or
 * the year summaries' five minutes, makes it again.
 */
import { addMinutes, format, subDays, subMonths } from "date-fns";
import { and, eq } from "drizzle-orm";
import { readFileSync, writeFileSync } from "node:fs";
import { withQueryTally, type QueryTally } from "#db/query-count";
import { enrolments, lessonProgress, memberships, users } from "#db/schema";
import { YEAR_CACHE_MAX_AGE_MS } from "~/modules/first-year/year-cache.server";
import { deskRevision, listSuperviseesWithYears } from "~/modules/organisations/memberships.server";
import { createEvidence } from "~/modules/portfolio/portfolio.server";
import type { Manifest } from "~/modules/programmes/content-schema";
import { setLessonComplete } from "~/modules/programmes/learning.server";
import { supervisorsDesk, type DeskLine } from "~/modules/supervision/desk.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-desk-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

// The ASYE with one module of two lessons, so that completing a lesson shows in the count.
writeTestManifest(manifestFile);
{
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  const lesson = (slug: string, order: number) => ({
    slug,
    order,
    title: slug,
    minutes: 10,
    outcomes: ["One"],
    capabilities: ["PCF-1"],
    reflections: [],
    checks: [],
    words: 100,
    segments: [],
  });
  manifest.programmes[0]!.modules = [
    { slug: "basics", order: 1, title: "Basics", summary: "Summary", lessons: [lesson("one", 1), lesson("two", 2)] },
  ];
  writeFileSync(manifestFile, JSON.stringify(manifest));
}

const t = withTestDatabase();
const day = (d: Date) => format(d, "yyyy-MM-dd");

async function world() {
  const org = await makeOrganisation(t.db);
  const supervisor = await makeUser(t.db, { name: "Daniel Okafor" });
  await makeMembership(t.db, { userId: supervisor.id, organisationId: org.id, role: "supervisor" });
  const startedOn = day(subMonths(new Date(), 4));
  const learner = async (name: string) => {
    const user = await makeUser(t.db, { name });
    await makeMembership(t.db, {
      userId: user.id,
      organisationId: org.id,
      role: "learner",
      stage: "nqsw",
      startedOn,
      supervisorId: supervisor.id,
    });
    const [year] = await t.db
      .insert(enrolments)
      .values({
        userId: user.id,
        programmeSlug: "asye",
        organisationId: org.id,
        supervisorId: supervisor.id,
        startedOn,
        pathway: "child-family",
      })
      .returning();
    return { user, year: year! };
  };
  return { org, supervisor, amara: await learner("Amara Nwosu"), tom: await learner("Tom Gallagher"), learner };
}

async function readDesk(orgId: string, supervisorId: string, today = new Date()) {
  const tally: QueryTally = { count: 0 };
  const desk = await withQueryTally(() => supervisorsDesk(orgId, supervisorId, today), tally);
  const lines = desk.supervisees;
  return { desk, lines, queries: tally.count };
}

const line = (lines: DeskLine[], name: string) => lines.find((l) => l.name === name)!;

describe("the supervisor's desk, kept against what it is made from", () => {
  test("reading it again while nothing has changed sends one statement and answers the desk already made", async () => {
    const { org, supervisor } = await world();
    const first = await readDesk(org.id, supervisor.id);
    expect(first.lines.map((l) => l.name)).toEqual(["Amara Nwosu", "Tom Gallagher"]);
    expect(first.queries).toBeGreaterThan(1);

    const again = await readDesk(org.id, supervisor.id);
    expect(again.queries).toBe(1);
    expect(again.desk).toBe(first.desk);
  });

  test("the desk's revision is the one its own read saw, and moves with every write it shows", async () => {
    const { org, supervisor } = await world();
    const read = await listSuperviseesWithYears(org.id, supervisor.id);
    expect(read.supervisees).toHaveLength(2);
    expect(read.deskRevision).not.toBeNull();
    expect(await deskRevision(org.id, supervisor.id)).toBe(read.deskRevision);
    // Nobody supervised: revision 0, and an empty desk.
    const nobody = await makeUser(t.db);
    expect(await deskRevision(org.id, nobody.id)).toBe("0");
    expect((await listSuperviseesWithYears(org.id, nobody.id)).deskRevision).toBeNull();
    expect((await readDesk(org.id, nobody.id)).lines).toEqual([]);
  });

  test("reading a lesson again does not move the desk; completing one does", async () => {
    const { org, supervisor, amara } = await world();
    const before = await deskRevision(org.id, supervisor.id);
    await t.db
      .insert(lessonProgress)
      .values({ enrolmentId: amara.year.id, moduleSlug: "basics", lessonSlug: "two" })
      .onConflictDoUpdate({ target: [lessonProgress.enrolmentId, lessonProgress.moduleSlug, lessonProgress.lessonSlug], set: { lastViewedAt: new Date() } });
    await t.db.update(lessonProgress).set({ lastViewedAt: new Date() }).where(eq(lessonProgress.enrolmentId, amara.year.id));
    expect(await deskRevision(org.id, supervisor.id)).toBe(before);
    await setLessonComplete(amara.year.id, "basics", "two", true);
    const completed = await deskRevision(org.id, supervisor.id);
    expect(completed).not.toBe(before);
    // Marked as not complete after all: the count on the desk goes down, so the desk moves again.
    await setLessonComplete(amara.year.id, "basics", "two", false);
    expect(await deskRevision(org.id, supervisor.id)).not.toBe(completed);
  });

  test("shows an invited supervisee who has set a password, and one who has left, on the next read", async () => {
    const { org, supervisor, amara, tom } = await world();
    await t.db.update(users).set({ passwordHash: null }).where(eq(users.id, amara.user.id));
    expect(line((await readDesk(org.id, supervisor.id)).lines, "Amara Nwosu").invited).toBe(true);
    await t.db.update(users).set({ passwordHash: "$argon2id$stand-in" }).where(eq(users.id, amara.user.id));
    expect(line((await readDesk(org.id, supervisor.id)).lines, "Amara Nwosu").invited).toBe(false);

    await t.db
      .update(memberships)
      .set({ active: false })
      .where(and(eq(memberships.userId, tom.user.id), eq(memberships.organisationId, org.id)));
    expect((await readDesk(org.id, supervisor.id)).lines.map((l) => l.name)).toEqual(["Amara Nwosu"]);
  });

  test("moving a supervisee to another supervisor changes both desks", async () => {
    const { org, supervisor, tom } = await world();
    const helen = await makeUser(t.db, { name: "Helen Marsh" });
    await makeMembership(t.db, { userId: helen.id, organisationId: org.id, role: "supervisor" });
    await readDesk(org.id, supervisor.id);
    expect((await readDesk(org.id, helen.id)).lines).toEqual([]);
    await t.db
      .update(memberships)
      .set({ supervisorId: helen.id })
      .where(and(eq(memberships.userId, tom.user.id), eq(memberships.organisationId, org.id)));
    expect((await readDesk(org.id, supervisor.id)).lines.map((l) => l.name)).toEqual(["Amara Nwosu"]);
    expect((await readDesk(org.id, helen.id)).lines.map((l) => l.name)).toEqual(["Tom Gallagher"]);
  });

  test("shows a change to a supervisee's name, team or job title on the next read", async () => {
    const { org, supervisor, amara } = await world();
    await readDesk(org.id, supervisor.id);
    await t.db.update(users).set({ name: "Amara Nwosu-Bell" }).where(eq(users.id, amara.user.id));
    const renamed = await readDesk(org.id, supervisor.id);
    expect(renamed.lines.map((l) => l.name)).toContain("Amara Nwosu-Bell");

    await t.db
      .update(memberships)
      .set({ team: "Family Safeguarding, North", jobTitle: "Social worker" })
      .where(eq(memberships.userId, amara.user.id));
    const moved = await readDesk(org.id, supervisor.id);
    expect(line(moved.lines, "Amara Nwosu-Bell")).toMatchObject({
      team: "Family Safeguarding, North",
      jobTitle: "Social worker",
    });
  });

  test("shows a supervisee assigned or unassigned on the next read", async () => {
    const { org, supervisor, tom, learner } = await world();
    await readDesk(org.id, supervisor.id);
    await learner("Bea Achterberg");
    expect((await readDesk(org.id, supervisor.id)).lines.map((l) => l.name)).toContain("Bea Achterberg");

    await t.db
      .update(memberships)
      .set({ supervisorId: null })
      .where(and(eq(memberships.userId, tom.user.id), eq(memberships.organisationId, org.id)));
    expect((await readDesk(org.id, supervisor.id)).lines.map((l) => l.name)).not.toContain("Tom Gallagher");
  });

  test("shows a lesson completed, new evidence and a change to the year itself on the next read", async () => {
    const { org, supervisor, amara, tom } = await world();
    const first = await readDesk(org.id, supervisor.id);
    expect(line(first.lines, "Amara Nwosu").programmes).toEqual([expect.stringMatching(/: 0 of 2 lessons$/)]);

    await setLessonComplete(amara.year.id, "basics", "one", true);
    const afterLesson = await readDesk(org.id, supervisor.id);
    expect(line(afterLesson.lines, "Amara Nwosu").programmes).toEqual([expect.stringMatching(/: 1 of 2 lessons$/)]);

    expect(line(afterLesson.lines, "Amara Nwosu").year!.evidencePercent).toBe(0);
    await createEvidence(
      amara.year.id,
      { userId: amara.user.id, role: "learner", organisationId: org.id },
      "reflective_log",
      {
        title: "First home visit",
        occurredOn: day(subDays(new Date(), 2)),
        body: "What happened, what I learned, and what I will do next time.",
        capabilities: ["PCF-1", "PCF-6"],
        details: {},
      },
    );
    const afterEvidence = await readDesk(org.id, supervisor.id);
    expect(line(afterEvidence.lines, "Amara Nwosu").year!.evidencePercent).toBeGreaterThan(0);

    // Moving Tom's year to another supervisor takes it off this desk (his name stays: he is still supervised here).
    const other = await makeUser(t.db, { name: "Helen Marsh" });
    await t.db.update(enrolments).set({ supervisorId: other.id }).where(eq(enrolments.id, tom.year.id));
    const afterMove = await readDesk(org.id, supervisor.id);
    expect(line(afterMove.lines, "Tom Gallagher").year).toBeNull();
  });

  test("is made again on a new day, and once the year summaries it holds are five minutes old", async () => {
    const { org, supervisor } = await world();
    const now = new Date();
    const first = await readDesk(org.id, supervisor.id, now);
    expect((await readDesk(org.id, supervisor.id, addMinutes(now, 1))).desk).toBe(first.desk);

    const later = await readDesk(org.id, supervisor.id, new Date(now.getTime() + YEAR_CACHE_MAX_AGE_MS));
    expect(later.desk).not.toBe(first.desk);
    expect(later.lines).toEqual(first.lines);

    const tomorrow = await readDesk(org.id, supervisor.id, addMinutes(now, 24 * 60));
    expect(tomorrow.desk).not.toBe(later.desk);
  });

  test("is kept for each supervisor in each organisation on its own", async () => {
    const { org, supervisor } = await world();
    const helen = await makeUser(t.db, { name: "Helen Marsh" });
    await makeMembership(t.db, { userId: helen.id, organisationId: org.id, role: "supervisor" });
    await readDesk(org.id, supervisor.id);
    expect((await readDesk(org.id, helen.id)).lines).toEqual([]);
    const elsewhere = await makeOrganisation(t.db);
    expect((await readDesk(elsewhere.id, supervisor.id)).lines).toEqual([]);
  });
});
