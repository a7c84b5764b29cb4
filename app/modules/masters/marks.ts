/**
 * The Masters marking rules: bands, which submissions are second-marked, what happens when two
 * markers differ, resubmission and its cap, credits and the award reached with its classification.
 * Pure and parameterised by plain data (the programme's bands, pass mark, exit awards and
 * classification rule), so they test without a database and a programme can carry its own numbers;
 * the defaults below are the ones issue 20 asks for. ADR 022 records the choices and why.
 *
 * The choices, in short:
 * - A mark is a whole number from 0 to 100. A band starts at its `from` mark and runs to the next
 *   band's; the lowest band starts at 0.
 * - "Within 2 of a band boundary" is inclusive and counted in marks that would have to change: a
 *   mark is near a boundary when moving it by 2 marks or fewer would put it in another band. Around
 *   50 that is 48, 49, 50 and 51 (47 and 52 are not); around 60, 58–61; around 70, 68–71.
 * - The sample is every fail, every mark near a boundary, and `samplePercent` of the rest, rounded
 *   up, chosen by a SHA-256 of the seed and the submission's id: the same seed and the same
 *   submissions give the same sample in any order.
 * - Second marking follows the common UK rule: the first mark stands when the second marker agrees;
 *   when the second marker proposes a mark within 10 of the first, the two markers agree a mark
 *   between theirs and each records it; a difference over 10 (11 or more) goes to a third reader,
 *   whose mark stands, unless the two markers record an agreed mark first.
 * - A failed module may be resubmitted once. A resubmission's mark is capped at the pass mark; its
 *   band is the band of the capped mark. The transcript shows the actual and the capped mark.
 * - Credits count only for a pass the board has confirmed. The award is the highest exit award
 *   whose credits (and any modules it requires) are reached, none below the lowest. It is
 *   classified by the credit-weighted average of the confirmed, passed modules' capped marks,
 *   rounded to a whole mark with halves up (69.5 is a distinction), against the rule's bands.
 */
import { sha256 } from "@oslojs/crypto/sha2";

export interface Band {
  /** A stable id: "distinction", "merit", "pass", "fail". */
  band: string;
  /** As shown: "Distinction". */
  label: string;
  /** The lowest mark in the band. */
  from: number;
}

export interface MarkingScheme {
  /** Highest first or in any order; the lowest must start at 0. */
  bands: Band[];
  /** The lowest passing mark; a band must start there (50 at Masters level). */
  passMark: number;
  /** A mark this many marks or fewer from another band is second-marked. */
  boundaryMargin: number;
  /** The share of the other submissions that is second-marked, in per cent, rounded up. */
  samplePercent: number;
  /** A difference between first and second marks above this goes to a third reader. */
  disagreementLimit: number;
  /** How many times a failed module may be resubmitted. */
  resubmissions: number;
}

export const MASTERS_BANDS: Band[] = [
  { band: "distinction", label: "Distinction", from: 70 },
  { band: "merit", label: "Merit", from: 60 },
  { band: "pass", label: "Pass", from: 50 },
  { band: "fail", label: "Fail", from: 0 },
];

export const MASTERS_SCHEME: MarkingScheme = {
  bands: MASTERS_BANDS,
  passMark: 50,
  boundaryMargin: 2,
  samplePercent: 20,
  disagreementLimit: 10,
  resubmissions: 1,
};

export const MIN_MARK = 0;
export const MAX_MARK = 100;

/** Thrown when a rule is given data no form should have let through (a stored mark of 101). */
export class MarkingRuleError extends Error {
  override name = "MarkingRuleError";
}

/**
 * What is wrong with a mark typed or stored, in words for the person who typed it, or null for a
 * good mark. Takes a number or the text of a form field.
 */
