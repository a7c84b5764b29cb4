/**
 * Marking Masters coursework against a real database, through the site as a browser would use it:
 * Aisha first-marks by candidate number and never sees a name; a marker not allocated finds nothing;
 * marks refuse UPDATE and DELETE; Simon draws the sample (every fail and boundary mark, the same
 * again from its seed); Tom second-marks; a difference over 10 goes to the third reader.
 */
import { and, eq, inArray } from "drizzle-orm";
import {
  courseworkAssignments,
  courseworkMarkerAllocations,
  courseworkMarks,
  courseworkSampleMembers,
  courseworkSamples,
  courseworkSubmissions,
  enrolments,
  users,
} from "#db/schema";
import { submitVersion } from "~/modules/masters/assignments.server";
import { markingStateOf } from "~/modules/masters/marking";
import { recordMark, submissionForMarker } from "~/modules/masters/marking.server";
import { nextMarkingStep, secondMarkingSample } from "~/modules/masters/marks";
import { findModule, findProgramme } from "~/modules/programmes/catalogue.server";
import { enrolLearner } from "~/modules/programmes/cohorts.server";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeMembership, makeOrganisation, makeUser, signedIn } from "../support/fixtures";
import { get, post, seedDemoWorld, sessionFor, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const MODULE_SLUG = "critical-practice-and-research-mindedness";
let rubric: { criterion: string; bands: { band: string }[] }[];

/** The first-mark form: a band for every criterion (the second band, "60–69 (merit)"), the mark and feedback. */
function firstMarkForm(mark: string, feedback = "A clear, well-argued proposal.") {
  const form = new FormData();
  rubric.forEach((c, i) => form.set(`band-${i}`, c.bands[1]!.band));
  form.set("mark", mark);
  form.set("feedback", feedback);
  return form;
}

/** The page's text as a person reads it: React's markers between text parts taken out. */
const textOf = async (response: Response) => (await response.text()).replace(/<!-- -->/g, "");

const idOf = async (email: string) =>
  (await t.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

beforeAll(async () => {
  rubric = findModule(findProgramme("masters")!, MODULE_SLUG)!.assignment!.rubric;
  await seedDemoWorld(t.db);
  handle = (await siteHandler()).handle;
  for (const [who, email] of [
    ["aisha", "aisha.rahman@eastbridge.example"],
    ["tom", "tom.whitfield@eastbridge.example"],
    ["simon", "simon.fairweather@eastbridge.example"],
    ["hannah", "hannah.clarke@eastbridge.example"],
    ["priya", "priya.shah@northmoor.example"],
  ] as const)
    cookies[who] = await sessionFor(t.db, email);
  const [hannah] = await t.db
    .select({ enrolment: enrolments })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(users.email, "hannah.clarke@eastbridge.example"));
  const [assignment] = await t.db
    .select()
    .from(courseworkAssignments)
    .where(
      and(
        eq(courseworkAssignments.cohortId, hannah!.enrolment.cohortId!),
        eq(courseworkAssignments.moduleSlug, MODULE_SLUG),
      ),
    );
  ids.assignment = assignment!.id;
  const organisationId = assignment!.organisationId;
  ids.organisation = organisationId;
  // Hannah hands in a file whose own name carries her name.
  const handed = await submitVersion(
    { userId: hannah!.enrolment.userId, role: "learner", organisationId },
    assignment!,
    hannah!.enrolment as never,
    {
      body: "Why do some parents say nothing at their first child protection conference?",
      file: {
        name: "Hannah-Clarke-proposal.pdf",
        bytes: PDF,
        check: { ok: true, kind: "pdf", contentType: "application/pdf" } as never,
        wordCount: null,
      },
      keepFileIds: [],
    },
  );
  expect(handed.ok).toBe(true);
  const [submission] = await t.db
    .select()
    .from(courseworkSubmissions)
    .where(
      and(
        eq(courseworkSubmissions.enrolmentId, hannah!.enrolment.id),
        eq(courseworkSubmissions.assignmentId, assignment!.id),
      ),
    );
  ids.hannah = submission!.id;
  ids.hannahFile = submission!.fileIds[0]!;
  // Eight more learners on Hannah's cohort hand in, so the sample has fails, boundary marks and a share.
  const simonId = await idOf("simon.fairweather@eastbridge.example");
  const supervisor = await makeUser(t.db, { name: "Dev Anand" });
  await makeMembership(t.db, { userId: supervisor.id, organisationId, role: "supervisor" });
  for (let i = 0; i < 8; i++) {
    const learner = await makeUser(t.db, { name: `Learner ${i}` });
    await makeMembership(t.db, { userId: learner.id, organisationId, role: "learner" });
    const enrolled = await enrolLearner(
      { userId: simonId, role: "programme_lead", organisationId },
      hannah!.enrolment.cohortId!,
      {
        learnerId: learner.id,
        supervisorId: supervisor.id,
        startedOn: "2026-09-07",
      },
    );
    const [enrolment] = await t.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, (enrolled as { enrolmentId: string }).enrolmentId));
    await submitVersion({ userId: learner.id, role: "learner", organisationId }, assignment!, enrolment as never, {
      body: `Work of learner ${i}`,
      file: null,
      keepFileIds: [],
    });
  }
  cookies.idle = (await signedIn(t.db, organisationId, "marker", "Ivy Stone")).cookie;
  ids.ivy = (await t.db.select({ id: users.id }).from(users).where(eq(users.name, "Ivy Stone")))[0]!.id;
  const westford = await makeOrganisation(t.db, { kind: "university", name: "University of Westford" });
  cookies.otherUniversity = (await signedIn(t.db, westford.id, "marker", "Olu Bright")).cookie;
}, 180_000);

