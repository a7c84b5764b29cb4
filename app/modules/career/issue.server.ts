/**
 * The career record as a PDF, issued with a verification code that is stored with the awards it
 * listed (as they stood that day), so the verify page can say back exactly what the PDF said.
 * Drawn with the platform's PDF writer (pdf-lib, DejaVu Sans embedded), like the certificate and
 * the transcript.
 */
import { eq } from "drizzle-orm";
import { careerRecordIssues, type CareerIssueAward } from "#db/schema";
import { actedBy, recordAudit, type AuditActor } from "~/modules/audit/audit.server";
import { PdfWriter } from "~/modules/signoff/pdf-writer";
import { newVerificationCode, normalVerificationCode, verificationLines } from "~/modules/signoff/verification-code.server";
import { getDb } from "~/utils/db.server";
import { englandDay } from "~/utils/england";
import { CAREER_STATUS_LABELS } from "./path";
import { dayOf, type CareerRecord } from "./record.server";

/** The furthest stage reached, as the PDF and the verify page say it. */
export const stageWords = (record: CareerRecord) =>
  record.path.reached ? `${record.path.reached.label} (${record.path.reached.means})` : "No stage reached yet";

/** Records a career record issued as a PDF, with a new verification code, and audits it. */
export async function issueCareerRecord(actor: AuditActor, userId: string, record: CareerRecord) {
  const db = await getDb();
  const awards: CareerIssueAward[] = record.awards.map((a) => ({ title: a.title, by: a.by, code: a.code, on: a.on }));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(careerRecordIssues)
      .values({ code: newVerificationCode(), userId, personName: record.personName, awards, stage: stageWords(record) })
      .returning();
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: null }),
        action: "career.record_issued",
        subjectType: "user",
        subjectId: userId,
        detail: { code: row!.code, awards: awards.length },
      },
      tx,
    );
    return row!;
  });
}

/** A career record issued with this code, for the public verify page, or null. */
export async function careerRecordByCode(code: string) {
  const normal = normalVerificationCode(code);
  if (!normal) return null;
  const db = await getDb();
  const [row] = await db.select().from(careerRecordIssues).where(eq(careerRecordIssues.code, normal)).limit(1);
  return row ?? null;
}

/** An award in one line: what, by whom, when, and its own code. */
export const awardLine = (a: CareerIssueAward) =>
  `${a.title}, ${a.by}${a.on ? `, ${dayOf(a.on)}` : ""}${a.code ? ` (its own code ${a.code})` : ""}`;

export async function careerRecordPdf(
  record: CareerRecord,
  issue: { code: string; issuedAt: Date; awards: CareerIssueAward[] },
  verifyUrl: string,
) {
  const pdf = await PdfWriter.create(`Career record – ${record.personName}`, `Career record of ${record.personName} – ${issue.code}`);
  pdf.doc.setAuthor("Practice Pathways");
  pdf.heading("Career record", 1);
  pdf.field("Social worker", record.personName);
  pdf.field("Issued", dayOf(englandDay(issue.issuedAt)));
  pdf.field("Furthest stage reached", stageWords(record));
  pdf.heading("Where they stand on the path", 2);
  for (const stage of record.path.stages)
    pdf.text(
      `${stage.label}: ${stage.achieved ? `reached. ${stage.because}` : stage.workingTowards ? `working towards it (${stage.workingTowards})` : "not reached"}`,
    );
  pdf.heading("Verified awards", 2);
  if (!issue.awards.length) pdf.text("None yet.");
  for (const award of issue.awards) pdf.text(awardLine(award));
  pdf.heading("Programmes", 2);
  if (!record.entries.length) pdf.text("None yet.");
  for (const entry of record.entries) {
    pdf.heading(entry.title, 3);
    pdf.field("Organisation", entry.organisationName ?? "Joined independently");
    pdf.field("Status", CAREER_STATUS_LABELS[entry.status]);
    for (const fact of entry.facts) pdf.field(fact.label, fact.value);
  }
  if (record.cpd.length) {
    pdf.heading("CPD records", 2);
    for (const c of record.cpd)
      pdf.text(`${dayOf(c.recordedOn)}: ${c.activity}${c.peerReviewed ? " (reflected on with a peer)" : ""}`);
  }
  const check = verificationLines(issue.code, verifyUrl);
  pdf.heading("Verification", 3);
  pdf.text(`${check.code}. The code lists each verified award above as it stood on the day of issue.`);
  pdf.text(check.where);
  return pdf.save();
}