export function markProblem(value: unknown): string | null {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === ""))
    return "Enter a mark out of 100";
  const mark = typeof value === "string" ? Number(value.trim()) : value;
  if (typeof mark !== "number" || Number.isNaN(mark)) return "Enter the mark as a number from 0 to 100";
  if (!Number.isInteger(mark)) return "Enter a whole mark from 0 to 100, without a decimal point";
  if (mark < MIN_MARK || mark > MAX_MARK) return "A mark is from 0 to 100";
  return null;
}

/** The mark as a number, or a MarkingRuleError with the same words as markProblem. */
export function checkedMark(value: unknown): number {
  const problem = markProblem(value);
  if (problem) throw new MarkingRuleError(`${problem} (was ${String(value)})`);
  return typeof value === "string" ? Number(value.trim()) : (value as number);
}

/** What is wrong with a scheme (for the content build), or an empty list. */
export function schemeProblems(scheme: MarkingScheme): string[] {
  const problems: string[] = [];
  const froms = scheme.bands.map((b) => b.from);
  if (scheme.bands.length < 2) problems.push("give at least two bands");
  if (new Set(scheme.bands.map((b) => b.band)).size !== scheme.bands.length) problems.push("each band needs its own id");
  if (new Set(froms).size !== froms.length) problems.push("no two bands may start at the same mark");
  for (const b of scheme.bands)
    if (markProblem(b.from)) problems.push(`the ${b.label} band must start at a whole mark from 0 to 100`);
  if (!froms.includes(0)) problems.push("the lowest band must start at 0");
  if (!froms.includes(scheme.passMark)) problems.push(`a band must start at the pass mark (${scheme.passMark})`);
  if (scheme.passMark <= 0) problems.push("the pass mark must be above 0");
  if (!Number.isInteger(scheme.boundaryMargin) || scheme.boundaryMargin < 0)
    problems.push("the boundary margin is a whole number of marks, 0 or more");
  if (!Number.isInteger(scheme.samplePercent) || scheme.samplePercent < 0 || scheme.samplePercent > 100)
    problems.push("the sample is a whole percentage from 0 to 100");
  if (!Number.isInteger(scheme.disagreementLimit) || scheme.disagreementLimit < 0)
    problems.push("the disagreement limit is a whole number of marks, 0 or more");
  if (!Number.isInteger(scheme.resubmissions) || scheme.resubmissions < 0)
    problems.push("resubmissions is a whole number, 0 or more");
  return problems;
}

const highestFirst = (bands: Band[]) => [...bands].sort((a, b) => b.from - a.from);

/** The band a mark falls in: with the defaults, 70+ distinction, 60–69 merit, 50–59 pass, below 50 fail. */
export function bandOf(mark: number, bands: Band[] = MASTERS_BANDS): Band {
  checkedMark(mark);
  const band = highestFirst(bands).find((b) => mark >= b.from);
  if (!band) throw new MarkingRuleError(`No band holds ${mark}: the lowest band must start at 0`);
  return band;
}

export function isPass(mark: number, scheme: Pick<MarkingScheme, "passMark"> = MASTERS_SCHEME) {
  return checkedMark(mark) >= scheme.passMark;
}

/**
 * The band boundaries a mark is near: each boundary is the first mark of a band above the lowest,
 * and a mark is near it when changing the mark by `boundaryMargin` marks or fewer would cross it
 * (48–51 around 50 with the default 2).
 */
export function boundariesNear(mark: number, scheme: Pick<MarkingScheme, "bands" | "boundaryMargin"> = MASTERS_SCHEME) {
  checkedMark(mark);
  return scheme.bands
    .map((b) => b.from)
    .filter((from) => from > MIN_MARK)
    .filter((from) => (mark < from ? from - mark : mark - from + 1) <= scheme.boundaryMargin)
    .sort((a, b) => a - b);
}

// ————— The second-marking sample —————

export type SampleReason = "fail" | "boundary" | "share";