describe("markers", () => {
  it("are invited by a university's programme lead, and never by a council's", async () => {
    expect(await textOf(await handle(get("/organisation/invite", cookies.simon)))).toContain(
      "Marks Masters coursework anonymously",
    );
    expect(await textOf(await handle(get("/organisation/invite", cookies.priya)))).not.toContain('value="marker"');
    const form = new URLSearchParams({ name: "Ned Kelly", email: "ned.kelly@northmoor.example", role: "marker" });
    const refused = await handle(post("/organisation/invite", form, cookies.priya));
    expect(refused.status).toBe(400);
    expect(await textOf(refused)).toContain("Markers are invited by a university");
  });

  it("start at their marking queue, with Marking in the navigation", async () => {
    const home = await handle(get("/home", cookies.aisha));
    expect(home.headers.get("location")).toBe("/marking");
    expect(await textOf(await handle(get("/marking", cookies.aisha)))).toMatch(
      /<a[^>]*href="\/marking"[^>]*>Marking<\/a>/,
    );
  });
});

describe("first marking", () => {
  it("shows Aisha her queue by candidate number, with the marking deadline, and never Hannah's name", async () => {
    const response = await handle(get("/marking", cookies.aisha));
    const html = await textOf(response);
    expect(response.status).toBe(200);
    expect(html).toMatch(/marks due by \d{1,2} \w+ \d{4}/);
    expect(html).toContain(`/marking/${ids.hannah}`);
    expect(html).toMatch(/0 done, 9 to do/);
    expect(html).not.toContain("Hannah");
    expect(html).not.toContain("Clarke");
  });

  it("shows the work, the rubric and the flags by candidate number, and names the download by it", async () => {
    const response = await handle(get(`/marking/${ids.hannah}`, cookies.aisha));
    const html = await textOf(response);
    expect(response.status).toBe(200);
    const candidate = /Candidate (C\d{6})/.exec(html)![1]!;
    expect(html).toContain(rubric[0]!.criterion);
    expect(html).toContain("Provisional until the exam board confirms it");
    expect(html).not.toMatch(/Hannah|Clarke/);
    const file = await handle(get(`/marking/${ids.hannah}/files/${ids.hannahFile}`, cookies.aisha));
    expect(file.status).toBe(200);
    const disposition = file.headers.get("content-disposition")!;
    expect(disposition).toMatch(new RegExp(`^attachment; filename="${candidate}-${MODULE_SLUG}\\.pdf";`));
    expect(disposition).not.toMatch(/Hannah|Clarke/);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
  });

  it("is 404 to a marker not allocated, to another university's marker and to the second marker before the sample", async () => {
    for (const cookie of [cookies.idle, cookies.otherUniversity, cookies.tom]) {
      expect((await handle(get(`/marking/${ids.hannah}`, cookie))).status).toBe(404);
      expect((await handle(get(`/marking/${ids.hannah}/files/${ids.hannahFile}`, cookie))).status).toBe(404);
      expect((await handle(post(`/marking/${ids.hannah}`, firstMarkForm("64"), cookie))).status).toBe(404);
    }
    expect(await textOf(await handle(get("/marking", cookies.idle)))).toContain(
      "You have not been allocated any assignments",
    );
    // The learner's own file link is for her and the university's lead, not for a marker.
    expect((await handle(get(`/coursework/files/${ids.hannahFile}`, cookies.aisha))).status).toBe(404);
  });

  it("refuses a mark that is not a whole number from 0 to 100 beside the field, keeping what was typed", async () => {
    const form = firstMarkForm("64.5", "Feedback I do not want to type again");
    form.delete("band-0");
    const response = await handle(post(`/marking/${ids.hannah}`, form, cookies.aisha));
    const html = await textOf(response);
    expect(response.status).toBe(400);
    expect(html).toContain("Enter a whole mark from 0 to 100, without a decimal point");
    expect(html).toContain(`Choose a band for “${rubric[0]!.criterion}”`);
    expect(html).toContain("Feedback I do not want to type again");
    expect(await t.db.select().from(courseworkMarks).where(eq(courseworkMarks.assignmentId, ids.assignment!))).toEqual(
      [],
    );
  });

  it("records one first mark per version, naming the marker, role and version; marks refuse UPDATE and DELETE", async () => {
    const response = await handle(post(`/marking/${ids.hannah}`, firstMarkForm("64"), cookies.aisha));
    expect(response.status).toBe(302);
    const [saved] = await t.db.select().from(courseworkMarks).where(eq(courseworkMarks.submissionId, ids.hannah!));
    expect(saved).toMatchObject({
      stage: "first",
      kind: "mark",
      mark: 64,
      markerRole: "marker",
      markerId: await idOf("aisha.rahman@eastbridge.example"),
    });
    expect(saved!.criteria).toHaveLength(rubric.length);
    // A second first mark is refused by the page, and by the database itself.
    const again = await handle(post(`/marking/${ids.hannah}`, firstMarkForm("70"), cookies.aisha));
    expect(again.status).toBe(400);
    const { id: _id, markedAt: _at, ...copy } = saved!;
    expect(await failureOf(t.db.insert(courseworkMarks).values({ ...copy, mark: 70 }))).toMatch(
      /coursework_marks_one_per_stage|duplicate|unique/,
    );
    expect(
      await failureOf(t.db.update(courseworkMarks).set({ mark: 90 }).where(eq(courseworkMarks.id, saved!.id))),
    ).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(courseworkMarks).where(eq(courseworkMarks.id, saved!.id)))).toMatch(
      /append-only/,
    );
  });
});

