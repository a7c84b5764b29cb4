/** Moderation panels: which portfolios a panel reads, and where each outcome is. Pure. */
import { createHash } from "node:crypto";
import type { PanelCase } from "#db/schema";

/**
 * Every recommended fail, plus a share of the passes (at least one when there are any),
 * drawn by a hash of the seed and the case: random-looking, and the same every time for
 * the same seed, so anyone can repeat the draw.
 */
export function panelSample(cases: PanelCase[], share: number, seed: string): PanelCase[] {
  const fails = cases.filter((c) => c.recommendation === "fail");
  const passes = cases.filter((c) => c.recommendation === "pass");
  const wanted = passes.length ? Math.min(passes.length, Math.max(1, Math.ceil(passes.length * share))) : 0;
  const rank = (c: PanelCase) => createHash("sha256").update(`${seed}:${c.enrolmentId}`).digest("hex");
  const drawn = [...passes].sort((a, b) => rank(a).localeCompare(rank(b))).slice(0, wanted);
  return [...fails, ...drawn];
}

export const PANEL_OUTCOMES = {
  agree: "Agree with the assessor's recommendation",
  disagree: "Disagree with the recommendation",
  extension: "Extend the year: more evidence is needed",
} as const;
export type PanelOutcome = keyof typeof PANEL_OUTCOMES;

/** An extension the panel gives is a whole number of days, up to a year (as the year's own settings allow). */
export const EXTENSION_DAYS = { min: 1, max: 365 } as const;

export interface OutcomeLike {
  enrolmentId: string;
  /** recorded (a panel member), chair_signed (the chair, for a portfolio read), ratified (the chair, for a pass not drawn). */
  step: string;
  outcome: string;
  extensionDays?: number | null;
  /** The final assessment's sign-off the outcome is about; null on outcomes written before it was kept. */
  signoffId?: string | null;
}

export type CaseState = "to_read" | "recorded" | "final";

/**
 * Where one portfolio is in a panel: to read, recorded (waiting for the chair) or final. A portfolio
 * read by the panel is final when the chair signs the recorded outcome; a pass not drawn for
 * reading is final when the chair ratifies it.
 */
export function caseState<O extends OutcomeLike>(enrolmentId: string, outcomes: O[]) {
  const own = outcomes.filter((o) => o.enrolmentId === enrolmentId);
  const recorded = own.find((o) => o.step === "recorded") ?? null;
  const signed = own.find((o) => o.step === "chair_signed" || o.step === "ratified") ?? null;
  const state: CaseState = signed ? "final" : recorded ? "recorded" : "to_read";
  return { state, recorded, signed, ratified: signed?.step === "ratified" };
}

/** The year is passed when the panel's final outcome agrees with a pass, or overturns a fail. */
export function passed(recommendation: "pass" | "fail", finalOutcome: string | null) {
  return (
    (recommendation === "pass" && finalOutcome === "agree") ||
    (recommendation === "fail" && finalOutcome === "disagree")
  );
}

/**
 * What the panel's final word means for the year:
 * - passed: a pass the panel agreed with (read, or ratified without reading), or a fail it overturned;
 *   the certificate is issued with it;
 * - failed: a fail the panel agreed with;
 * - not_passed: a pass the panel disagreed with;
 * - extended: the panel gave more time; no certificate yet, the year ends later;
 * - waiting: no final outcome yet.
 */
export type YearOutcomeKind = "waiting" | "passed" | "failed" | "not_passed" | "extended";

export interface YearOutcome {
  kind: YearOutcomeKind;
  /** How a pass came about: the panel read it and agreed, the chair ratified it unread, or the panel overturned a fail. */
  how: "agreed" | "ratified" | "overturned" | null;
  extensionDays: number | null;
}

export function yearOutcome(
  recommendation: "pass" | "fail",
  final: Pick<OutcomeLike, "step" | "outcome" | "extensionDays"> | null,
): YearOutcome {
  const none = { how: null, extensionDays: null };
  if (!final || (final.step !== "chair_signed" && final.step !== "ratified")) return { kind: "waiting", ...none };
  if (final.outcome === "extension") return { kind: "extended", how: null, extensionDays: final.extensionDays ?? null };
  if (passed(recommendation, final.outcome))
    return {
      kind: "passed",
      how: recommendation === "fail" ? "overturned" : final.step === "ratified" ? "ratified" : "agreed",
      extensionDays: null,
    };
  return { kind: recommendation === "fail" ? "failed" : "not_passed", ...none };
}

/** What the learner, their supervisor and their lead read about the outcome, in plain words, with what happens next. */
export function describeOutcome(outcome: YearOutcome, ctx: { endsOn: string; decidedOn: string | null }) {
  const on = ctx.decidedOn ? ` on ${ctx.decidedOn}` : "";
  switch (outcome.kind) {
    case "passed":
      return {
        title: "The year is passed",
        text:
          outcome.how === "overturned"
            ? `The moderation panel did not agree with the recommendation to fail, and its chair signed the pass${on}.`
            : outcome.how === "ratified"
              ? `The moderation panel's chair ratified the assessor's pass${on}.`
              : `The moderation panel has confirmed the pass${on}.`,
        next: "Download the certificate below.",
      };
    case "failed":
      return {
        title: "The year is not passed",
        text: `The moderation panel agreed with the assessor's recommendation to fail; its chair signed the outcome${on}.`,
        next: "Your programme lead will talk with you about what happens next. You can appeal under your employer's procedure.",
      };
    case "not_passed":
      return {
        title: "The year is not passed yet",
        text: `The moderation panel did not agree with the recommendation to pass; its chair signed the outcome${on}.`,
        next: "Your programme lead will meet you and your assessor to agree what happens next, such as more time and evidence. You can appeal under your employer's procedure.",
      };
    case "extended":
      return {
        title: "The year is extended",
        text: `The moderation panel extended the year${outcome.extensionDays ? ` by ${outcome.extensionDays} days` : ""}; its chair signed the outcome${on}. There is no certificate yet.`,
        next: `The year now ends on ${ctx.endsOn}. Add the evidence the panel asked for, and the final assessment goes to a panel again.`,
      };
    default:
      return {
        title: "With the moderation panel",
        text: "The final assessment is signed off and is with the moderation panel.",
        next: "The outcome is final when the panel's chair signs it.",
      };
  }
}

/**
 * The passes of a round the panel did not draw for reading, which the chair may ratify in one signed
 * step once every portfolio it did read has a final outcome. `finalElsewhere` names portfolios
 * already given a final outcome by another panel: they are neither ratified again nor waited for.
 */
export function ratification<O extends OutcomeLike>(
  round: PanelCase[],
  sample: PanelCase[],
  outcomes: O[],
  finalElsewhere: ReadonlySet<string> = new Set(),
) {
  const sampled = new Set(sample.map((c) => c.enrolmentId));
  const waitingForSample = sample.filter(
    (c) => !finalElsewhere.has(c.enrolmentId) && caseState(c.enrolmentId, outcomes).state !== "final",
  ).length;
  const unread = round.filter((c) => c.recommendation === "pass" && !sampled.has(c.enrolmentId));
  const toRatify = unread.filter(
    (c) => !finalElsewhere.has(c.enrolmentId) && caseState(c.enrolmentId, outcomes).state !== "final",
  );
  return {
    waitingForSample,
    toRatify,
    ratified: unread.filter((c) => caseState(c.enrolmentId, outcomes).ratified).length,
    canRatify: waitingForSample === 0 && toRatify.length > 0,
  };
}