/** Why a submission is in the sample, in words for the marking page. */
export function sampleReasonWords(
  reason: SampleReason,
  scheme: Pick<MarkingScheme, "boundaryMargin" | "samplePercent"> = MASTERS_SCHEME,
) {
  switch (reason) {
    case "fail":
      return "a fail: every fail is second-marked";
    case "boundary":
      return `within ${scheme.boundaryMargin} marks of a band boundary`;
    case "share":
      return `drawn from its seed for the ${scheme.samplePercent}% of the other submissions`;
  }
}

export interface SampleChoice {
  id: string;
  mark: number;
  inSample: boolean;
  /** Why it is in the sample: a fail near 50 is both "fail" and "boundary"; empty when not sampled. */
  reasons: SampleReason[];
  /** For a boundary mark, the boundaries it is near (50, 60 or 70). */
  boundaries: number[];
}

export interface Sample {
  seed: string;
  /** Every submission, sorted by id, with whether and why it is second-marked. */
  choices: SampleChoice[];
  /** The ids second-marked, sorted. */
  ids: string[];
  /** How many of the rest were drawn, of how many. */
  share: { drawn: number; of: number; percent: number };
}

const utf8 = new TextEncoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** The draw's order for one submission (as the ASYE panel draws its sample): the same for the same seed and id anywhere. */
export function drawKey(seed: string, id: string) {
  return hex(sha256(utf8.encode(`${seed}:${id}`)));
}

/**
 * The second-marking sample for one assignment's first marks: every fail, every mark near a band
 * boundary, and `samplePercent` of the rest (rounded up) in the order of `drawKey(seed, id)`. The
 * order of `submissions` does not matter; the seed is recorded with the sample so anyone can draw
 * it again and get the same ids.
 */
export function secondMarkingSample(
  submissions: { id: string; mark: number }[],
  seed: string,
  scheme: MarkingScheme = MASTERS_SCHEME,
): Sample {
  if (!seed) throw new MarkingRuleError("A sample needs a seed, so that it can be drawn again");
  const seen = new Set<string>();
  for (const s of submissions) {
    if (seen.has(s.id)) throw new MarkingRuleError(`Submission ${s.id} is listed twice`);
    seen.add(s.id);
    checkedMark(s.mark);
  }
  const choices: SampleChoice[] = [...submissions]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, mark }) => {
      const boundaries = boundariesNear(mark, scheme);
      const reasons: SampleReason[] = [];
      if (mark < scheme.passMark) reasons.push("fail");
      if (boundaries.length) reasons.push("boundary");
      return { id, mark, inSample: reasons.length > 0, reasons, boundaries };
    });
  const rest = choices.filter((c) => !c.inSample);
  // Whole-number arithmetic, so 20% of 35 is exactly 7 (0.2 * 35 in floating point rounds up to 8).
  const drawn = Math.ceil((rest.length * scheme.samplePercent) / 100);
  const keyed = rest.map((c) => ({ c, key: drawKey(seed, c.id) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.c.id < b.c.id ? -1 : 1));
  for (const { c } of keyed.slice(0, drawn)) {
    c.inSample = true;
    c.reasons.push("share");
  }
  return {
    seed,
    choices,
    ids: choices.filter((c) => c.inSample).map((c) => c.id),
    share: { drawn, of: rest.length, percent: scheme.samplePercent },
  };
}

// ————— Second marking and disagreement —————

export type SecondMark = { outcome: "agrees" } | { outcome: "proposes"; mark: number };

export interface MarkingState {
  firstMark: number;
  /** Whether the submission is in the second-marking sample. */
  inSample: boolean;
  secondMark?: SecondMark | null;
  /** The agreed mark as each of the two markers recorded it; it stands when both record the same. */
  agreed?: { byFirstMarker?: number | null; bySecondMarker?: number | null } | null;
  /** The third reader's mark, once they have read it. */
  thirdReading?: number | null;
}

export type MarkBasis = "first-mark" | "second-marker-agreed" | "agreed-by-both" | "third-reader";