describe("the second-marking sample", () => {
  const MARKS = [45, 49, 51, 58, 65, 75, 80, 85];

  it("cannot be drawn before first marking is complete", async () => {
    const response = await handle(
      post(
        `/organisation/assignments/${ids.assignment}`,
        new URLSearchParams({ intent: "draw-sample" }),
        cookies.simon,
      ),
    );
    expect(response.status).toBe(400);
    expect(await textOf(response)).toContain("First marking is not finished: 1 of 9 marked");
  });

  it("holds every fail and every boundary mark, and is the same drawn again from its stored seed", async () => {
    const aisha = await idOf("aisha.rahman@eastbridge.example");
    const others = await t.db
      .select()
      .from(courseworkSubmissions)
      .where(and(eq(courseworkSubmissions.assignmentId, ids.assignment!)));
    const rest = others.filter((s) => s.id !== ids.hannah);
    for (const [i, submission] of rest.entries()) {
      const work = (await submissionForMarker(aisha, ids.organisation!, submission.id))!;
      const result = await recordMark({ userId: aisha, role: "marker", organisationId: ids.organisation! }, work, {
        kind: "mark",
        mark: MARKS[i]!,
        criteria: rubric.map((c) => ({ criterion: c.criterion, band: c.bands[0]!.band })),
        feedback: "Feedback",
        file: null,
      });
      expect(result.ok).toBe(true);
    }
    const response = await handle(
      post(
        `/organisation/assignments/${ids.assignment}`,
        new URLSearchParams({ intent: "draw-sample" }),
        cookies.simon,
      ),
    );
    expect(response.status).toBe(302);
    const [sample] = await t.db
      .select()
      .from(courseworkSamples)
      .where(eq(courseworkSamples.assignmentId, ids.assignment!));
    expect(sample).toMatchObject({ drawnByRole: "programme_lead", sharePercent: 20 });
    const members = await t.db
      .select()
      .from(courseworkSampleMembers)
      .where(eq(courseworkSampleMembers.assignmentId, ids.assignment!));
    const firsts = await t.db
      .select()
      .from(courseworkMarks)
      .where(and(eq(courseworkMarks.assignmentId, ids.assignment!), eq(courseworkMarks.stage, "first")));
    const sampledIds = new Set(members.map((m) => m.submissionId));
    for (const f of firsts) if (f.mark < 52) expect(sampledIds.has(f.submissionId), `mark ${f.mark}`).toBe(true);
    expect(sampledIds.has(firsts.find((f) => f.mark === 58)!.submissionId)).toBe(true);
    // 45, 49, 51 and 58 are fails or near a boundary; 20% of the other five (64, 65, 75, 80, 85) is one.
    expect(members).toHaveLength(5);
    const redrawn = secondMarkingSample(
      firsts.map((f) => ({ id: f.submissionId, mark: f.mark })),
      sample!.seed,
    );
    expect(redrawn.ids).toEqual([...sampledIds].sort());
    for (const m of members) expect(m.reasons).toEqual(redrawn.choices.find((c) => c.id === m.submissionId)!.reasons);
    // Drawn once: the sample refuses change, and a second draw is refused.
    expect(
      await failureOf(
        t.db.update(courseworkSamples).set({ seed: "x" }).where(eq(courseworkSamples.assignmentId, ids.assignment!)),
      ),
    ).toMatch(/append-only/);
    const again = await handle(
      post(
        `/organisation/assignments/${ids.assignment}`,
        new URLSearchParams({ intent: "draw-sample" }),
        cookies.simon,
      ),
    );
    expect(again.status).toBe(400);
    const page = await textOf(await handle(get(`/organisation/assignments/${ids.assignment}`, cookies.simon)));
    expect(page).toContain("a fail: every fail is second-marked");
    expect(page).toContain("within 2 marks of a band boundary");
    ids.fail45 = firsts.find((f) => f.mark === 45)!.submissionId;
  });
});

