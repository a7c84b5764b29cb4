/**
 * The demo world's Masters marking, one module of the University of Eastbridge's cohort at each
 * stage after hand-in (the first module's assignment, open and handed in by Hannah, is seeded by
 * demo-coursework.ts):
 * - the second module's work is first-marked, waiting for the second-marking sample;
 * - the third module's is second-marked, every mark ready for the exam board (Simon confirms it);
 * - the fourth module's board is done: marks released, credits on the transcripts, and a fail
 *   with its one resubmission open.
 * The marks are written by two stand-in markers straight into the append-only marks table (as the
 * marking pages would), and the external examiner has commented. Seeding again changes nothing.
 */
import { createHash } from "node:crypto";
import { addDays, subDays } from "date-fns";
import { and, eq, inArray } from "drizzle-orm";
import { submissionHashInput, countWords, englandInstant } from "~/modules/masters/assignments";
import { assignCandidateNumbers } from "~/modules/masters/assignments.server";
import { boardFor, confirmBoard, recordMark } from "~/modules/masters/board.server";
import { bandOf, secondMarkingSample } from "~/modules/masters/marks";
import type { Manifest } from "~/modules/programmes/content-schema";
import { englandDay } from "~/utils/england";
import type { Database } from "../client";
import { appointDemoExaminer } from "./demo-examiners";
import {
  cohorts,
  courseworkAssignments,
  courseworkExaminerComments,
  courseworkResubmissions,
  courseworkSampleMembers,
  courseworkSamples,
  courseworkSubmissions,
  enrolments,
  memberships,
  organisations,
  users,
} from "../schema";

/** The learners of the demo cohort, by email, with the marks their work earns in modules 2, 3 and 4. */
const MARKS: Record<string, [number, number, number]> = {
  "hannah.clarke@eastbridge.example": [66, 64, 68],
  "oliver.grant@eastbridge.example": [52, 49, 44],
  "fatima.begum@eastbridge.example": [74, 71, 73],
  "kwabena.asante@eastbridge.example": [57, 58, 55],
  "lucy.marshall@eastbridge.example": [61, 66, 61],
};

export const FIRST_MARKER = "joseph.mensah@eastbridge.example";
export const SECOND_MARKER = "claire.donovan@eastbridge.example";
export const EXTERNAL_EXAMINER = "grace.adebayo@eastbridge.example";

const FEEDBACK: [number, string][] = [
  [70, "An excellent, critically reflective piece. The analysis of power in the relationship is sophisticated and well evidenced; the plan for your own development is specific and convincing."],
  [60, "A thoughtful and well-organised piece. You apply theory accurately to your practice; to reach a distinction, weigh the limits of the models you use and consider alternatives."],
  [50, "A sound account of your practice that meets the learning outcomes. The link between theory and what you did is often descriptive: say why you made each choice."],
  [0, "This work does not yet meet the learning outcomes. The account of practice is not connected to theory or research, and the reflection on your own role is brief. Talk to your tutor before you resubmit."],
];
const feedbackFor = (mark: number) => FEEDBACK.find(([from]) => mark >= from)![1];

