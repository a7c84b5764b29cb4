/**
 * The exam board's rules, pure: the mark a submission takes to the board from the append-only
 * marks recorded on it (asked of `nextMarkingStep`, so the marking pages, the board and the
 * transcript cannot disagree), whether an assignment is ready for its board and, if not, which
 * submissions still need a marking step; and the programme's award data as the rules take it.
 */
import type { Award } from "~/modules/programmes/content-schema";
import {
  MASTERS_CLASSIFICATION,
  MASTERS_SCHEME,
  nextMarkingStep,
  type ClassificationRule,
  type ExitAward,
  type MarkBasis,
  type MarkingScheme,
  type NextMarkingStep,
} from "./marks";

/** One row of `coursework_marks` as the rules need it. */
export interface RecordedMark {
  stage: "first" | "second" | "third";
  kind: "mark" | "agree" | "propose" | "agreed";
  mark: number;
  feedback: string;
  markedAt: Date;
}

export type BoardMark =
  /** No first mark yet. */
  | { state: "not-marked" }
  /** First-marked, but the second-marking sample has not been drawn, so no one knows whether it is second-marked. */
  | { state: "sample-not-drawn"; firstMark: number }
  /** A marking step is still to be taken (second marking, an agreed mark, a third reader). */
  | { state: "waiting"; firstMark: number; step: Exclude<NextMarkingStep, { step: "ready-for-board" }> }
  | { state: "ready"; firstMark: number; mark: number; basis: MarkBasis; feedback: string };

/** The latest record of a kind at a stage: the table is append-only, so a correction is a later row. */
function latest(marks: RecordedMark[], stage: RecordedMark["stage"], kinds: RecordedMark["kind"][]) {
  return (
    marks
      .filter((m) => m.stage === stage && kinds.includes(m.kind))
      .sort((a, b) => a.markedAt.getTime() - b.markedAt.getTime())
      .at(-1) ?? null
  );
}

/**
 * The mark a submission version takes to the exam board, from the marks recorded on it: the first
 * marker's "mark", the second marker's "agree" or "propose", each marker's "agreed" mark (by its
 * stage) and a third reader's "mark". `sample` says whether the sample has been drawn and whether
 * this submission is in it. The feedback the learner is given is the first marker's, with the
 * third reader's after it when theirs is the mark that stands.
 */
export function markForBoard(
  marks: RecordedMark[],
  sample: { drawn: boolean; inSample: boolean },
  scheme: MarkingScheme = MASTERS_SCHEME,
): BoardMark {
  const first = latest(marks, "first", ["mark"]);
  if (!first) return { state: "not-marked" };
  const second = latest(marks, "second", ["agree", "propose"]);
  if (!sample.drawn && !second) return { state: "sample-not-drawn", firstMark: first.mark };
  const byFirst = latest(marks, "first", ["agreed"]);
  const bySecond = latest(marks, "second", ["agreed"]);
  const third = latest(marks, "third", ["mark"]);
  const step = nextMarkingStep(
    {
      firstMark: first.mark,
      inSample: sample.inSample || !!second,
      secondMark: second ? (second.kind === "agree" ? { outcome: "agrees" } : { outcome: "proposes", mark: second.mark }) : null,
      agreed: byFirst || bySecond ? { byFirstMarker: byFirst?.mark ?? null, bySecondMarker: bySecond?.mark ?? null } : null,
      thirdReading: third?.mark ?? null,
    },
    scheme,
  );
  if (step.step !== "ready-for-board") return { state: "waiting", firstMark: first.mark, step };
  const feedback = [first.feedback, step.basis === "third-reader" ? third?.feedback : null].filter(Boolean).join("\n\n");
  return { state: "ready", firstMark: first.mark, mark: step.mark, basis: step.basis, feedback };
}