describe("second marking and the third reader", () => {
  it("shows Tom the sampled work with the first mark and feedback, by candidate number; unsampled work is not his", async () => {
    const queue = await textOf(await handle(get("/marking", cookies.tom)));
    expect(queue).toMatch(/0 done, 5 to do/);
    expect(queue).not.toContain("Hannah");
    const page = await handle(get(`/marking/${ids.fail45}`, cookies.tom));
    const html = await textOf(page);
    expect(page.status).toBe(200);
    expect(html).toContain("First marker: mark 45 (Fail)");
    expect(html).toContain("Do you agree with the first mark?");
    const unsampled = (
      await t.db.select().from(courseworkSubmissions).where(eq(courseworkSubmissions.assignmentId, ids.assignment!))
    ).map((s) => s.id);
    const members = new Set(
      (
        await t.db
          .select()
          .from(courseworkSampleMembers)
          .where(eq(courseworkSampleMembers.assignmentId, ids.assignment!))
      ).map((m) => m.submissionId),
    );
    const notSampled = unsampled.find((id) => !members.has(id))!;
    expect((await handle(get(`/marking/${notSampled}`, cookies.tom))).status).toBe(404);
  });

  it("asks for reasons with a proposed mark, and sends a difference over 10 to the third reader", async () => {
    const missing = await handle(
      post(`/marking/${ids.fail45}`, new URLSearchParams({ outcome: "propose", mark: "58" }), cookies.tom),
    );
    expect(missing.status).toBe(400);
    expect(await textOf(missing)).toContain("Give your reasons for proposing another mark");
    const proposed = await handle(
      post(
        `/marking/${ids.fail45}`,
        new URLSearchParams({ outcome: "propose", mark: "58", feedback: "The analysis meets the pass descriptors." }),
        cookies.tom,
      ),
    );
    expect(proposed.status).toBe(302);
    const marks = await t.db.select().from(courseworkMarks).where(eq(courseworkMarks.submissionId, ids.fail45!));
    const state = markingStateOf(marks, true)!;
    expect(nextMarkingStep(state)).toMatchObject({ step: "third-reader-or-agreement", difference: 13 });
    // The third reader must be someone other than the two markers.
    const aisha = await idOf("aisha.rahman@eastbridge.example");
    const same = await handle(
      post(
        `/organisation/assignments/${ids.assignment}`,
        new URLSearchParams({ intent: "allocate", stage: "third", markerId: aisha }),
        cookies.simon,
      ),
    );
    expect(same.status).toBe(400);
    expect(await textOf(same)).toContain("They are already the first marker for this assignment");
    // Not allocated yet, Ivy finds nothing; once allocated, the work waiting for a third reader.
    expect((await handle(get(`/marking/${ids.fail45}`, cookies.idle))).status).toBe(404);
    const allocated = await handle(
      post(
        `/organisation/assignments/${ids.assignment}`,
        new URLSearchParams({ intent: "allocate", stage: "third", markerId: ids.ivy! }),
        cookies.simon,
      ),
    );
    expect(allocated.status).toBe(302);
    expect(
      await t.db.select().from(courseworkMarkerAllocations).where(eq(courseworkMarkerAllocations.markerId, ids.ivy!)),
    ).toHaveLength(1);
    const ivyQueue = await textOf(await handle(get("/marking", cookies.idle)));
    expect(ivyQueue).toMatch(/0 done, 1 to do/);
    const read = await handle(post(`/marking/${ids.fail45}`, firstMarkForm("55", "A pass, narrowly."), cookies.idle));
    expect(read.status).toBe(302);
    const after = await t.db.select().from(courseworkMarks).where(eq(courseworkMarks.submissionId, ids.fail45!));
    expect(nextMarkingStep(markingStateOf(after, true)!)).toEqual({
      step: "ready-for-board",
      mark: 55,
      basis: "third-reader",
    });
  });

  it("lets the two markers settle a difference within 10 by each recording the same agreed mark", async () => {
    const members = (
      await t.db.select().from(courseworkSampleMembers).where(eq(courseworkSampleMembers.assignmentId, ids.assignment!))
    ).map((m) => m.submissionId);
    const firsts = await t.db
      .select()
      .from(courseworkMarks)
      .where(and(inArray(courseworkMarks.submissionId, members), eq(courseworkMarks.stage, "first")));
    const target = firsts.find((f) => f.mark === 58)!.submissionId;
    expect(
      (
        await handle(
          post(
            `/marking/${target}`,
            new URLSearchParams({ outcome: "propose", mark: "62", feedback: "Stronger analysis." }),
            cookies.tom,
          ),
        )
      ).status,
    ).toBe(302);
    expect((await handle(post(`/marking/${target}`, new URLSearchParams({ mark: "70" }), cookies.aisha))).status).toBe(
      400,
    );
    expect((await handle(post(`/marking/${target}`, new URLSearchParams({ mark: "60" }), cookies.aisha))).status).toBe(
      302,
    );
    expect((await handle(post(`/marking/${target}`, new URLSearchParams({ mark: "60" }), cookies.tom))).status).toBe(
      302,
    );
    const marks = await t.db.select().from(courseworkMarks).where(eq(courseworkMarks.submissionId, target));
    expect(nextMarkingStep(markingStateOf(marks, true)!)).toEqual({
      step: "ready-for-board",
      mark: 60,
      basis: "agreed-by-both",
    });
    const page = await textOf(await handle(get(`/organisation/assignments/${ids.assignment}`, cookies.simon)));
    expect(page).toContain("Ready for the board: 60");
  });
});
