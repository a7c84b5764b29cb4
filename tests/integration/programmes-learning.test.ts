import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Logger } from "drizzle-orm/logger";
import { withQueryTally, type QueryTally } from "#db/query-count";
import { enrolments, knowledgeCheckAttempts, lessonProgress, lessonReflections } from "#db/schema";
import type { Lesson, Manifest, Programme } from "~/modules/programmes/content-schema";
import {
  enrolmentsWithLessons,
  findEnrolment,
  latestCheckAttempt,
  lessonPageRecords,
  lessonStatesFor,
  recordLessonView,
  reflectionsFor,
  saveReflection,
  selfEnrol,
  setLessonComplete,
  submitKnowledgeCheck,
} from "~/modules/programmes/learning.server";
import { listSuperviseesWithYears } from "~/modules/organisations/memberships.server";
import { constantTextArray } from "~/utils/db.server";
import { withTestDatabase } from "../support/database";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

// The catalogue fixes the manifest's path when it is first imported, so point it at a temporary
// file before any import runs; the file itself is written below, before anything reads it.
const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-learning-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

const t = withTestDatabase();

const firstSteps: Lesson = {
  slug: "first-steps",
  order: 1,
  title: "First steps",
  minutes: 20,
  outcomes: ["One", "Two"],
  capabilities: ["PCF-1"],
  reflections: [
    { id: "hopes", prompt: "What do you hope for?" },
    { id: "worries", prompt: "What worries you?" },
  ],
  checks: [
    {
      id: "q1",
      question: "Who signs the learning agreement?",
      options: [
        { text: "You alone", feedback: "No." },
        { text: "You, your supervisor and your manager", correct: true, feedback: "Yes." },
      ],
    },
    {
      id: "q2",
      question: "When is it agreed?",
      options: [
        { text: "In the first month", correct: true, feedback: "Yes." },
        { text: "At the end", feedback: "No." },
        { text: "Never", feedback: "No." },
      ],
    },
    {
      id: "q3",
      question: "Who keeps it?",
      options: [
        { text: "Everyone who signed", correct: true, feedback: "Yes." },
        { text: "Nobody", feedback: "No." },
      ],
    },
  ],
  words: 700,
  segments: [{ type: "checks", ids: ["q1", "q2", "q3"] }],
};

function programme(slug: string, values: Partial<Programme>): Programme {
  return {
    slug,
    title: `Programme ${slug}`,
    summary: "Summary",
    audience: "Audience",
    kind: "taught",
    lengthMonths: 3,
    price: null,
    selfEnrol: false,
    frameworks: ["PCF"],
    modules: [{ slug: "basics", order: 1, title: "Basics", summary: "Summary", lessons: [firstSteps] }],
    ...values,
  };
}

const manifest: Manifest = {
  version: 1,
  builtAt: "2026-01-01T00:00:00.000Z",
  frameworks: [],
  programmes: [
    programme("open-free", { selfEnrol: true, price: null }),
    programme("open-paid", { selfEnrol: true, price: { pence: 12000, vat: "exempt", note: "per module" } }),
    programme("closed-free", { selfEnrol: false, price: null }),
    programme("closed-paid", { selfEnrol: false, price: { pence: 95000, vat: "included" } }),
  ],
};

beforeAll(() => {
  writeFileSync(manifestFile, JSON.stringify(manifest));
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(path.dirname(manifestFile), { recursive: true, force: true });
});

const TODAY = new Date(2026, 2, 9, 12); // 9 March 2026, midday
const LONG_AGO = new Date("2025-06-01T08:00:00Z");

/** A learner enrolled (by themselves) on the free open programme. */
async function enrolledLearner() {
  const user = await makeUser(t.db);
  const result = await selfEnrol(user.id, "open-free", TODAY);
  if (!result.ok) throw new Error(`could not enrol: ${result.reason}`);
  return { user, enrolment: result.enrolment };
}

/** An attempt on "first-steps" made long ago (q1: 0, q2: 1), then a newer one (q1: 1, q2: 0). */
async function twoAttemptsOnFirstSteps(enrolmentId: string) {
  await submitKnowledgeCheck(enrolmentId, "basics", firstSteps, ["q1", "q2"], { q1: 0, q2: 1 });
  await t.db
    .update(knowledgeCheckAttempts)
    .set({ submittedAt: LONG_AGO })
    .where(eq(knowledgeCheckAttempts.enrolmentId, enrolmentId));
  await submitKnowledgeCheck(enrolmentId, "basics", firstSteps, ["q1", "q2"], { q1: 1, q2: 0 });
}

