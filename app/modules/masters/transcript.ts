/**
 * A Masters transcript built from plain data: a row for each attempt at each module, the credits
 * awarded, the total, the award reached and its classification. Pure, so the transcript page and
 * its PDF draw the same thing and it tests without a database. The counted (capped) mark, the band
 * and the credits come from the rules in ./marks, never from the caller, so a transcript cannot
 * disagree with them.
 */
import { format, parseISO } from "date-fns";
import {
  awardStanding,
  attemptResult,
  checkedMark,
  MarkingRuleError,
  MASTERS_EXIT_AWARDS,
  MASTERS_SCHEME,
  type Band,
  type ClassificationRule,
  type ExitAward,
  type MarkingScheme,
} from "./marks";

export interface TranscriptAttemptInput {
  attempt: number;
  /** The mark the work earned, out of 100. */
  mark: number;
  /** The day the exam board confirmed the mark (yyyy-mm-dd), or null while it is provisional. */
  boardDate: string | null;
}

export interface TranscriptModuleInput {
  slug: string;
  title: string;
  credits: number;
  attempts: TranscriptAttemptInput[];
}

export interface TranscriptInput {
  learnerName: string;
  programmeTitle: string;
  /** The university awarding the credits. */
  institution: string;
  modules: TranscriptModuleInput[];
  scheme?: MarkingScheme;
  awards?: ExitAward[];
  rule?: ClassificationRule;
}

export type RowStatus = "awaiting-board" | "passed" | "failed";

export interface TranscriptRow {
  moduleSlug: string;
  moduleTitle: string;
  moduleCredits: number;
  attempt: number;
  attemptLabel: string;
  status: RowStatus;
  /** Marks and band are shown only once the board has confirmed them. */
  mark: number | null;
  cappedMark: number | null;
  capped: boolean;
  band: Band | null;
  /** The module's credits on the row of the attempt that passed, confirmed; otherwise 0. */
  creditsAwarded: number;
  boardDate: string | null;
}

