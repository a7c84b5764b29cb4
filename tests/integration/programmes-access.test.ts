import { eq } from "drizzle-orm";
import { enrolments, type memberships, type organisations } from "#db/schema";
import { requireLessonAccess } from "~/modules/programmes/access.server";
import type { Lesson } from "~/modules/programmes/content-schema";
import {
  latestCheckAttempt,
  lessonStatesFor,
  recordLessonView,
  reflectionsFor,
  saveReflection,
  setLessonComplete,
  submitKnowledgeCheck,
  type Enrolment,
} from "~/modules/programmes/learning.server";
import type { CurrentUser } from "~/utils/auth.server";
import { withTestDatabase } from "../support/database";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const t = withTestDatabase();

const PROGRAMME = "asye";

const lesson: Lesson = {
  slug: "first-steps",
  order: 1,
  title: "First steps",
  minutes: 20,
  outcomes: ["One", "Two"],
  capabilities: ["PCF-1"],
  reflections: [{ id: "hopes", prompt: "What do you hope for?" }],
  checks: [
    {
      id: "q1",
      question: "Who signs?",
      options: [
        { text: "You alone", feedback: "No." },
        { text: "All three", correct: true, feedback: "Yes." },
      ],
    },
  ],
  words: 700,
  segments: [],
};

type UserRow = Awaited<ReturnType<typeof makeUser>>;
type Membership = typeof memberships.$inferSelect & { organisation: typeof organisations.$inferSelect };

/** The parts of a signed-in user that requireLessonAccess reads. */
function signedIn(user: UserRow, mine: Membership[] = []): CurrentUser {
  const { id, name, email, accountKind, helplineContactConsent } = user;
  return {
    user: { id, name, email, accountKind, helplineContactConsent },
    session: { id: "test-session", userId: id } as CurrentUser["session"],
    memberships: mine,
    active: mine[0] ?? null,
    twoFactor: { enabled: false, requiredBy: [] },
  };
}

async function membership(user: UserRow, organisation: typeof organisations.$inferSelect, role: Membership["role"]) {
  const row = await makeMembership(t.db, { userId: user.id, organisationId: organisation.id, role });
  return { ...row, organisation };
}

async function enrol(user: UserRow, programmeSlug = PROGRAMME, organisationId?: string): Promise<Enrolment> {
  const [row] = await t.db
    .insert(enrolments)
    .values({ userId: user.id, programmeSlug, organisationId, startedOn: "2026-01-05" })
    .returning();
  return row!;
}

/** What requireLessonAccess threw, or a note that it did not. */
async function refusal(current: CurrentUser, programmeSlug = PROGRAMME) {
  try {
    await requireLessonAccess(current, programmeSlug);
  } catch (thrown) {
    return thrown as { init: { status: number } | null; data: { message: string } };
  }
  throw new Error("requireLessonAccess let them in");
}

let org: typeof organisations.$inferSelect;
let amara: UserRow;
let ben: UserRow;
let amaraOn: Enrolment;
let benOn: Enrolment;
let amaraCurrent: CurrentUser;
let benCurrent: CurrentUser;

beforeAll(async () => {
  org = await makeOrganisation(t.db);
  amara = await makeUser(t.db, { name: "Amara Learner" });
  ben = await makeUser(t.db, { name: "Ben Learner" });
  amaraCurrent = signedIn(amara, [await membership(amara, org, "learner")]);
  benCurrent = signedIn(ben, [await membership(ben, org, "learner")]);
  amaraOn = await enrol(amara, PROGRAMME, org.id);
  benOn = await enrol(ben, PROGRAMME, org.id);
  // Amara works through the lesson.
  await recordLessonView(amaraOn.id, "basics", "first-steps");
  await setLessonComplete(amaraOn.id, "basics", "first-steps", true);
  await submitKnowledgeCheck(amaraOn.id, "basics", lesson, ["q1"], { q1: 1 });
  await saveReflection(amaraOn.id, "basics", "first-steps", "hopes", "Amara's private reflection", "saved");
});

