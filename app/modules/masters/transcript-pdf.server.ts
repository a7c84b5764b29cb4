/**
 * The Masters transcript as a PDF: A4, one page for a programme's modules and a resubmission or
 * two, drawn with the platform's PDF writer (pdf-lib, DejaVu Sans embedded as a subset, so a name
 * prints exactly as written), carrying its verification code and the address where it verifies,
 * as the first-year certificate does.
 */
import { PdfWriter } from "~/modules/signoff/pdf-writer";
import { verificationLines } from "~/modules/signoff/verification-code.server";
import { dayOf, TRANSCRIPT_COLUMNS, transcriptCells, transcriptSummary, type Transcript } from "./transcript";

export interface TranscriptIssue {
  /** The transcript's verification code, PP-ABCD-EFGH-JKLM. */
  code: string;
  /** The address where the code verifies, e.g. https://…/verify. */
  verifyUrl: string;
  /** The day it was issued, yyyy-mm-dd (in England). */
  issuedOn: string;
}

export async function transcriptPdf(transcript: Transcript, issue: TranscriptIssue) {
  const pdf = await PdfWriter.create(
    `Transcript: ${transcript.programmeTitle} – ${transcript.learnerName}`,
    `Transcript of ${transcript.learnerName} – ${issue.code}`,
  );
  pdf.doc.setAuthor(transcript.institution);
  pdf.heading("Transcript", 1);
  pdf.field("Learner", transcript.learnerName);
  pdf.field("Programme", transcript.programmeTitle);
  pdf.field("Awarding university", transcript.institution);
  pdf.field("Issued", dayOf(issue.issuedOn));
  pdf.heading("Modules", 2);
  pdf.table([...TRANSCRIPT_COLUMNS], [2.6, 1.5, 0.7, 1, 1.1, 0.9, 1.7], transcript.rows.map(transcriptCells));
  for (const line of transcriptSummary(transcript)) pdf.text(line);
  pdf.text(`Marks are out of 100 and the pass mark is ${transcript.passMark}. Bands: ${transcript.bandKey}.`);
  pdf.text("Only marks the exam board has confirmed are shown; credits are awarded for confirmed passes.");
  const check = verificationLines(issue.code, issue.verifyUrl);
  pdf.heading("Verification", 3);
  pdf.text(check.code);
  pdf.text(check.where);
  return pdf.save();
}