export const MARK_BASIS_WORDS: Record<MarkBasis, string> = {
  "first-mark": "first mark (not in the second-marking sample)",
  "second-marker-agreed": "first mark, confirmed by the second marker",
  "agreed-by-both": "mark agreed by the first and second markers",
  "third-reader": "third reader's mark",
};

export type NextMarkingStep =
  | { step: "second-marking" }
  /** The second marker proposed a mark within the limit: the two markers agree one between theirs. */
  | { step: "agree-a-mark"; difference: number; range: [number, number]; problem?: string }
  /** One of the two has recorded the agreed mark; the other must record the same. */
  | { step: "other-marker-to-record"; who: "first marker" | "second marker"; mark: number; range: [number, number] }
  /** Over the limit: a third reader, or an agreed mark recorded by both. */
  | { step: "third-reader-or-agreement"; difference: number; range: [number, number]; problem?: string }
  | { step: "ready-for-board"; mark: number; basis: MarkBasis };

/**
 * What must happen next to a first-marked submission, and, once settled, the mark that goes to the
 * exam board and on what basis. An agreed mark must lie between the first and second marks
 * (inclusive) and must be recorded the same by both markers; until then `problem` says what is wrong.
 */
export function nextMarkingStep(state: MarkingState, scheme: MarkingScheme = MASTERS_SCHEME): NextMarkingStep {
  const first = checkedMark(state.firstMark);
  const second = state.secondMark;
  if (!second) {
    if (state.agreed || state.thirdReading != null)
      throw new MarkingRuleError("An agreed or third mark was recorded before the second marking");
    return state.inSample ? { step: "second-marking" } : { step: "ready-for-board", mark: first, basis: "first-mark" };
  }
  if (second.outcome === "agrees") {
    if (state.agreed || state.thirdReading != null)
      throw new MarkingRuleError("The second marker agreed, so there is nothing to agree or read again");
    return { step: "ready-for-board", mark: first, basis: "second-marker-agreed" };
  }
  const proposed = checkedMark(second.mark);
  const difference = Math.abs(first - proposed);
  // Proposing the first mark itself is agreeing with it.
  if (difference === 0 && !state.agreed && state.thirdReading == null)
    return { step: "ready-for-board", mark: first, basis: "second-marker-agreed" };
  const range: [number, number] = [Math.min(first, proposed), Math.max(first, proposed)];
  const overLimit = difference > scheme.disagreementLimit;
  const byFirst = state.agreed?.byFirstMarker ?? null;
  const bySecond = state.agreed?.bySecondMarker ?? null;
  const outside = (m: number) => m < range[0] || m > range[1];
  const waiting = overLimit
    ? ({ step: "third-reader-or-agreement", difference, range } as const)
    : ({ step: "agree-a-mark", difference, range } as const);

  if (byFirst !== null && bySecond !== null) {
    checkedMark(byFirst);
    checkedMark(bySecond);
    if (byFirst !== bySecond)
      return { ...waiting, problem: `The two markers recorded different agreed marks (${byFirst} and ${bySecond})` };
    if (outside(byFirst))
      return { ...waiting, problem: `An agreed mark lies between the two marks, ${range[0]} to ${range[1]}` };
    return { step: "ready-for-board", mark: byFirst, basis: "agreed-by-both" };
  }
  if (state.thirdReading != null) {
    if (!overLimit)
      throw new MarkingRuleError(`A third reader is asked only when the marks differ by more than ${scheme.disagreementLimit}`);
    return { step: "ready-for-board", mark: checkedMark(state.thirdReading), basis: "third-reader" };
  }
  if (byFirst !== null || bySecond !== null) {
    const mark = checkedMark(byFirst ?? bySecond);
    if (outside(mark)) return { ...waiting, problem: `An agreed mark lies between the two marks, ${range[0]} to ${range[1]}` };
    return { step: "other-marker-to-record", who: byFirst === null ? "first marker" : "second marker", mark, range };
  }
  return waiting;
}

