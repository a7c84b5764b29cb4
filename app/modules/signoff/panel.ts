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

export interface OutcomeLike {
  enrolmentId: string;
  step: string;
  outcome: string;
}

export type CaseState = "to_read" | "recorded" | "final";

export function caseState<O extends OutcomeLike>(enrolmentId: string, outcomes: O[]) {
  const recorded = outcomes.find((o) => o.enrolmentId === enrolmentId && o.step === "recorded") ?? null;
  const signed = outcomes.find((o) => o.enrolmentId === enrolmentId && o.step === "chair_signed") ?? null;
  const state: CaseState = signed ? "final" : recorded ? "recorded" : "to_read";
  return { state, recorded, signed };
}

/** The year is passed when the panel's final outcome agrees with a pass recommendation. */
export function passed(recommendation: "pass" | "fail", finalOutcome: string | null) {
  return recommendation === "pass" && finalOutcome === "agree";
}
