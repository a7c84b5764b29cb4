/**
 * What the public verify page says about a code: the first-year certificate, the Masters
 * transcript or the career record it was printed on, as the facts the document states (one shape
 * for every kind, the facts they share under the same names), or null when no document has the code.
 */
import { format, parseISO } from "date-fns";
import { awardLine, careerRecordByCode } from "~/modules/career/issue.server";
import { transcriptByCode } from "~/modules/masters/transcript.server";
import { englandDay } from "~/utils/england";
import { certificateDates } from "./certificate.server";
import { certificateByCode } from "./panel.server";

interface Shared {
  code: string;
  learnerName: string;
  /** The employer that awarded the certificate, or the university that issued the transcript. */
  organisationName: string;
  programmeTitle: string;
  /** The day in England it was issued, in words. */
  issued: string;
}

export type Verified =
  | (Shared & { kind: "certificate"; dates: string; decidedLabel: string; decided: string; frameworks: string; awardNote: string | null })
  | (Shared & { kind: "transcript"; credits: number; award: string | null })
  | (Pick<Shared, "code" | "learnerName" | "issued"> & { kind: "career record"; stage: string; awards: string[] });

const issuedOn = (at: Date) => format(parseISO(englandDay(at)), "d MMMM yyyy");

export async function verifyCode(code: string): Promise<Verified | null> {
  const cert = await certificateByCode(code);
  if (cert) {
    const dates = certificateDates(cert);
    return {
      kind: "certificate",
      code: cert.code,
      learnerName: cert.learnerName,
      organisationName: cert.organisationName,
      programmeTitle: cert.programmeTitle,
      issued: issuedOn(cert.issuedAt),
      dates: dates.programme,
      decidedLabel: dates.decidedLabel,
      decided: dates.decided,
      frameworks: cert.frameworks,
      awardNote: cert.awardNote ?? null,
    };
  }
  const transcript = await transcriptByCode(code);
  if (!transcript) {
    const career = await careerRecordByCode(code);
    if (!career) return null;
    return {
      kind: "career record",
      code: career.code,
      learnerName: career.personName,
      issued: issuedOn(career.issuedAt),
      stage: career.stage,
      awards: career.awards.map(awardLine),
    };
  }
  return {
    kind: "transcript",
    code: transcript.code,
    learnerName: transcript.learnerName,
    organisationName: transcript.institution,
    programmeTitle: transcript.programmeTitle,
    issued: issuedOn(transcript.issuedAt),
    credits: transcript.totalCredits,
    award: transcript.award ? `${transcript.award}${transcript.classification ? `, ${transcript.classification}` : ""}` : null,
  };
}