/** What a submission still needs before the board, in words for the programme lead. */
export function waitingWords(mark: Exclude<BoardMark, { state: "ready" }>): string {
  switch (mark.state) {
    case "not-marked":
      return "not yet first-marked";
    case "sample-not-drawn":
      return "first-marked, but the second-marking sample has not been drawn";
    case "waiting":
      switch (mark.step.step) {
        case "second-marking":
          return "in the sample, waiting for the second marker";
        case "agree-a-mark":
          return `the markers are ${mark.step.difference} apart and must agree a mark`;
        case "other-marker-to-record":
          return `waiting for the ${mark.step.who} to record the agreed mark of ${mark.step.mark}`;
        case "third-reader-or-agreement":
          return `the markers are ${mark.step.difference} apart: waiting for a third reader or an agreed mark`;
      }
  }
}

/**
 * Whether the board can confirm: every learner who handed in has a mark ready. Those not ready are
 * named (by whatever label the caller gives) with what each still needs.
 */
export function boardRefusal(rows: { label: string; mark: BoardMark }[]): string | null {
  const waiting = rows.filter((r) => r.mark.state !== "ready");
  if (rows.length === 0) return "No one has handed in work for this attempt, so there are no marks to confirm";
  if (!waiting.length) return null;
  const list = waiting.map((r) => `${r.label} (${waitingWords(r.mark as Exclude<BoardMark, { state: "ready" }>)})`).join("; ");
  return `The board cannot confirm these marks yet: ${waiting.length === 1 ? "one submission still needs" : `${waiting.length} submissions still need`} a marking step: ${list}`;
}

/**
 * Why the lead can open no more resubmissions of an assignment's attempt `attempt` (2), or null
 * while they can. Resubmissions are marked, sampled and boarded together, as the first attempt
 * was, so a resubmission opened after the resubmissions' sample was drawn could never be sampled,
 * and one opened after their board could never be boarded: both are refused, in these words.
 */
export function resubmissionsClosed(
  attempt: number,
  done: { decidedAttempts: number[]; sampledAttempts: number[] },
  scheme: Pick<MarkingScheme, "resubmissions"> = MASTERS_SCHEME,
): string | null {
  if (attempt > 1 + scheme.resubmissions)
    return scheme.resubmissions === 1
      ? "A failed module may be resubmitted once, and this was the resubmission"
      : `A failed module may be resubmitted ${scheme.resubmissions} times, and these have been used`;
  if (done.decidedAttempts.includes(attempt))
    return "The exam board has confirmed the resubmissions' marks, so no more resubmissions can be opened for this assignment";
  if (done.sampledAttempts.includes(attempt))
    return "The resubmissions' second-marking sample has been drawn, so no more resubmissions can be opened for this assignment";
  return null;
}

/** The marking scheme, exit awards and classification rule a programme's award data gives. */
export function rulesOf(award: Award | undefined | null): { scheme: MarkingScheme; awards: ExitAward[]; rule: ClassificationRule } {
  if (!award) return { scheme: MASTERS_SCHEME, awards: [], rule: MASTERS_CLASSIFICATION };
  const scheme: MarkingScheme = {
    ...MASTERS_SCHEME,
    passMark: award.passMark,
    bands: award.bands.map((b) => ({ band: b.code, label: b.title, from: b.from })),
    resubmissions: award.resubmission?.attempts ?? MASTERS_SCHEME.resubmissions,
  };
  const awards: ExitAward[] = award.exitAwards.map((a) => ({
    id: a.code,
    title: a.title,
    credits: a.credits,
    ...(a.requires ? { requiredModules: a.requires } : {}),
  }));
  const classified = award.exitAwards.find((a) => a.classification)?.classification;
  const rule: ClassificationRule = classified
    ? {
        basis: "credit-weighted-average",
        rounding: "whole-mark",
        classes: classified.classes.map((c, i, all) => ({
          id: c.band,
          label: award.bands.find((b) => b.code === c.band)?.title ?? c.band,
          // The lowest class takes every average of a passed module.
          from: i === all.length - 1 ? 0 : c.from,
        })),
      }
    : MASTERS_CLASSIFICATION;
  return { scheme, awards, rule };
}