export interface Transcript {
  learnerName: string;
  programmeTitle: string;
  institution: string;
  rows: TranscriptRow[];
  totalCredits: number;
  /** The credits the programme's modules carry between them (180 for the MA). */
  creditsAvailable: number;
  award: ExitAward | null;
  /** The next award up, still to reach, or null after the highest. */
  nextAward: ExitAward | null;
  classification: { id: string; label: string } | null;
  /** The credit-weighted average of the counted marks, to one decimal place, or null. */
  average: number | null;
  passMark: number;
  /** The bands in words: "Distinction 70 and above; Merit 60–69; Pass 50–59; Fail below 50". */
  bandKey: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const dayOf = (iso: string) => format(parseISO(iso), "d MMMM yyyy");

export function attemptLabel(attempt: number) {
  return attempt === 1 ? "First attempt" : `Resubmission (attempt ${attempt})`;
}

export function buildTranscript(input: TranscriptInput): Transcript {
  const scheme = input.scheme ?? MASTERS_SCHEME;
  for (const m of input.modules) {
    const numbers = m.attempts.map((a) => a.attempt);
    if (new Set(numbers).size !== numbers.length)
      throw new MarkingRuleError(`${m.title} lists the same attempt twice`);
    for (const a of m.attempts) {
      checkedMark(a.mark);
      if (a.boardDate !== null && !ISO_DAY.test(a.boardDate))
        throw new MarkingRuleError(`${m.title}: the board's date must be yyyy-mm-dd (was ${a.boardDate})`);
    }
  }
  const standing = awardStanding(
    input.modules.map((m) => ({
      slug: m.slug,
      credits: m.credits,
      attempts: m.attempts.map((a) => ({ attempt: a.attempt, mark: a.mark, confirmed: a.boardDate !== null })),
    })),
    { scheme, awards: input.awards, rule: input.rule },
  );

  const rows: TranscriptRow[] = input.modules.flatMap((m, i) => {
    const credited = standing.modules[i]!;
    return [...m.attempts]
      .sort((a, b) => a.attempt - b.attempt)
      .map((a): TranscriptRow => {
        const result = attemptResult(a.mark, a.attempt, scheme);
        const confirmed = a.boardDate !== null;
        const countsForCredit =
          confirmed && result.passed && credited.confirmed?.attempt === a.attempt && credited.creditsAwarded > 0;
        return {
          moduleSlug: m.slug,
          moduleTitle: m.title,
          moduleCredits: m.credits,
          attempt: a.attempt,
          attemptLabel: attemptLabel(a.attempt),
          status: !confirmed ? "awaiting-board" : result.passed ? "passed" : "failed",
          mark: confirmed ? result.mark : null,
          cappedMark: confirmed ? result.cappedMark : null,
          capped: confirmed && result.capped,
          band: confirmed ? result.band : null,
          creditsAwarded: countsForCredit ? m.credits : 0,
          boardDate: a.boardDate,
        };
      });
  });

  return {
    learnerName: input.learnerName,
    programmeTitle: input.programmeTitle,
    institution: input.institution,
    rows,
    totalCredits: standing.totalCredits,
    creditsAvailable: input.modules.reduce((sum, m) => sum + m.credits, 0),
    award: standing.award,
    nextAward:
      [...(input.awards ?? MASTERS_EXIT_AWARDS)]
        .sort((a, b) => a.credits - b.credits)
        .find((a) => a.id !== standing.award?.id && a.credits > (standing.award?.credits ?? -1)) ?? null,
    classification: standing.classification
      ? { id: standing.classification.classification.id, label: standing.classification.classification.label }
      : null,
    average: standing.classification ? Math.round(standing.classification.average * 10) / 10 : null,
    passMark: scheme.passMark,
    bandKey: bandKeyOf(scheme.bands),
  };
}

export function bandKeyOf(bands: Band[]) {
  const sorted = [...bands].sort((a, b) => b.from - a.from);
  return sorted
    .map((b, i) =>
      i === 0
        ? `${b.label} ${b.from} and above`
        : b.from === 0
          ? `${b.label} below ${sorted[i - 1]!.from}`
          : `${b.label} ${b.from}–${sorted[i - 1]!.from - 1}`,
    )
    .join("; ");
}

/** The transcript table's columns, the same on the page and in the PDF. */
export const TRANSCRIPT_COLUMNS = ["Module", "Attempt", "Mark", "Counted mark", "Band", "Credits", "Exam board"] as const;

/** One row as the table shows it. */
export function transcriptCells(row: TranscriptRow): string[] {
  const confirmed = row.status !== "awaiting-board";
  return [
    row.moduleTitle,
    row.attemptLabel,
    confirmed ? String(row.mark) : "Awaiting the exam board",
    confirmed ? (row.capped ? `${row.cappedMark} (capped)` : String(row.cappedMark)) : "",
    row.band?.label ?? "",
    `${row.creditsAwarded} of ${row.moduleCredits}`,
    row.boardDate ? dayOf(row.boardDate) : "",
  ];
}

/** The lines under the table: credits, the award and its classification. */
export function transcriptSummary(t: Transcript): string[] {
  const lines = [`Total credits: ${t.totalCredits} of ${t.creditsAvailable}`];
  lines.push(`Award reached: ${t.award?.title ?? "none yet"}`);
  if (t.classification)
    lines.push(
      `Classification: ${t.classification.label}` +
        (t.average !== null ? ` (credit-weighted average of counted marks, ${t.average})` : ""),
    );
  if (t.nextAward) lines.push(`The ${t.nextAward.title} is awarded at ${t.nextAward.credits} credits.`);
  if (t.rows.some((r) => r.capped))
    lines.push(`A resubmission's mark is capped at the pass mark, ${t.passMark}; the mark earned is shown beside it.`);
  return lines;
}
