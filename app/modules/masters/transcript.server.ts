/**
 * A learner's Masters transcript from the marks the exam board confirmed (never a provisional
 * one), built by `buildTranscript` with the programme's own bands, exit awards and classification;
 * each PDF issued gets a verification code, stored, that the verify page looks up.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { courseworkAssignments, courseworkBoardDecisions, courseworkBoardMarks, enrolments, organisations, transcriptIssues, users } from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { findProgramme, listProgrammes } from "~/modules/programmes/catalogue.server";
import { newVerificationCode, normalVerificationCode } from "~/modules/signoff/verification-code.server";
import { getDb } from "~/utils/db.server";
import { englandDay } from "~/utils/england";
import { rulesOf } from "./board";
import { buildTranscript, type Transcript } from "./transcript";

const awardProgrammeSlugs = () =>
  listProgrammes()
    .filter((p) => p.award)
    .map((p) => p.slug);

/** A person's enrolment on a credit-bearing programme, in one organisation if given (one statement). */
export async function mastersEnrolmentOf(userId: string, organisationId?: string) {
  const slugs = awardProgrammeSlugs();
  if (!slugs.length) return null;
  const db = await getDb();
  const [row] = await db
    .select({ enrolment: enrolments, learnerName: users.name, institution: organisations.name })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(organisations, eq(organisations.id, enrolments.organisationId))
    .where(
      and(
        eq(enrolments.userId, userId),
        inArray(enrolments.programmeSlug, slugs),
        organisationId ? eq(enrolments.organisationId, organisationId) : undefined,
      ),
    )
    .orderBy(asc(enrolments.status))
    .limit(1);
  return row ?? null;
}

export type MastersEnrolment = NonNullable<Awaited<ReturnType<typeof mastersEnrolmentOf>>>;

/** The transcript of one Masters enrolment, from its confirmed marks (one statement). */
export async function transcriptFor(found: MastersEnrolment): Promise<Transcript> {
  const programme = findProgramme(found.enrolment.programmeSlug)!;
  const db = await getDb();
  const confirmed = await db
    .select({
      moduleSlug: courseworkAssignments.moduleSlug,
      attempt: courseworkBoardMarks.attempt,
      mark: courseworkBoardMarks.mark,
      decidedAt: courseworkBoardDecisions.decidedAt,
    })
    .from(courseworkBoardMarks)
    .innerJoin(courseworkBoardDecisions, eq(courseworkBoardDecisions.id, courseworkBoardMarks.decisionId))
    .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkBoardDecisions.assignmentId))
    .where(eq(courseworkBoardMarks.enrolmentId, found.enrolment.id))
    .orderBy(asc(courseworkBoardMarks.attempt));
  const { scheme, awards, rule } = rulesOf(programme.award);
  return buildTranscript({
    learnerName: found.learnerName,
    programmeTitle: programme.title,
    institution: found.institution,
    scheme,
    awards,
    rule,
    modules: [...programme.modules]
      .sort((a, b) => a.order - b.order)
      .filter((m) => programme.award?.credits[m.slug])
      .map((m) => ({
        slug: m.slug,
        title: m.title,
        credits: programme.award!.credits[m.slug]!,
        attempts: confirmed
          .filter((c) => c.moduleSlug === m.slug)
          .map((c) => ({ attempt: c.attempt, mark: c.mark, boardDate: englandDay(c.decidedAt) })),
      })),
  });
}

/** Records a transcript issued as a PDF, with a new verification code, and audits it. */
export async function issueTranscript(actor: AuditActor, found: MastersEnrolment, transcript: Transcript) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const code = newVerificationCode();
    const [row] = await tx
      .insert(transcriptIssues)
      .values({
        code,
        enrolmentId: found.enrolment.id,
        learnerName: transcript.learnerName,
        institution: transcript.institution,
        programmeTitle: transcript.programmeTitle,
        totalCredits: transcript.totalCredits,
        award: transcript.award?.title ?? null,
        classification: transcript.classification?.label ?? null,
        issuedById: actor.userId,
      })
      .returning();
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: found.enrolment.organisationId }),
        action: "transcript.issued",
        subjectType: "user",
        subjectId: found.enrolment.userId,
        detail: { code, credits: transcript.totalCredits, award: transcript.award?.title ?? null },
      },
      tx,
    );
    return row!;
  });
}

/** A transcript issued with this code, for the public verify page, or null. */
export async function transcriptByCode(code: string) {
  const normal = normalVerificationCode(code);
  if (!normal) return null;
  const db = await getDb();
  const [row] = await db.select().from(transcriptIssues).where(eq(transcriptIssues.code, normal)).limit(1);
  return row ?? null;
}