export async function seedMarking(tx: Database, manifest: Manifest, today: Date) {
  const programme = manifest.programmes.find((p) => p.slug === "masters");
  if (!programme?.award) return;
  const modules = [...programme.modules].sort((a, b) => a.order - b.order).filter((m) => m.assignment?.wordCount);
  const [org] = await tx.select().from(organisations).where(eq(organisations.slug, "eastbridge"));
  if (!org) return;
  const [cohort] = await tx
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.organisationId, org.id), eq(cohorts.programmeSlug, programme.slug)));
  if (!cohort) return;
  const people = await tx
    .select({ id: users.id, email: users.email, role: memberships.role, membershipId: memberships.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, org.id)))
    .where(inArray(users.email, [...Object.keys(MARKS), FIRST_MARKER, SECOND_MARKER, EXTERNAL_EXAMINER, "simon.fairweather@eastbridge.example"]));
  const person = (email: string) => people.find((p) => p.email === email);
  const lead = person("simon.fairweather@eastbridge.example");
  const first = person(FIRST_MARKER);
  const second = person(SECOND_MARKER);
  const examiner = person(EXTERNAL_EXAMINER);
  if (!lead || !first || !second || !examiner) return;

  await appointDemoExaminer(tx, { organisationId: org.id, programmeSlug: programme.slug, leadId: lead.id, examinerMembershipId: examiner.membershipId }, today);
  await assignCandidateNumbers(tx, cohort.id);
  const learners = await tx
    .select({ enrolmentId: enrolments.id, userId: enrolments.userId, email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.cohortId, cohort.id), inArray(users.email, Object.keys(MARKS))));

  // Module 2: first-marked (due six weeks ago); 3: second-marked (due ten weeks ago); 4: the board is done (due sixteen weeks ago).
  const stages = [
    { module: modules[1], index: 0, dueDaysAgo: 42, stage: "first-marked" as const },
    { module: modules[2], index: 1, dueDaysAgo: 70, stage: "second-marked" as const },
    { module: modules[3], index: 2, dueDaysAgo: 112, stage: "board-done" as const },
  ];
  for (const { module, index, dueDaysAgo, stage } of stages) {
    if (!module?.assignment?.wordCount) continue;
    const deadline = englandInstant(englandDay(subDays(today, dueDaysAgo)), "12:00");
    const [assignment] = await tx
      .insert(courseworkAssignments)
      .values({
        organisationId: org.id,
        cohortId: cohort.id,
        programmeSlug: programme.slug,
        moduleSlug: module.slug,
        deadline,
        wordLimit: module.assignment.wordCount,
        openedById: lead.id,
        openedAt: subDays(deadline, 70),
      })
      .onConflictDoNothing()
      .returning();
    // Already seeded: the marks are append-only and stay as they are.
    if (!assignment) continue;
    const submitted: { id: string; mark: number; enrolmentId: string }[] = [];
    for (const [i, learner] of learners.entries()) {
      const mark = MARKS[learner.email]![index]!;
      const body = `${module.title}: an account of practice, anonymised, with a critical reflection on what I did and why (candidate's work, demo text ${i + 1}).`;
      const [row] = await tx
        .insert(courseworkSubmissions)
        .values({
          assignmentId: assignment.id,
          enrolmentId: learner.enrolmentId,
          version: 1,
          attempt: 1,
          body,
          fileIds: [],
          wordCount: countWords(body),
          overLength: false,
          deadline,
          late: false,
          contentHash: createHash("sha256").update(submissionHashInput(body, [])).digest("hex"),
          submittedById: learner.userId,
          submittedAt: subDays(deadline, 1 + i),
        })
        .returning({ id: courseworkSubmissions.id });
      submitted.push({ id: row!.id, mark, enrolmentId: learner.enrolmentId });
    }
    const rubric = module.assignment.rubric ?? [];
    const markedAt = addDays(deadline, 14);
    for (const s of submitted) {
      const band = bandOf(s.mark).band;
      await recordMark(tx, {
        submissionId: s.id,
        stage: "first",
        kind: "mark",
        mark: s.mark,
        feedback: feedbackFor(s.mark),
        markerId: first.id,
        criteria: rubric.map((r) => ({
          criterion: r.criterion,
          band: r.bands.find((b) => b.band.includes(`(${band})`))?.band ?? r.bands.at(-1)!.band,
        })),
        markedAt,
      });
    }
    if (stage === "first-marked") continue;

    // The sample: every fail, every mark near a boundary and a share of the rest, from a stored seed.
    const seed = `demo-${module.slug}`;
    const sample = secondMarkingSample(submitted, seed);
    await tx.insert(courseworkSamples).values({ assignmentId: assignment.id, seed, sharePercent: 20, drawnById: lead.id, drawnByRole: "programme_lead", drawnAt: addDays(markedAt, 1) });
    await tx.insert(courseworkSampleMembers).values(
      sample.choices.filter((c) => c.inSample).map((c) => ({ assignmentId: assignment.id, submissionId: c.id, reasons: c.reasons })),
    );
    const secondAt = addDays(markedAt, 7);
    for (const c of sample.choices.filter((x) => x.inSample)) {
      // A distinction near its boundary: the second marker proposes 68 and the two agree 70.
      if (c.mark >= 70 && c.mark <= 71) {
        await recordMark(tx, { submissionId: c.id, stage: "second", kind: "propose", mark: 68, feedback: "The critical reflection is strong, but the use of research is thinner than a distinction asks.", markerId: second.id, markedAt: secondAt });
        await recordMark(tx, { submissionId: c.id, stage: "first", kind: "agreed", mark: 70, feedback: "Agreed after discussion.", markerId: first.id, markedAt: addDays(secondAt, 2) });
        await recordMark(tx, { submissionId: c.id, stage: "second", kind: "agreed", mark: 70, feedback: "Agreed after discussion.", markerId: second.id, markedAt: addDays(secondAt, 2) });
      } else {
        await recordMark(tx, { submissionId: c.id, stage: "second", kind: "agree", mark: c.mark, feedback: "I agree with the first mark and the feedback.", markerId: second.id, markedAt: secondAt });
      }
    }
    await tx.insert(courseworkExaminerComments).values({
      assignmentId: assignment.id,
      comment: "I have read the sample. The marking is consistent with the rubric and the feedback is clear and developmental; I agree with the marks as proposed.",
      examinerId: examiner.id,
      examinerRole: "external_examiner",
      commentedAt: addDays(secondAt, 5),
    });
    if (stage === "second-marked") continue;

    // The board confirms the fourth module's marks; the fail may be resubmitted once.
    const confirmed = await confirmBoard(
      { userId: lead.id, role: "programme_lead", organisationId: org.id },
      assignment.id,
      "Simon Fairweather",
      tx,
    );
    if (!confirmed.ok) throw new Error(`The demo board could not confirm: ${confirmed.message}`);
    const board = await boardFor(org.id, assignment.id, tx);
    for (const row of board!.decisions[0]!.rows.filter((r) => r.resubmission.allowed)) {
      await tx.insert(courseworkResubmissions).values({
        assignmentId: assignment.id,
        enrolmentId: row.enrolmentId,
        attempt: 2,
        deadline: englandInstant(englandDay(addDays(today, 21)), "12:00"),
        openedById: lead.id,
        openedByRole: "programme_lead",
      });
    }
  }
}