async function progressRow(enrolmentId: string, lessonSlug = "first-steps") {
  const rows = await t.db.select().from(lessonProgress).where(eq(lessonProgress.enrolmentId, enrolmentId));
  return rows.filter((r) => r.lessonSlug === lessonSlug);
}

/** Counts the SQL statements sent while `run` runs (drizzle's logger sees every one, on either driver). */
async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const session = (t.db as unknown as { session: { logger: Logger } }).session;
  const original = session.logger;
  const seen: string[] = [];
  session.logger = { logQuery: (query) => void seen.push(query) };
  try {
    await run();
  } finally {
    session.logger = original;
  }
  return seen;
}

describe("enrolling yourself", () => {
  it("is allowed on a free programme that is open to self-enrolment", async () => {
    const user = await makeUser(t.db);
    const result = await selfEnrol(user.id, "open-free", TODAY);
    expect(result).toMatchObject({
      ok: true,
      enrolment: {
        userId: user.id,
        programmeSlug: "open-free",
        startedOn: "2026-03-09",
        status: "active",
        enrolledById: user.id,
        organisationId: null,
        cohortId: null,
        supervisorId: null,
      },
    });
    expect((await findEnrolment(user.id, "open-free"))?.id).toBe(result.ok && result.enrolment.id);
    expect((await enrolmentsWithLessons(user.id)).enrolments.map((e) => e.programmeSlug)).toEqual(["open-free"]);
  });

  it("is refused on a paid programme, even one open to self-enrolment", async () => {
    const user = await makeUser(t.db);
    expect(await selfEnrol(user.id, "open-paid", TODAY)).toEqual({ ok: false, reason: "paid" });
    expect(await selfEnrol(user.id, "closed-paid", TODAY)).toEqual({ ok: false, reason: "not_open" });
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, user.id))).toEqual([]);
  });

  it("is refused on a programme that does not allow it, or does not exist", async () => {
    const user = await makeUser(t.db);
    expect(await selfEnrol(user.id, "closed-free", TODAY)).toEqual({ ok: false, reason: "not_open" });
    expect(await selfEnrol(user.id, "no-such-programme", TODAY)).toEqual({ ok: false, reason: "not_open" });
    expect(await findEnrolment(user.id, "closed-free")).toBeNull();
  });

  it("keeps one enrolment when done twice, and never undoes a withdrawal", async () => {
    const { user, enrolment } = await enrolledLearner();
    const again = await selfEnrol(user.id, "open-free", TODAY);
    expect(again.ok && again.enrolment.id).toBe(enrolment.id);

    await t.db.update(enrolments).set({ status: "withdrawn" }).where(eq(enrolments.id, enrolment.id));
    expect(await findEnrolment(user.id, "open-free")).toBeNull();
    expect((await enrolmentsWithLessons(user.id)).enrolments).toEqual([]);
    const back = await selfEnrol(user.id, "open-free", TODAY);
    expect(back).toEqual({ ok: false, reason: "withdrawn" });
    expect(await findEnrolment(user.id, "open-free")).toBeNull();
    expect(await t.db.select().from(enrolments).where(eq(enrolments.userId, user.id))).toHaveLength(1);
  });
});

