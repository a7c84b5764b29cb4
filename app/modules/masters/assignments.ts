/**
 * The rules of handing in Masters coursework, as pure functions: a learner's own deadline (moved
 * by an approved extension), what counts as late, the word count and the word limit, the receipt's
 * hash, and the programme lead's counts. No I/O: unit-tested at their edges.
 */

export interface ExtensionDecided {
  outcome: "approved" | "refused";
  /** The new deadline, for an approved extension. */
  deadline: Date | null;
  decidedAt: Date;
}

/**
 * The learner's deadline: the assignment's, or the latest approved extension's (the most recently
 * decided one wins, so a lead can shorten an extension by approving a later request for less).
 */
export function learnerDeadline(assignmentDeadline: Date, decisions: ExtensionDecided[]): Date {
  const approved = decisions
    .filter((d): d is ExtensionDecided & { deadline: Date } => d.outcome === "approved" && d.deadline !== null)
    .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  return approved.at(-1)?.deadline ?? assignmentDeadline;
}

/** Handed in at the deadline itself is on time; a millisecond after is late. */
export function isLate(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() > deadline.getTime();
}

/** Words as a marker would count them: runs of characters between spaces that hold a letter or a digit. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length : 0;
}

/** Exactly the limit is within it; one word more is over. Over-length work is flagged, never refused. */
export function isOverLength(words: number, limit: number): boolean {
  return words > limit;
}

/** How far over the limit, as the marker sees it ("6,120 words: 120 over the 6,000-word limit"). */
export function describeLength(words: number, limit: number): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  const counted = `${n(words)} ${words === 1 ? "word" : "words"}`;
  return isOverLength(words, limit)
    ? `${counted}: ${n(words - limit)} over the ${n(limit)}-word limit`
    : `${counted}, within the ${n(limit)}-word limit`;
}

/**
 * What the receipt's hash is taken over: the text exactly as handed in and each file's own SHA-256,
 * in the order they are listed. The same work always gives the same hash.
 */
export function submissionHashInput(body: string, fileHashes: string[]): string {
  return JSON.stringify({ text: body, files: fileHashes });
}

/** The deadline a learner may ask to move to: later than the one they have now. */
export function extensionRequestProblem(requested: Date, current: Date): string | null {
  return requested.getTime() > current.getTime() ? null : "Ask for a date after your current deadline";
}

export type SubmissionState = "submitted" | "late" | "not_submitted";

/** Where a learner stands: their latest version decides (a late replacement makes it late). */
export function submissionState(latest: { late: boolean } | null | undefined): SubmissionState {
  if (!latest) return "not_submitted";
  return latest.late ? "late" : "submitted";
}

export const STATE_LABELS: Record<SubmissionState, string> = {
  submitted: "Submitted",
  late: "Submitted late",
  not_submitted: "Not submitted",
};

/** The lead's counts for one assignment: every learner on the cohort falls in exactly one. */
export function countStates(states: SubmissionState[]): Record<SubmissionState, number> {
  const counts: Record<SubmissionState, number> = { submitted: 0, late: 0, not_submitted: 0 };
  for (const s of states) counts[s]++;
  return counts;
}

/** A candidate number: "C" and six digits, from a random integer (unique per cohort, checked by the database). */
export function candidateNumberFrom(random: number): string {
  return `C${String(100000 + (Math.abs(Math.trunc(random)) % 900000))}`;
}

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** The clock in England at an instant, as minutes since 1970 read as if UTC. */
function londonWallMinutes(instant: Date) {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!) / 60000;
}

/**
 * The instant a deadline typed as a day and a time in England ("2027-05-14", "12:00") falls at,
 * British Summer Time or not. A time that does not exist (the hour lost in March) moves an hour on.
 */
export function englandInstant(day: string, time: string): Date {
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const wanted = Date.UTC(y, mo - 1, d, h, mi) / 60000;
  let guess = wanted;
  for (let i = 0; i < 2; i++) guess += wanted - londonWallMinutes(new Date(guess * 60000));
  return new Date(guess * 60000);
}