// ————— Attempts and resubmission —————

export interface AttemptResult {
  attempt: number;
  /** The mark the work earned. */
  mark: number;
  /** The mark that counts: the same on a first attempt, at most the pass mark on a resubmission. */
  cappedMark: number;
  capped: boolean;
  band: Band;
  passed: boolean;
}

/** An attempt's counted mark and band: a resubmission of 65 counts as 50, a pass. */
export function attemptResult(mark: number, attempt: number, scheme: MarkingScheme = MASTERS_SCHEME): AttemptResult {
  checkedMark(mark);
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > 1 + scheme.resubmissions)
    throw new MarkingRuleError(`Attempt ${attempt} is not allowed: a module has ${1 + scheme.resubmissions} attempts at most`);
  const cappedMark = attempt > 1 ? Math.min(mark, scheme.passMark) : mark;
  return {
    attempt,
    mark,
    cappedMark,
    capped: cappedMark !== mark,
    band: bandOf(cappedMark, scheme.bands),
    passed: cappedMark >= scheme.passMark,
  };
}

export type Resubmission =
  | { allowed: true; attempt: number; cap: number }
  | { allowed: false; reason: string };

/**
 * Whether a module may be submitted again, from its attempts so far (in any order). Only a fail the
 * board has confirmed opens a resubmission, and only `resubmissions` times.
 */
export function resubmission(
  attempts: { attempt: number; mark: number; confirmed: boolean }[],
  scheme: MarkingScheme = MASTERS_SCHEME,
): Resubmission {
  if (attempts.length === 0) return { allowed: false, reason: "The module has not been submitted yet" };
  const last = [...attempts].sort((a, b) => b.attempt - a.attempt)[0]!;
  if (!last.confirmed)
    return { allowed: false, reason: "The exam board has not yet confirmed the mark for this attempt" };
  if (attemptResult(last.mark, last.attempt, scheme).passed) return { allowed: false, reason: "The module has been passed" };
  if (last.attempt > scheme.resubmissions)
    return {
      allowed: false,
      reason:
        scheme.resubmissions === 1
          ? "A failed module may be resubmitted once, and this was the resubmission"
          : `A failed module may be resubmitted ${scheme.resubmissions} times, and these have been used`,
    };
  return { allowed: true, attempt: last.attempt + 1, cap: scheme.passMark };
}

// ————— Credits and the award —————

export interface ExitAward {
  id: string;
  title: string;
  credits: number;
  /** Modules (by slug) that must be passed as well as the credits, e.g. the dissertation for the MA. */
  requiredModules?: string[];
}

export const MASTERS_EXIT_AWARDS: ExitAward[] = [
  { id: "pg-certificate", title: "Postgraduate Certificate", credits: 60 },
  { id: "pg-diploma", title: "Postgraduate Diploma", credits: 120 },
  { id: "ma", title: "Master of Arts", credits: 180 },
];

export interface Classification {
  id: string;
  label: string;
  /** The lowest (rounded) average in this classification. */
  from: number;
}

export interface ClassificationRule {
  /** The average is weighted by each module's credits and uses capped marks. */
  basis: "credit-weighted-average";
  /** "whole-mark": rounded to a whole mark, halves up (69.5 → 70); "exact": compared as it is. */
  rounding: "whole-mark" | "exact";
  classes: Classification[];
}

export const MASTERS_CLASSIFICATION: ClassificationRule = {
  basis: "credit-weighted-average",
  rounding: "whole-mark",
  classes: [
    { id: "distinction", label: "Distinction", from: 70 },
    { id: "merit", label: "Merit", from: 60 },
    { id: "pass", label: "Pass", from: 0 },
  ],
};

export interface ModuleRecord {
  slug: string;
  credits: number;
  attempts: { attempt: number; mark: number; confirmed: boolean }[];
}

