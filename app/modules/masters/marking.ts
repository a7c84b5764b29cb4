/**
 * The rules of marking Masters coursework that are not the marking scheme's (those are in marks.ts):
 * when marking is due, which version of a learner's work is marked, who may be allocated, what a
 * marker's download is called, and where one submission and one assignment stand. Pure: no I/O.
 * ADR 023 records the choices.
 */
import { addWorkingDays } from "~/modules/returners/working-days";
import { englandDateTime, englandDay } from "~/utils/england";
import {
  type MarkingState,
  MASTERS_SCHEME,
  type MarkingScheme,
  nextMarkingStep,
  type NextMarkingStep,
  type SampleReason,
  sampleReasonWords,
} from "./marks";

/** Marks are due this many working days (England: weekdays less bank holidays) after the deadline. */
export const MARKING_WORKING_DAYS = 15;

/**
 * The day first marking is due, as yyyy-MM-dd in England: 15 working days after the day of the
 * assignment's deadline (the deadline's own day never counts; weekends and bank holidays are skipped).
 */
export function markingDeadline(assignmentDeadline: Date, workingDays = MARKING_WORKING_DAYS): string {
  return addWorkingDays(englandDay(assignmentDeadline), workingDays);
}

/**
 * The version of a learner's work that is marked: the one already first-marked, if any (a mark
 * covers exactly one version, so a late replacement after marking does not unsettle it); otherwise
 * the last version handed in, late or not. Null when nothing was handed in.
 */
export function versionToMark<V extends { id: string; version: number }>(
  versions: V[],
  firstMarked: ReadonlySet<string>,
): V | null {
  const latestFirst = [...versions].sort((a, b) => b.version - a.version);
  return latestFirst.find((v) => firstMarked.has(v.id)) ?? latestFirst[0] ?? null;
}

/** A day (yyyy-MM-dd) as a reader says it: "12 March 2026". */
export function longDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

export type Stage = "first" | "second" | "third";
export const STAGE_LABELS: Record<Stage, string> = {
  first: "First marker",
  second: "Second marker",
  third: "Third reader",
};

/** Why an allocation cannot be made, or null: one person never marks one assignment twice. */
export function allocationProblem(
  current: { stage: Stage; markerId: string }[],
  wanted: { stage: Stage; markerId: string },
): string | null {
  const clash = current.find((a) => a.stage !== wanted.stage && a.markerId === wanted.markerId);
  return clash
    ? `They are already the ${STAGE_LABELS[clash.stage].toLowerCase()} for this assignment: choose someone else, so that no one marks the same work twice`
    : null;
}

/**
 * The name a marker's download carries: the candidate number and the module, never the learner's
 * own file name (it may hold their name). A second file of the same work gets "-2", and so on.
 */