describe("a learner's own progress", () => {
  it("is reached through their own enrolment, never another learner's", async () => {
    const access = await requireLessonAccess(benCurrent, PROGRAMME);
    expect(access.mode).toBe("learner");
    if (access.mode !== "learner") return;
    expect(access.enrolment.id).toBe(benOn.id);
    expect(access.enrolment.userId).toBe(ben.id);
    expect(access.enrolment.id).not.toBe(amaraOn.id);

    const amaraAccess = await requireLessonAccess(amaraCurrent, PROGRAMME);
    expect(amaraAccess).toMatchObject({ mode: "learner", enrolment: { id: amaraOn.id, userId: amara.id } });
  });

  it("shows another learner none of Amara's progress, answers or reflections", async () => {
    const access = await requireLessonAccess(benCurrent, PROGRAMME);
    if (access.mode !== "learner") throw new Error("Ben should be a learner");
    const mine = access.enrolment.id;
    expect((await lessonStatesFor([mine])).get(mine)).toEqual([]);
    expect(await latestCheckAttempt(mine, "basics", "first-steps")).toBeNull();
    expect(await reflectionsFor(mine, "basics", "first-steps")).toEqual([]);
  });

  it("lets a learner's changes touch only their own rows", async () => {
    const access = await requireLessonAccess(benCurrent, PROGRAMME);
    if (access.mode !== "learner") throw new Error("Ben should be a learner");
    const mine = access.enrolment.id;
    await setLessonComplete(mine, "basics", "first-steps", false);
    await saveReflection(mine, "basics", "first-steps", "hopes", "Ben's draft", "draft");
    await submitKnowledgeCheck(mine, "basics", lesson, ["q1"], { q1: 0 });

    const amaraStates = (await lessonStatesFor([amaraOn.id])).get(amaraOn.id)!;
    expect(amaraStates).toHaveLength(1);
    expect(amaraStates[0]!.completedAt).toBeInstanceOf(Date);
    expect(await reflectionsFor(amaraOn.id, "basics", "first-steps")).toEqual([
      expect.objectContaining({ body: "Amara's private reflection", status: "saved" }),
    ]);
    expect(await latestCheckAttempt(amaraOn.id, "basics", "first-steps")).toMatchObject({
      score: 1,
      answers: { q1: 1 },
    });

    expect(await reflectionsFor(mine, "basics", "first-steps")).toEqual([
      expect.objectContaining({ draftBody: "Ben's draft" }),
    ]);
    expect(await latestCheckAttempt(mine, "basics", "first-steps")).toMatchObject({ score: 0, answers: { q1: 0 } });
  });
});

describe("who may read a programme's lessons", () => {
  it("refuses, with a 403, someone with no enrolment and no staff role", async () => {
    const nobody = await makeUser(t.db);
    for (const current of [signedIn(nobody), signedIn(nobody, [await membership(nobody, org, "learner")])]) {
      const thrown = await refusal(current);
      expect(thrown.init?.status).toBe(403);
      expect(thrown.data.message).toMatch(/not enrolled on this programme/);
    }
  });

  it("refuses a learner enrolled on a different programme, or whose enrolment was withdrawn", async () => {
    const elsewhere = await makeUser(t.db);
    await enrol(elsewhere, "another-programme");
    expect((await refusal(signedIn(elsewhere))).init?.status).toBe(403);

    const withdrawn = await makeUser(t.db);
    const row = await enrol(withdrawn);
    await t.db.update(enrolments).set({ status: "withdrawn" }).where(eq(enrolments.id, row.id));
    expect((await refusal(signedIn(withdrawn))).init?.status).toBe(403);
  });

  it("refuses a helpline advisor, who is not staff for programmes", async () => {
    const advisor = await makeUser(t.db);
    const helpline = await makeOrganisation(t.db, { kind: "helpline" });
    expect(
      (await refusal(signedIn(advisor, [await membership(advisor, helpline, "helpline_advisor")]))).init?.status,
    ).toBe(403);
  });

  it("lets supervisors, assessors, team managers, programme leads and admins read as staff, with no enrolment to write to", async () => {
    for (const role of ["supervisor", "assessor", "team_manager", "programme_lead", "admin"] as const) {
      const staff = await makeUser(t.db);
      expect(await requireLessonAccess(signedIn(staff, [await membership(staff, org, role)]), PROGRAMME), role).toEqual(
        {
          mode: "staff",
        },
      );
    }
  });

  it("treats a member of staff who is also enrolled as a learner on that programme", async () => {
    const both = await makeUser(t.db);
    const row = await enrol(both);
    const access = await requireLessonAccess(signedIn(both, [await membership(both, org, "supervisor")]), PROGRAMME);
    expect(access).toMatchObject({ mode: "learner", enrolment: { id: row.id, userId: both.id } });
  });
});