describe("lesson progress", () => {
  it("records the first view, and only moves the last-viewed time afterwards", async () => {
    const { enrolment } = await enrolledLearner();
    await recordLessonView(enrolment.id, "basics", "first-steps");
    const [first] = await progressRow(enrolment.id);
    expect(first).toMatchObject({ moduleSlug: "basics", lessonSlug: "first-steps", completedAt: null });

    await t.db
      .update(lessonProgress)
      .set({ firstViewedAt: LONG_AGO, lastViewedAt: LONG_AGO })
      .where(eq(lessonProgress.id, first!.id));
    await recordLessonView(enrolment.id, "basics", "first-steps");
    const rows = await progressRow(enrolment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(first!.id);
    expect(rows[0]!.firstViewedAt).toEqual(LONG_AGO);
    expect(rows[0]!.lastViewedAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    expect(rows[0]!.completedAt).toBeNull();
  });

  it("completes a lesson not yet viewed", async () => {
    const { enrolment } = await enrolledLearner();
    await setLessonComplete(enrolment.id, "basics", "first-steps", true);
    const rows = await progressRow(enrolment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.completedAt).toBeInstanceOf(Date);
  });

  it("keeps the first completion time when completed twice, and clears it when marked not complete", async () => {
    const { enrolment } = await enrolledLearner();
    await recordLessonView(enrolment.id, "basics", "first-steps");
    await setLessonComplete(enrolment.id, "basics", "first-steps", true);
    const [row] = await progressRow(enrolment.id);
    expect(row!.completedAt).toBeInstanceOf(Date);
    await t.db.update(lessonProgress).set({ completedAt: LONG_AGO }).where(eq(lessonProgress.id, row!.id));

    await setLessonComplete(enrolment.id, "basics", "first-steps", true);
    let rows = await progressRow(enrolment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.completedAt).toEqual(LONG_AGO);

    await setLessonComplete(enrolment.id, "basics", "first-steps", false);
    rows = await progressRow(enrolment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.completedAt).toBeNull();

    await setLessonComplete(enrolment.id, "basics", "first-steps", true);
    rows = await progressRow(enrolment.id);
    expect(rows[0]!.completedAt!.getTime()).toBeGreaterThan(LONG_AGO.getTime());
  });

  it("gives the lesson states of many enrolments, grouped, in one query", async () => {
    const a = await enrolledLearner();
    const b = await enrolledLearner();
    const c = await enrolledLearner(); // nothing recorded
    await recordLessonView(a.enrolment.id, "basics", "first-steps");
    await setLessonComplete(a.enrolment.id, "basics", "second", true);
    await recordLessonView(b.enrolment.id, "other-module", "first-steps");

    let states = new Map<string, unknown[]>();
    const statements = await statementsDuring(async () => {
      states = await lessonStatesFor([a.enrolment.id, b.enrolment.id, c.enrolment.id]);
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/from "lesson_progress"/);

    expect([...states.keys()]).toEqual([a.enrolment.id, b.enrolment.id, c.enrolment.id]);
    const summary = (id: string) =>
      (states.get(id) as { moduleSlug: string; lessonSlug: string; completedAt: Date | null; lastViewedAt: Date }[])
        .map((s) => `${s.moduleSlug}/${s.lessonSlug}:${s.completedAt ? "done" : "open"}`)
        .sort();
    expect(summary(a.enrolment.id)).toEqual(["basics/first-steps:open", "basics/second:done"]);
    expect(summary(b.enrolment.id)).toEqual(["other-module/first-steps:open"]);
    expect(states.get(c.enrolment.id)).toEqual([]);
    expect(Object.keys((states.get(a.enrolment.id) as object[])[0]!).sort()).toEqual([
      "completedAt",
      "lastViewedAt",
      "lessonSlug",
      "moduleSlug",
    ]);
  });

  it("counts, for the supervisor's desk, the completed lessons the programme still has", async () => {
    const org = await makeOrganisation(t.db);
    const supervisor = await makeUser(t.db);
    await makeMembership(t.db, { userId: supervisor.id, organisationId: org.id, role: "supervisor" });
    const learner = await makeUser(t.db);
    await makeMembership(t.db, {
      userId: learner.id,
      organisationId: org.id,
      role: "learner",
      stage: "nqsw",
      startedOn: "2026-01-05",
      supervisorId: supervisor.id,
    });
    const [year] = await t.db
      .insert(enrolments)
      .values({
        userId: learner.id,
        programmeSlug: "closed-free",
        organisationId: org.id,
        supervisorId: supervisor.id,
        startedOn: "2026-01-05",
      })
      .returning();
    await setLessonComplete(year!.id, "basics", "first-steps", true);
    await setLessonComplete(year!.id, "basics", "retired-lesson", true); // no longer in the programme
    await recordLessonView(year!.id, "other-module", "first-steps"); // opened, not completed

    const desk = await listSuperviseesWithYears(org.id, supervisor.id);
    expect(desk.supervisees.map((p) => p.userId)).toEqual([learner.id]);
    expect(desk.completed.get(year!.id)).toBe(1);

    await setLessonComplete(year!.id, "basics", "first-steps", false);
    expect((await listSuperviseesWithYears(org.id, supervisor.id)).completed.get(year!.id)).toBe(0);
  });

  it("writes text into a statement as a constant array that reads back exactly, whatever it holds", async () => {
    const values = [
      "asye:the-first-year/how-the-year-runs",
      `it's "quoted"`,
      "back\\slash",
      "{braces},commas",
      "",
      "NULL",
    ];
    const { enrolment } = await enrolledLearner();
    const [read] = await t.db
      .select({ values: sql<string[]>`${constantTextArray(values)}` })
      .from(enrolments)
      .where(eq(enrolments.id, enrolment.id));
    expect(read!.values).toEqual(values);
  });

  it("gives the learner home each enrolment with its lesson states, in one statement", async () => {
    const { user, enrolment } = await enrolledLearner();
    await recordLessonView(enrolment.id, "basics", "first-steps");
    await setLessonComplete(enrolment.id, "basics", "second", true);
    const tally: QueryTally = { count: 0 };
    const read = await withQueryTally(() => enrolmentsWithLessons(user.id), tally);
    expect(tally.count).toBe(1);
    expect(read.enrolments.map((e) => [e.id, e.revision])).toEqual([[enrolment.id, 0]]);
    // The same states, to the millisecond, as the lesson states read on their own.
    const alone = (await lessonStatesFor([enrolment.id])).get(enrolment.id)!;
    const bySlug = (states: { lessonSlug: string }[]) =>
      [...states].sort((a, b) => a.lessonSlug.localeCompare(b.lessonSlug));
    expect(bySlug(read.lessons.get(enrolment.id)!)).toEqual(bySlug(alone));
    expect(read.lessons.get(enrolment.id)!.find((l) => l.lessonSlug === "first-steps")!.completedAt).toBeNull();

    const nobody = await makeUser(t.db);
    expect(await enrolmentsWithLessons(nobody.id)).toEqual({ enrolments: [], lessons: new Map() });
  });

  it("gives the lesson page the enrolment, lesson states, latest attempt and reflections in one statement", async () => {
    const { user, enrolment } = await enrolledLearner();
    await recordLessonView(enrolment.id, "basics", "first-steps");
    await setLessonComplete(enrolment.id, "basics", "second", true);
    await twoAttemptsOnFirstSteps(enrolment.id);
    await submitKnowledgeCheck(enrolment.id, "basics", { ...firstSteps, slug: "second" }, ["q1"], { q1: 0 });
    await saveReflection(enrolment.id, "basics", "first-steps", "hopes", "To feel less alone.", "saved");
    await saveReflection(enrolment.id, "basics", "first-steps", "hopes", "To feel less alone in", "draft");
    await saveReflection(enrolment.id, "basics", "first-steps", "worries", 'Court <work> & "reports"', "draft");
    await saveReflection(enrolment.id, "basics", "second", "hopes", "Another lesson's", "saved");

    const tally: QueryTally = { count: 0 };
    const read = await withQueryTally(() => lessonPageRecords(user.id, "open-free", "basics", "first-steps"), tally);
    expect(tally.count).toBe(1);
    expect(read!.enrolment).toEqual(await findEnrolment(user.id, "open-free"));
    // The same, to the millisecond, as each read on its own.
    const bySlug = (states: { lessonSlug: string }[]) =>
      [...states].sort((a, b) => a.lessonSlug.localeCompare(b.lessonSlug));
    expect(bySlug(read!.states)).toEqual(bySlug((await lessonStatesFor([enrolment.id])).get(enrolment.id)!));
    const latest = (await latestCheckAttempt(enrolment.id, "basics", "first-steps"))!;
    expect(read!.attempt).toEqual({ answers: { q1: 1, q2: 0 }, submittedAt: latest.submittedAt });
    const byPrompt = <R extends { reflectionId: string }>(rows: R[]) =>
      [...rows].sort((a, b) => a.reflectionId.localeCompare(b.reflectionId));
    const alone = await reflectionsFor(enrolment.id, "basics", "first-steps");
    expect(byPrompt(read!.reflections)).toEqual(
      byPrompt(alone).map(({ reflectionId, body, draftBody, status, updatedAt, sentToPortfolioAt }) => ({
        reflectionId,
        body,
        draftBody,
        status,
        updatedAt,
        sentToPortfolioAt,
      })),
    );
    expect(byPrompt(read!.reflections).map((r) => r.draftBody)).toEqual([
      "To feel less alone in",
      'Court <work> & "reports"',
    ]);

    // Before any attempt or reflection on a lesson; and for someone not on the programme.
    const untouched = await lessonPageRecords(user.id, "open-free", "other-module", "first-steps");
    expect([untouched!.attempt, untouched!.reflections]).toEqual([null, []]);
    expect(await lessonPageRecords(user.id, "closed-free", "basics", "first-steps")).toBeNull();
    expect(await lessonPageRecords((await makeUser(t.db)).id, "open-free", "basics", "first-steps")).toBeNull();
  });

  it("asks nothing of the database for no enrolments", async () => {
    let states = new Map<string, unknown[]>([["x", []]]);
    const statements = await statementsDuring(async () => {
      states = await lessonStatesFor([]);
    });
    expect(statements).toEqual([]);
    expect(states.size).toBe(0);
  });
});

describe("knowledge checks", () => {
  it("stores each attempt with its score, keeping only real answers", async () => {
    const { enrolment } = await enrolledLearner();
    const scored = await submitKnowledgeCheck(enrolment.id, "basics", firstSteps, ["q1", "q2", "q3"], {
      q1: 1,
      q2: 2,
      q3: 9, // not an option
    });
    expect(scored.score).toBe(1);
    expect(scored.total).toBe(3);
    expect(scored.results.map((r) => [r.id, r.chosen, r.correct, r.feedback])).toEqual([
      ["q1", 1, true, "Yes."],
      ["q2", 2, false, "No."],
      ["q3", null, false, null],
    ]);
    const rows = await t.db
      .select()
      .from(knowledgeCheckAttempts)
      .where(eq(knowledgeCheckAttempts.enrolmentId, enrolment.id));
    expect(rows).toEqual([
      expect.objectContaining({
        moduleSlug: "basics",
        lessonSlug: "first-steps",
        answers: { q1: 1, q2: 2 },
        score: 1,
        total: 3,
      }),
    ]);
  });

  it("shows the newest attempt for that lesson", async () => {
    const { enrolment } = await enrolledLearner();
    expect(await latestCheckAttempt(enrolment.id, "basics", "first-steps")).toBeNull();
    await twoAttemptsOnFirstSteps(enrolment.id);

    const latest = await latestCheckAttempt(enrolment.id, "basics", "first-steps");
    expect(latest).toMatchObject({ answers: { q1: 1, q2: 0 }, score: 2, total: 2 });
    expect(latest!.submittedAt.getTime()).toBeGreaterThan(LONG_AGO.getTime());
    expect(
      await t.db.select().from(knowledgeCheckAttempts).where(eq(knowledgeCheckAttempts.enrolmentId, enrolment.id)),
    ).toHaveLength(2);
    expect(await latestCheckAttempt(enrolment.id, "basics", "another-lesson")).toBeNull();
    expect(await latestCheckAttempt(enrolment.id, "other-module", "first-steps")).toBeNull();
  });
});

describe("reflections", () => {
  it("keeps a draft, then the saved text, one row per prompt", async () => {
    const { enrolment } = await enrolledLearner();
    await saveReflection(enrolment.id, "basics", "first-steps", "hopes", "To feel less", "draft");
    expect(await reflectionsFor(enrolment.id, "basics", "first-steps")).toEqual([
      expect.objectContaining({
        reflectionId: "hopes",
        body: "",
        draftBody: "To feel less",
        status: "draft",
        sentToPortfolioAt: null,
      }),
    ]);
    await saveReflection(enrolment.id, "basics", "first-steps", "hopes", "To feel less alone in decisions.", "saved");
    await saveReflection(enrolment.id, "basics", "first-steps", "worries", "Court work", "draft");
    const rows = await reflectionsFor(enrolment.id, "basics", "first-steps");
    expect(rows.map((r) => [r.reflectionId, r.body, r.draftBody, r.status]).sort()).toEqual([
      ["hopes", "To feel less alone in decisions.", null, "saved"],
      ["worries", "", "Court work", "draft"],
    ]);
    expect(
      await t.db.select().from(lessonReflections).where(eq(lessonReflections.enrolmentId, enrolment.id)),
    ).toHaveLength(2);
    expect(await reflectionsFor(enrolment.id, "basics", "another-lesson")).toEqual([]);
  });

  it("keeps a later draft beside the saved reflection, never over it", async () => {
    const { enrolment } = await enrolledLearner();
    await saveReflection(enrolment.id, "basics", "first-steps", "hopes", "My final answer.", "saved");
    await saveReflection(enrolment.id, "basics", "first-steps", "hopes", "My fin", "draft");
    const [row] = await reflectionsFor(enrolment.id, "basics", "first-steps");
    expect([row!.body, row!.draftBody, row!.status]).toEqual(["My final answer.", "My fin", "saved"]);
    await saveReflection(enrolment.id, "basics", "first-steps", "hopes", "My final, final answer.", "saved");
    const [after] = await reflectionsFor(enrolment.id, "basics", "first-steps");
    expect([after!.body, after!.draftBody, after!.status]).toEqual(["My final, final answer.", null, "saved"]);
  });
});