export interface ModuleStanding {
  slug: string;
  credits: number;
  /** The credits awarded: all of the module's once the board has confirmed a pass, else 0. */
  creditsAwarded: number;
  /** The latest confirmed attempt's result, or null before the board. */
  confirmed: AttemptResult | null;
  /** An attempt is marked but not yet confirmed by the board. */
  awaitingBoard: boolean;
}

/** Where a module stands: credits come only from a pass the board has confirmed. */
export function moduleStanding(module: ModuleRecord, scheme: MarkingScheme = MASTERS_SCHEME): ModuleStanding {
  if (!Number.isInteger(module.credits) || module.credits <= 0)
    throw new MarkingRuleError(`Module ${module.slug} must carry a whole number of credits`);
  const confirmed = module.attempts
    .filter((a) => a.confirmed)
    .sort((a, b) => b.attempt - a.attempt)
    .map((a) => attemptResult(a.mark, a.attempt, scheme))[0] ?? null;
  return {
    slug: module.slug,
    credits: module.credits,
    creditsAwarded: confirmed?.passed ? module.credits : 0,
    confirmed,
    awaitingBoard: module.attempts.some((a) => !a.confirmed),
  };
}

/** The highest exit award reached: its credits and required modules, or null below the lowest. */
export function awardReached(totalCredits: number, passedModules: string[], awards: ExitAward[] = MASTERS_EXIT_AWARDS) {
  const passed = new Set(passedModules);
  return (
    [...awards]
      .sort((a, b) => b.credits - a.credits)
      .find((a) => totalCredits >= a.credits && (a.requiredModules ?? []).every((m) => passed.has(m))) ?? null
  );
}

/** The credit-weighted average of capped marks, and its classification under the rule. */
export function classify(
  passed: { credits: number; cappedMark: number }[],
  rule: ClassificationRule = MASTERS_CLASSIFICATION,
): { average: number; counted: number; classification: Classification } | null {
  const credits = passed.reduce((sum, m) => sum + m.credits, 0);
  if (credits === 0) return null;
  const average = passed.reduce((sum, m) => sum + m.credits * checkedMark(m.cappedMark), 0) / credits;
  // Round halves up without floating-point surprises: the weighted sum is whole, so compare integers.
  const counted =
    rule.rounding === "whole-mark"
      ? Math.floor((2 * passed.reduce((sum, m) => sum + m.credits * m.cappedMark, 0) + credits) / (2 * credits))
      : average;
  const classification = [...rule.classes].sort((a, b) => b.from - a.from).find((c) => counted >= c.from);
  if (!classification) throw new MarkingRuleError("The classification rule must have a class starting at 0");
  return { average, counted, classification };
}

export interface AwardStanding {
  modules: ModuleStanding[];
  totalCredits: number;
  award: ExitAward | null;
  /** Of the award reached, from the confirmed passed modules; null when no award is reached. */
  classification: { average: number; counted: number; classification: Classification } | null;
}

/** A learner's credits, award and classification from their modules' attempts. */
export function awardStanding(
  modules: ModuleRecord[],
  options: { scheme?: MarkingScheme; awards?: ExitAward[]; rule?: ClassificationRule } = {},
): AwardStanding {
  const scheme = options.scheme ?? MASTERS_SCHEME;
  const standings = modules.map((m) => moduleStanding(m, scheme));
  const totalCredits = standings.reduce((sum, m) => sum + m.creditsAwarded, 0);
  const passed = standings.filter((m) => m.creditsAwarded > 0);
  const award = awardReached(totalCredits, passed.map((m) => m.slug), options.awards);
  const classification = award
    ? classify(
        passed.map((m) => ({ credits: m.credits, cappedMark: m.confirmed!.cappedMark })),
        options.rule,
      )
    : null;
  return { modules: standings, totalCredits, award, classification };
}
