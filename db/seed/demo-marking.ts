/**
 * The demo world's Masters marking: the University of Eastbridge's earlier intakes, each cohort with
 * one assignment at a stage after hand-in (Hannah's intake has its first module open, seeded by
 * demo-coursework.ts):
 * - the oldest intake handed in its dissertations last week, one late: awaiting first marking;
 * - one intake's *Evidence-informed assessment* is first-marked, waiting for the sample;
 * - one's *Practice education and supervision* is second-marked, every mark ready for the board;
 * - one's *Leading practice and change* has been through the exam board: marks released, credits
 *   on the transcripts, and a fail (Oliver Grant) whose one resubmission the lead may open.
 * Every date follows the timeline: the work is handed in before its deadline (or after, when
 * late), first marks two weeks after it, the sample the next day, second marks a week later, the
 * external examiner's comment, then the board, all in the past. The marks are written by two
 * stand-in markers straight into the append-only marks table (as the marking pages would).
 * Seeding again changes nothing.
 */
import { createHash } from "node:crypto";
import { addDays, subDays } from "date-fns";
import { and, eq, inArray } from "drizzle-orm";
import { submissionHashInput, countWords, englandInstant } from "~/modules/masters/assignments";
import { assignCandidateNumbers } from "~/modules/masters/assignments.server";
import { confirmBoard, recordMark } from "~/modules/masters/board.server";
import { bandOf, secondMarkingSample } from "~/modules/masters/marks";
import type { Manifest } from "~/modules/programmes/content-schema";
import { englandDay } from "~/utils/england";
import type { Database } from "../client";
import { appointDemoExaminer } from "./demo-examiners";
import {
  courseworkAssignments,
  courseworkExaminerComments,
  courseworkMarkerAllocations,
  courseworkSampleMembers,
  courseworkSamples,
  courseworkSubmissions,
  enrolments,
  memberships,
  organisations,
  users,
} from "../schema";

type Stage = "submitted" | "first-marked" | "second-marked" | "board-done";

/** Each earlier intake's assignment: its module, how long ago it was due, and each learner's mark (by email). */
const INTAKES: { stage: Stage; module: string; dueDaysAgo: number; marks: Record<string, number> }[] = [
  {
    stage: "submitted",
    module: "practice-research-dissertation",
    dueDaysAgo: 5,
    marks: { "amy.jordan": 0, "marek.kowalski": 0, "sian.howells": 0, "ibrahim.sesay": 0 },
  },
  {
    stage: "first-marked",
    module: "evidence-informed-assessment",
    dueDaysAgo: 42,
    marks: { "tariq.aziz": 66, "holly.bennett": 52, "joanna.nowak": 74, "kofi.boateng": 57, "rebecca.hughes": 61 },
  },
  {
    stage: "second-marked",
    module: "practice-education-and-supervision",
    dueDaysAgo: 70,
    marks: { "nadia.karim": 64, "ewan.fraser": 49, "chloe.adams": 71, "kwabena.asante": 58, "lucy.marshall": 66 },
  },
  {
    stage: "board-done",
    module: "leading-practice-and-change",
    dueDaysAgo: 112,
    marks: { "imogen.price": 68, "oliver.grant": 44, "fatima.begum": 73, "aoife.brennan": 55, "yusuf.khan": 61 },
  },
];
const email = (local: string) => `${local}@eastbridge.example`;

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
  const [org] = await tx.select().from(organisations).where(eq(organisations.slug, "eastbridge"));
  if (!org) return;
  const learnerEmails = INTAKES.flatMap((i) => Object.keys(i.marks).map(email));
  const people = await tx
    .select({ id: users.id, email: users.email, role: memberships.role, membershipId: memberships.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, org.id)))
    .where(inArray(users.email, [FIRST_MARKER, SECOND_MARKER, EXTERNAL_EXAMINER, "simon.fairweather@eastbridge.example"]));
  const person = (address: string) => people.find((p) => p.email === address);
  const lead = person("simon.fairweather@eastbridge.example");
  const first = person(FIRST_MARKER);
  const second = person(SECOND_MARKER);
  const examiner = person(EXTERNAL_EXAMINER);
  if (!lead || !first || !second || !examiner) return;

  await appointDemoExaminer(tx, { organisationId: org.id, programmeSlug: programme.slug, leadId: lead.id, examinerMembershipId: examiner.membershipId }, today);
  const learners = await tx
    .select({ enrolmentId: enrolments.id, userId: enrolments.userId, email: users.email, cohortId: enrolments.cohortId })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(enrolments.programmeSlug, programme.slug), inArray(users.email, learnerEmails)));

  for (const intake of INTAKES) {
    const module = programme.modules.find((m) => m.slug === intake.module);
    if (!module?.assignment?.wordCount) continue;
    const mine = Object.keys(intake.marks).flatMap((local) => learners.filter((l) => l.email === email(local)));
    const cohortId = mine[0]?.cohortId;
    if (!cohortId) continue;
    await assignCandidateNumbers(tx, cohortId);
    const deadline = englandInstant(englandDay(subDays(today, intake.dueDaysAgo)), "12:00");
    const [assignment] = await tx
      .insert(courseworkAssignments)
      .values({
        organisationId: org.id,
        cohortId,
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
    await tx.insert(courseworkMarkerAllocations).values([
      { assignmentId: assignment.id, stage: "first", markerId: first.id, allocatedById: lead.id, allocatedAt: subDays(deadline, 60) },
      { assignmentId: assignment.id, stage: "second", markerId: second.id, allocatedById: lead.id, allocatedAt: subDays(deadline, 60) },
    ]);
    const submitted: { id: string; mark: number; enrolmentId: string }[] = [];
    for (const [i, learner] of mine.entries()) {
      const mark = intake.marks[learner.email.replace(/@.*/, "")]!;
      const body = `${module.title}: an account of practice, anonymised, with a critical reflection on what I did and why (candidate's work, demo text ${i + 1}).`;
      // The last of a cohort still handing in hands in two days late.
      const late = intake.stage === "submitted" && i === mine.length - 1;
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
          late,
          contentHash: createHash("sha256").update(submissionHashInput(body, [])).digest("hex"),
          submittedById: learner.userId,
          submittedAt: late ? addDays(deadline, 2) : subDays(deadline, 1 + i),
        })
        .returning({ id: courseworkSubmissions.id });
      submitted.push({ id: row!.id, mark, enrolmentId: learner.enrolmentId });
    }
    if (intake.stage === "submitted") continue;

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
    if (intake.stage === "first-marked") continue;

    // The sample: every fail, every mark near a boundary and a share of the rest, from a stored seed.
    const seed = `demo-${module.slug}`;
    const sample = secondMarkingSample(submitted, seed);
    await tx.insert(courseworkSamples).values({ assignmentId: assignment.id, attempt: 1, seed, sharePercent: 20, drawnById: lead.id, drawnByRole: "programme_lead", drawnAt: addDays(markedAt, 1) });
    await tx.insert(courseworkSampleMembers).values(
      sample.choices.filter((c) => c.inSample).map((c) => ({ assignmentId: assignment.id, attempt: 1, submissionId: c.id, reasons: c.reasons })),
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
    if (intake.stage === "second-marked") continue;

    // The board sat a fortnight after the examiner's comment; Oliver's fail may be resubmitted once.
    const confirmed = await confirmBoard(
      { userId: lead.id, role: "programme_lead", organisationId: org.id },
      assignment.id,
      "Simon Fairweather",
      tx,
      addDays(secondAt, 14),
    );
    if (!confirmed.ok) throw new Error(`The demo board could not confirm: ${confirmed.message}`);
  }
}
