/**
 * Demo assessments against criteria (ADR 024), at Northmoor, with Dr Olivia Hart as the independent
 * assessor (outside both candidates' teams): Joanne Pierce's advanced practitioner portfolio is with
 * her, submitted and confirmed by Joanne's line manager; Samuel Osei's was not yet achieved on one
 * criterion, resubmitted and achieved, with a certificate. Ellen Brooks has just started, her
 * portfolio empty. Skipped for a candidate who has submitted already, so running it twice changes nothing.
 */
import { format, subDays } from "date-fns";
import { and, eq, inArray } from "drizzle-orm";
import { certificateFrameworks, CONFLICT_DECLARATION, criteriaOf } from "~/modules/assessment/criteria";
import { criteriaSubmissionHash } from "~/modules/assessment/hash.server";
import { evidenceHash, type EvidenceKind } from "~/modules/portfolio/rules";
import type { Manifest } from "~/modules/programmes/content-schema";
import { newVerificationCode } from "~/modules/signoff/verification-code.server";
import type { Database } from "../client";
import {
  assessorAcceptances,
  assessorAppointments,
  certificates,
  criteriaConfirmations,
  criteriaOutcomes,
  criteriaSubmissions,
  criterionDecisions,
  criterionStatements,
  enrolments,
  evidenceItems,
  evidenceVersions,
  organisations,
  users,
} from "../schema";

const PROGRAMME = "advanced-practitioner";

/** Pieces of evidence, each mapped to criteria by index (0-based, in the programme's order). */
const PIECES: { kind: EvidenceKind; title: string; body: string; details?: Record<string, string>; criteria: number[] }[] = [
  {
    kind: "written_work",
    title: "Analysis in a complex safeguarding assessment",
    details: { documentType: "Safeguarding enquiry report (anonymised)" },
    body: "An anonymised enquiry report where several agencies held different parts of the picture. My commentary sets out how I weighed the competing accounts, what I did not know and how that shaped a proportionate plan.",
    criteria: [0, 1],
  },
  {
    kind: "reflective_log",
    title: "Where the law pulled two ways",
    body: "A reflection on a case where a person's right to make an unwise decision met a duty to protect others. I set out the legal basis I relied on, the advice I took and how I explained the decision to the family and to colleagues.",
    criteria: [2],
  },
  {
    kind: "feedback_person",
    title: "Feedback from a carer and a person who uses services",
    details: { from: "a carer and the person she cares for" },
    body: "Both said they felt listened to and that the plan was written in their words. The carer said it was the first time anyone had asked what she could manage.",
    criteria: [3],
  },
  {
    kind: "feedback_professional",
    title: "Feedback from colleagues on group supervision",
    details: { from: "two social workers in the team I consult to" },
    body: "Colleagues describe the case consultations I lead as structured and safe to disagree in, and say they leave with a clearer next step.",
    criteria: [4, 5],
  },
  {
    kind: "reflective_log",
    title: "Raising a concern about drift in a colleague's case",
    body: "How I raised a concern about drift with a colleague and then with their manager: what I noticed, how I named it without blame, and what changed.",
    criteria: [6, 7],
  },
  {
    kind: "written_work",
    title: "A practice audit and what the team changed",
    details: { documentType: "Audit of twelve case records with findings" },
    body: "I audited twelve records against the team's practice standards, fed the findings back at a team meeting and agreed two changes to how we record the person's own view.",
    criteria: [8, 9, 10],
  },
];

function statementFor(code: string, criterion: string) {
  return `${code}: my evidence shows how I ${criterion.charAt(0).toLowerCase()}${criterion.slice(1, 140).replace(/[.,;:]?\s*$/, "")}… The pieces mapped here show it in different settings, and what colleagues and the people I work with say about it.`;
}