export function anonymousFileName(candidate: string, moduleSlug: string, extension: string, index = 0): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${safe(candidate)}-${safe(moduleSlug)}${index > 0 ? `-${index + 1}` : ""}.${safe(extension).toLowerCase() || "pdf"}`;
}

export interface MarkRecord {
  stage: Stage;
  kind: "mark" | "agree" | "propose" | "agreed";
  mark: number;
  markedAt: Date;
}

/**
 * The marking state of one submission version from its append-only marks, for nextMarkingStep:
 * the first mark, the second marker's word (the earliest counts), each marker's latest agreed mark
 * and the third reading. Null until it is first-marked.
 */
export function markingStateOf(marks: MarkRecord[], inSample: boolean): MarkingState | null {
  const inOrder = [...marks].sort((a, b) => a.markedAt.getTime() - b.markedAt.getTime());
  const first = inOrder.find((m) => m.stage === "first" && m.kind === "mark");
  if (!first) return null;
  const second = inOrder.find((m) => m.stage === "second" && (m.kind === "agree" || m.kind === "propose"));
  const lastAgreed = (stage: Stage) =>
    inOrder.filter((m) => m.stage === stage && m.kind === "agreed").at(-1)?.mark ?? null;
  const byFirstMarker = lastAgreed("first");
  const bySecondMarker = lastAgreed("second");
  const third = inOrder.find((m) => m.stage === "third" && m.kind === "mark");
  return {
    firstMark: first.mark,
    inSample,
    secondMark: second
      ? second.kind === "agree"
        ? { outcome: "agrees" }
        : { outcome: "proposes", mark: second.mark }
      : null,
    agreed: byFirstMarker !== null || bySecondMarker !== null ? { byFirstMarker, bySecondMarker } : null,
    thirdReading: third?.mark ?? null,
  };
}

/** What a marker in one stage may do next on one submission (nothing, when it is not theirs to do). */
export type MarkerTask = "first-mark" | "second-mark" | "record-agreed" | "third-read" | null;

export function taskFor(
  stage: Stage,
  state: MarkingState | null,
  sampled: boolean,
  scheme: MarkingScheme = MASTERS_SCHEME,
): MarkerTask {
  if (!state) return stage === "first" ? "first-mark" : null;
  if (!sampled) return null;
  const next = nextMarkingStep(state, scheme);
  if (stage === "second" && next.step === "second-marking") return "second-mark";
  if (stage === "first" || stage === "second") {
    const mine = stage === "first" ? state.agreed?.byFirstMarker : state.agreed?.bySecondMarker;
    if ((next.step === "agree-a-mark" || next.step === "third-reader-or-agreement") && (mine == null || next.problem))
      return "record-agreed";
    if (next.step === "other-marker-to-record" && next.who === (stage === "first" ? "first marker" : "second marker"))
      return "record-agreed";
  }
  if (stage === "third" && next.step === "third-reader-or-agreement") return "third-read";
  return null;
}

export interface AssignmentProgress {
  /** Learners who have handed in something. */
  handedIn: number;
  firstMarked: number;
  sampleDrawn: boolean;
  sampled: number;
  secondMarked: number;
  /** Sampled work where the markers differ and no mark stands yet. */
  disagreements: number;
  /** Work whose mark is settled for the board. */
  readyForBoard: number;
  /** Every learner's work has a first mark (and at least one was handed in). */
  firstMarkingComplete: boolean;
  /** Every piece of work has a settled mark once the sample has been drawn. */
  allReady: boolean;
}

/** Where an assignment's marking stands, from each handed-in submission's state and whether it is sampled. */
export function assignmentProgress(
  submissions: { state: MarkingState | null; sampled: boolean }[],
  sampleDrawn: boolean,
  scheme: MarkingScheme = MASTERS_SCHEME,
): AssignmentProgress {
  const steps: (NextMarkingStep | null)[] = submissions.map((s) =>
    s.state ? nextMarkingStep({ ...s.state, inSample: s.sampled }, scheme) : null,
  );
  const firstMarked = submissions.filter((s) => s.state).length;
  const sampled = submissions.filter((s) => s.sampled).length;
  const readyForBoard = sampleDrawn ? steps.filter((s) => s?.step === "ready-for-board").length : 0;
  return {
    handedIn: submissions.length,
    firstMarked,
    sampleDrawn,
    sampled,
    secondMarked: submissions.filter((s) => s.sampled && s.state?.secondMark).length,
    disagreements: steps.filter(
      (s) =>
        s &&
        (s.step === "agree-a-mark" || s.step === "other-marker-to-record" || s.step === "third-reader-or-agreement"),
    ).length,
    readyForBoard,
    firstMarkingComplete: submissions.length > 0 && firstMarked === submissions.length,
    allReady: sampleDrawn && submissions.length > 0 && readyForBoard === submissions.length,
  };
}

/** The marking scheme of a programme's award (its bands and pass mark), with the issue's defaults for the rest. */
export function schemeFor(
  award: { passMark: number; bands: { code: string; title: string; from: number }[] } | null | undefined,
): MarkingScheme {
  if (!award) return MASTERS_SCHEME;
  return {
    ...MASTERS_SCHEME,
    passMark: award.passMark,
    bands: award.bands.map((b) => ({ band: b.code, label: b.title, from: b.from })),
  };
}

/** Where one submission stands in second marking, in words for the programme lead. */
export function sampleStandingWords(state: MarkingState | null, sampled: boolean, scheme: MarkingScheme = MASTERS_SCHEME) {
  if (!state) return "";
  const next = nextMarkingStep({ ...state, inSample: sampled }, scheme);
  switch (next.step) {
    case "ready-for-board":
      return `Ready for the board: ${next.mark}`;
    case "second-marking":
      return "Waiting for the second marker";
    case "third-reader-or-agreement":
      return `Disagreement over ${scheme.disagreementLimit}: waiting for the third reader or an agreed mark`;
    default:
      return "Disagreement: waiting for an agreed mark";
  }
}

export interface LeadMarkingFacts {
  scheme: MarkingScheme;
  allocations: { stage: Stage; markerId: string; name: string }[];
  markers: { id: string; name: string }[];
  /** Each learner's version to mark, one per attempt they handed in. */
  facts: {
    submissionId: string;
    attempt: number;
    candidateNumber: string;
    name: string;
    state: MarkingState | null;
    sampled: boolean;
    reasons: SampleReason[];
  }[];
  samples: { attempt: number; seed: string; sharePercent: number; drawnAt: Date }[];
  /** Attempts the lead has opened resubmissions for (2). */
  resubmissionAttempts: number[];
}

/**
 * The marking section of an assignment's page for its lead: who marks at each stage, and for the
 * first attempt and then the resubmissions, each on its own, where marking stands and its sample.
 */
export function leadMarkingView(input: LeadMarkingFacts) {
  const { scheme } = input;
  const attempts = [...new Set([1, ...input.resubmissionAttempts, ...input.facts.map((f) => f.attempt)])].sort((a, b) => a - b);
  return {
    markers: input.markers,
    allocations: (["first", "second", "third"] as const).map((stage) => {
      const allocated = input.allocations.find((a) => a.stage === stage);
      return {
        stage,
        label: STAGE_LABELS[stage],
        markerId: allocated?.markerId ?? "",
        name: allocated?.name ?? null,
      };
    }),
    rounds: attempts.map((attempt) => {
      const facts = input.facts.filter((f) => f.attempt === attempt);
      const sample = input.samples.find((s) => s.attempt === attempt) ?? null;
      const progress = assignmentProgress(
        facts.map((f) => ({ state: f.state, sampled: f.sampled })),
        !!sample,
        scheme,
      );
      return {
        attempt,
        heading: attempt === 1 ? "First attempt" : `Resubmissions (attempt ${attempt})`,
        progress,
        sample: sample
          ? {
              drawnAt: englandDateTime(sample.drawnAt, "short"),
              seed: sample.seed,
              rule: `every fail, every mark within ${scheme.boundaryMargin} of a band boundary and ${sample.sharePercent}% of the rest`,
            }
          : null,
        sampleRows: facts
          .filter((f) => f.sampled)
          .sort((a, b) => a.candidateNumber.localeCompare(b.candidateNumber))
          .map((f) => ({
            id: f.submissionId,
            candidateNumber: f.candidateNumber,
            name: f.name,
            firstMark: f.state?.firstMark ?? null,
            why: f.reasons.map((r) => sampleReasonWords(r, scheme)).join("; "),
            next: sampleStandingWords(f.state, f.sampled, scheme),
          })),
      };
    }),
  };
}

export type LeadMarkingView = ReturnType<typeof leadMarkingView>;

/**
 * Where an assignment stands, in the lead's words, from its first attempt's marking (and the
 * resubmissions', once open): open for hand-in, handed in and awaiting first marking, first-marked
 * with the sample to draw, second-marked and ready for the exam board, or confirmed by the board.
 */
export function assignmentStage(input: {
  deadlinePassed: boolean;
  /** Each attempt's marking, by attempt number. */
  progress: Map<number, AssignmentProgress>;
  decidedAttempts: number[];
  resubmissionAttempts: number[];
  /** The day (as shown) the first attempt's board confirmed its marks. */
  confirmedOn: string | null;
}): string {
  const words = (p: AssignmentProgress | undefined, resubmissions: boolean) => {
    if (!p || p.handedIn === 0)
      return resubmissions ? "resubmissions open, none handed in yet" : input.deadlinePassed ? "Deadline passed: nothing handed in" : "Open for hand-in";
    if (p.firstMarked === 0)
      return resubmissions
        ? `${p.handedIn} resubmitted, awaiting first marking`
        : `${input.deadlinePassed ? "Handed in" : `Open: ${p.handedIn} handed in so far`}, awaiting first marking`;
    const prefix = resubmissions ? "resubmissions: " : "";
    if (!p.firstMarkingComplete) return `${prefix}first marking, ${p.firstMarked} of ${p.handedIn} marked`;
    if (!p.sampleDrawn) return `${prefix}first-marked, the second-marking sample to draw`;
    if (!p.allReady)
      return `${prefix}second marking, ${p.secondMarked} of ${p.sampled} second-marked${p.disagreements ? `, ${p.disagreements} to settle` : ""}`;
    return resubmissions ? "resubmissions second-marked: ready for the exam board" : "second-marked: ready for the exam board";
  };
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (!input.decidedAttempts.includes(1)) return cap(words(input.progress.get(1), false));
  const confirmed = `Exam board confirmed the marks${input.confirmedOn ? ` on ${input.confirmedOn}` : ""}`;
  const open = input.resubmissionAttempts.filter((a) => !input.decidedAttempts.includes(a)).sort((a, b) => a - b)[0];
  if (open) return `${confirmed}; ${words(input.progress.get(open), true)}`;
  if (input.resubmissionAttempts.some((a) => input.decidedAttempts.includes(a))) return `${confirmed}, and the resubmissions' marks`;
  return confirmed;
}

/** The head of the lead's pages on one assignment (AssignmentSummary draws it). */
export interface AssignmentSummaryView {
  assignmentId: string;
  cohortName: string;
  moduleTitle: string;
  credits: number | null;
  deadline: string;
  wordLimit: string;
  marksDue: string;
  stage: string;
}
