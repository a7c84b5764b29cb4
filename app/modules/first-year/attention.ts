/**
 * What in one learner's year needs someone's attention: what waits for this person to act
 * on, and what is overdue. Pure: the desk and the programme lead's page share it.
 */
import { differenceInCalendarDays, format } from "date-fns";
import type { ReviewState } from "~/modules/signoff/reviews";
import type { Party } from "./agreement";

export interface AttentionInput {
  base: string;
  agreement: { state: "signed" | "overdue" | "waiting"; missing: Party[]; written: boolean };
  /** Whether the year names its team manager: until it does, nobody can sign or countersign for them. */
  teamManagerNamed: boolean;
  nextSupervision: Date | null;
  missedSupervision: number;
  workloadFlags: number;
  /** Direct observations the year's pace says should be recorded by now and are not. */
  observationsToRecord: number;
  newEvidence: number;
  reviews?: { code: string; title: string; due: Date; state: ReviewState }[];
}

export interface AttentionItem {
  text: string;
  href: string;
}

/** Supervision due within this many days waits for the supervisor. */
export const SUPERVISION_SOON_DAYS = 7;

/**
 * Who is looking: the year's supervisor (their desk), its team manager (their team's page) or the
 * programme lead (the organisation's people page). The lead signs nothing in the year: what waits for
 * them is a year with no team manager named, which they name on the year's settings.
 */
export type AttentionViewer = "supervisor" | "team_manager" | "programme_lead";

export function attention(input: AttentionInput, viewer: AttentionViewer, today: Date) {
  const { base } = input;
  const waiting: AttentionItem[] = [];
  const overdue: AttentionItem[] = [];
  if (viewer === "programme_lead" && !input.teamManagerNamed)
    waiting.push({ text: "Team manager to name", href: `${base}/settings` });
  if (viewer !== "programme_lead" && input.agreement.state !== "signed" && input.agreement.missing.includes(viewer))
    waiting.push({
      text: input.agreement.written ? "Learning agreement to sign" : "Learning agreement to write and sign",
      href: `${base}/agreement`,
    });
  if (viewer === "supervisor") {
    if (input.nextSupervision && differenceInCalendarDays(input.nextSupervision, today) <= SUPERVISION_SOON_DAYS)
      waiting.push({
        text: `Supervision due by ${format(input.nextSupervision, "d MMM")}`,
        href: `${base}/supervision`,
      });
    if (input.observationsToRecord > 0)
      waiting.push({
        text: `${input.observationsToRecord} direct observation${input.observationsToRecord === 1 ? "" : "s"} to record: behind the pace of the year`,
        href: `${base}/portfolio`,
      });
    if (input.newEvidence > 0)
      waiting.push({
        text: `${input.newEvidence} new piece${input.newEvidence === 1 ? "" : "s"} of evidence to read`,
        href: `${base}/portfolio`,
      });
  }
  for (const r of input.reviews ?? []) {
    const href = `${base}/reviews/${r.code}`;
    if (viewer === "supervisor" && r.state === "submitted") waiting.push({ text: `${r.title} to decide`, href });
    if (viewer === "team_manager" && r.state === "approved") waiting.push({ text: `${r.title} to countersign`, href });
    if (r.state !== "complete" && differenceInCalendarDays(r.due, today) < 0)
      overdue.push({ text: `${r.title} overdue`, href });
  }
  if (input.agreement.state === "overdue")
    overdue.push({ text: "Learning agreement overdue", href: `${base}/agreement` });
  if (input.missedSupervision)
    overdue.push({ text: `${input.missedSupervision} supervision missed`, href: `${base}/supervision` });
  if (input.workloadFlags)
    overdue.push({
      text: `Workload: ${input.workloadFlags} ${input.workloadFlags === 1 ? "week" : "weeks"} flagged`,
      href: `${base}/workload`,
    });
  return { waiting, overdue };
}