export async function seedAssessments(db: Database, manifest: Manifest, today: Date) {
  const programme = manifest.programmes.find((p) => p.slug === PROGRAMME);
  if (!programme) return;
  const criteria = criteriaOf(programme);
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      inArray(users.email, [
        "joanne.pierce@northmoor.example",
        "samuel.osei@northmoor.example",
        "olivia.hart@northmoor.example",
        "priya.shah@northmoor.example",
      ]),
    );
  const person = (email: string) => people.find((p) => p.email === email);
  const assessor = person("olivia.hart@northmoor.example");
  const lead = person("priya.shah@northmoor.example");
  if (!assessor || !lead) return;
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, "northmoor"));
  const day = (n: number) => format(subDays(today, n), "yyyy-MM-dd");
  const at = (n: number) => subDays(today, n);

  for (const [email, achieved] of [
    ["joanne.pierce@northmoor.example", false],
    ["samuel.osei@northmoor.example", true],
  ] as const) {
    const learner = person(email);
    if (!learner) continue;
    const [enrolment] = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.userId, learner.id), eq(enrolments.programmeSlug, PROGRAMME)));
    if (!enrolment?.teamManagerId) continue;
    const done = await db.select({ id: criteriaSubmissions.id }).from(criteriaSubmissions).where(eq(criteriaSubmissions.enrolmentId, enrolment.id)).limit(1);
    if (done.length) continue;
    await db.transaction(async (tx) => {
      const items: { itemId: string; version: number; contentHash: string; title: string; kind: string; criteria: string[] }[] = [];
      for (const [i, piece] of PIECES.entries()) {
        const content = {
          title: piece.title,
          occurredOn: day(120 - i * 10),
          body: piece.body,
          capabilities: piece.criteria.map((n) => criteria[n]!.code),
          details: piece.details ?? {},
        };
        const contentHash = evidenceHash({ ...content, fileHashes: [] });
        const [item] = await tx
          .insert(evidenceItems)
          .values({ enrolmentId: enrolment.id, kind: piece.kind, createdById: learner.id, createdByRole: "learner", createdAt: at(100 - i) })
          .returning();
        await tx.insert(evidenceVersions).values({ itemId: item!.id, version: 1, ...content, fileIds: [], contentHash, createdById: learner.id, createdAt: at(100 - i) });
        items.push({ itemId: item!.id, version: 1, contentHash, title: piece.title, kind: piece.kind, criteria: content.capabilities });
      }
      const statements = criteria.map((c) => ({ code: c.code, body: statementFor(c.code, c.criterion) }));
      await tx.insert(criterionStatements).values(
        statements.map((s) => ({ enrolmentId: enrolment.id, criterionCode: s.code, version: 1, body: s.body, writtenById: learner.id, writtenAt: at(60) })),
      );
      const codes = criteria.map((c) => c.code);
      const [appointment] = await tx
        .insert(assessorAppointments)
        .values({ enrolmentId: enrolment.id, assessorId: assessor.id, appointedById: lead.id, appointedRole: "programme_lead", at: at(58) })
        .returning();
      await tx.insert(assessorAcceptances).values({ appointmentId: appointment!.id, userId: assessor.id, role: "independent_assessor", declaration: CONFLICT_DECLARATION, at: at(57) });
      const submit = async (number: number, list: typeof items, when: number) => {
        const contentHash = criteriaSubmissionHash(codes, list, statements);
        const [s] = await tx
          .insert(criteriaSubmissions)
          .values({ enrolmentId: enrolment.id, number, criteria: codes, items: list, statements, contentHash, submittedById: learner.id, submittedAt: at(when) })
          .returning();
        await tx.insert(criteriaConfirmations).values({
          submissionId: s!.id,
          submissionHash: contentHash,
          userId: enrolment.teamManagerId!,
          role: "team_manager",
          comments: "The practice described is as I know it.",
          at: at(when - 2),
        });
        return s!;
      };
      const first = await submit(1, items, 55);
      if (!achieved) return;
      // Samuel: one criterion not yet met, then a revised piece and achieved.
      const weak = criteria[5]!.code;
      await tx.insert(criterionDecisions).values(
        codes.map((code) => ({
          submissionId: first.id,
          submissionHash: first.contentHash,
          criterionCode: code,
          met: code !== weak,
          feedback: code === weak ? "The feedback shows the consultations are valued, but not how you developed a colleague's practice over time. Add an example with its outcome." : "The evidence and statement show this clearly.",
          userId: assessor.id,
          role: "independent_assessor",
          at: at(45),
        })),
      );
      await tx.insert(criteriaOutcomes).values({
        submissionId: first.id,
        submissionHash: first.contentHash,
        outcome: "not_yet_achieved",
        developmentPlan: `Add evidence for ${weak} showing how you developed one colleague's practice over several months, with their feedback.`,
        resubmitBy: day(20),
        userId: assessor.id,
        role: "independent_assessor",
        at: at(45),
      });
      const revised = { ...PIECES[3]!, body: `${PIECES[3]!.body} Over four months I observed one colleague's practice and gave feedback after each; their manager's feedback describes the change in their assessments.` };
      const content = { title: revised.title, occurredOn: day(90), body: revised.body, capabilities: revised.criteria.map((n) => criteria[n]!.code), details: revised.details ?? {} };
      const contentHash = evidenceHash({ ...content, fileHashes: [] });
      const itemId = items[3]!.itemId;
      await tx.insert(evidenceVersions).values({ itemId, version: 2, ...content, fileIds: [], contentHash, createdById: learner.id, createdAt: at(35) });
      await tx.update(evidenceItems).set({ currentVersion: 2 }).where(eq(evidenceItems.id, itemId));
      const second = await submit(2, items.map((i) => (i.itemId === itemId ? { ...i, version: 2, contentHash } : i)), 30);
      await tx.insert(criterionDecisions).values(
        codes.map((code) => ({
          submissionId: second.id,
          submissionHash: second.contentHash,
          criterionCode: code,
          met: true,
          feedback: code === weak ? "The revised evidence shows a colleague's practice developing over time, with its outcome." : "Met, as before.",
          userId: assessor.id,
          role: "independent_assessor",
          at: at(21),
        })),
      );
      await tx.insert(criteriaOutcomes).values({ submissionId: second.id, submissionHash: second.contentHash, outcome: "achieved", userId: assessor.id, role: "independent_assessor", at: at(21) });
      const frameworks = certificateFrameworks(programme, manifest.frameworks);
      await tx.insert(certificates).values({
        code: newVerificationCode(),
        enrolmentId: enrolment.id,
        learnerName: learner.name,
        organisationName: org!.name,
        programmeTitle: programme.title,
        frameworks,
        startedOn: enrolment.startedOn,
        completedOn: day(21),
        decidedOn: day(21),
        decidedBy: "independent_assessor",
        awardNote: programme.awardNote ?? null,
        issuedAt: at(21),
      });
    });
  }
}
