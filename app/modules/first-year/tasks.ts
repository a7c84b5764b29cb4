/**
 * What in one assessed year needs a person now and what comes next, worked out from the year's
 * records as they stand: the learner's home, the supervisor's desk, the team manager's team and the
 * programme lead's people page all list these. In order of urgency: returned or overdue first,
 * then due now or soon, then what is coming; what is done is not a task. Pure.
 */
import { differenceInCalendarDays, format } from "date-fns";
import type { ReviewState } from "~/modules/signoff/reviews";
import type { Party } from "./agreement";

export type Urgency = "returned" | "overdue" | "due" | "upcoming";

export const URGENCY_ORDER: Record<Urgency, number> = { returned: 0, overdue: 1, due: 2, upcoming: 3 };

export const URGENCY_LABELS: Record<Urgency, string> = {
  returned: "Returned",
  overdue: "Overdue",
  due: "To do",
  upcoming: "Coming up",
};

export interface Task {
  text: string;
  /** Where the task is done. */
  href: string;
  urgency: Urgency;
  /** When it is due, if it has a date. */
  due: Date | null;
}

/** Who is asking: the learner, or someone who signs in or oversees the year. */
export type TaskParty = Party | "programme_lead";

export interface YearTaskInput {
  base: string;
  agreement: { state: "signed" | "overdue" | "waiting"; missing: Party[]; written: boolean; due?: Date };
  /** Whether the year names its team manager: until it does, nobody can sign or countersign for them. */
  teamManagerNamed: boolean;
  nextSupervision: Date | null;
  missedSupervision: number;
  workloadFlags: number;
  /** Direct observations the year's pace says should be recorded by now and are not. */
  observationsToRecord: number;
  /** Versions of evidence the supervisor has not opened yet (evidence_reads). */
  newEvidence: number;
  reviews?: { code: string; title: string; due: Date; state: ReviewState }[];
  /** Supervision records the learner has not acknowledged yet. */
  supervisionToAcknowledge?: number;
  /** Evidence (a direct observation, a piece of feedback) waiting for the learner's reflection. */
  reflectionsToWrite?: number;
  /** The moderation panel's outcome, once there is one. */
  panel?: { passed: boolean; certificateHref: string | null } | null;
}

/** Supervision due within this many days waits for the supervisor. */
export const SUPERVISION_SOON_DAYS = 7;
/** A review point within this many days is due soon for the learner; further off, it is coming up. */
export const REVIEW_SOON_DAYS = 28;

/** Sorts tasks most urgent first and, within the same urgency, soonest first (undated last). */
export function byUrgency(a: Task, b: Task) {
  return (
    URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
    (a.due?.getTime() ?? Number.POSITIVE_INFINITY) - (b.due?.getTime() ?? Number.POSITIVE_INFINITY)
  );
}

/**
 * Rows of people (the desk, the team, the people page) with those who need the viewer most first:
 * by the most urgent thing in each one's year, the rest in the order they came (stable).
 */
export function byMostUrgent<T>(rows: T[], urgencyOf: (row: T) => Urgency | null): T[] {
  const rank = (row: T) => {
    const urgency = urgencyOf(row);
    return urgency ? URGENCY_ORDER[urgency] : Object.keys(URGENCY_ORDER).length;
  };
  return rows
    .map((row, index) => ({ row, index, rank: rank(row) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ row }) => row);
}

export function yearTasks(input: YearTaskInput, party: TaskParty, today: Date): Task[] {
  const { base } = input;
  const daysTo = (d: Date) => differenceInCalendarDays(d, today);
  const dated = (due: Date): Urgency => (daysTo(due) < 0 ? "overdue" : "due");
  // A passed year asks nothing more of anyone; the learner's one task is to take their certificate.
  if (input.panel?.passed)
    return party === "learner" && input.panel.certificateHref
      ? [{ text: "Download your certificate", href: input.panel.certificateHref, urgency: "due", due: null }]
      : [];

  const tasks: Task[] = [];
  if (party === "programme_lead" && !input.teamManagerNamed)
    tasks.push({ text: "Team manager to name", href: `${base}/settings`, urgency: "due", due: null });
  if (party !== "programme_lead" && input.agreement.state !== "signed" && input.agreement.missing.includes(party))
    tasks.push({
      text: input.agreement.written ? "Learning agreement to sign" : "Learning agreement to write and sign",
      href: `${base}/agreement`,
      urgency: input.agreement.state === "overdue" ? "overdue" : "due",
      due: input.agreement.due ?? null,
    });

  const reviews = input.reviews ?? [];
  if (party === "learner") {
    // The learner's reviews: one returned is theirs to act on first; of those not yet submitted,
    // the next one only (a later review point is not a task while an earlier one is open).
    for (const r of reviews) {
      const href = `${base}/reviews/${r.code}`;
      if (r.state === "returned")
        tasks.push({
          text: `${r.title} returned: make the changes and submit again`,
          href,
          urgency: "returned",
          due: r.due,
        });
    }
    const next = reviews.find((r) => r.state === "not_started");
    const open = reviews.some((r) => r.state === "submitted" || r.state === "approved" || r.state === "returned");
    if (next && (!open || daysTo(next.due) < 0)) {
      const href = `${base}/reviews/${next.code}`;
      const days = daysTo(next.due);
      tasks.push({
        text:
          days < 0
            ? `${next.title} overdue: submit it`
            : `${next.title} to submit by ${format(next.due, "d MMM yyyy")}`,
        href,
        urgency: days < 0 ? "overdue" : days <= REVIEW_SOON_DAYS ? "due" : "upcoming",
        due: next.due,
      });
    }
    if (input.supervisionToAcknowledge)
      tasks.push({
        text: `${input.supervisionToAcknowledge} supervision record${input.supervisionToAcknowledge === 1 ? "" : "s"} to read and acknowledge`,
        href: `${base}/supervision`,
        urgency: "due",
        due: null,
      });
    if (input.reflectionsToWrite)
      tasks.push({
        text: `${input.reflectionsToWrite} piece${input.reflectionsToWrite === 1 ? "" : "s"} of evidence to reflect on`,
        href: `${base}/portfolio`,
        urgency: "due",
        due: null,
      });
  }

  if (party === "supervisor") {
    for (const r of reviews)
      if (r.state === "submitted")
        tasks.push({
          text: `${r.title} to decide`,
          href: `${base}/reviews/${r.code}`,
          urgency: dated(r.due),
          due: r.due,
        });
    if (input.missedSupervision)
      tasks.push({
        text: `${input.missedSupervision} supervision missed: hold and record it`,
        href: `${base}/supervision`,
        urgency: "overdue",
        due: null,
      });
    else if (input.nextSupervision && daysTo(input.nextSupervision) <= SUPERVISION_SOON_DAYS)
      tasks.push({
        text: `Supervision due by ${format(input.nextSupervision, "d MMM")}`,
        href: `${base}/supervision`,
        urgency: dated(input.nextSupervision),
        due: input.nextSupervision,
      });
    if (input.observationsToRecord > 0)
      tasks.push({
        text: `${input.observationsToRecord} direct observation${input.observationsToRecord === 1 ? "" : "s"} to record: behind the pace of the year`,
        href: `${base}/portfolio`,
        urgency: "due",
        due: null,
      });
    if (input.newEvidence > 0)
      tasks.push({
        text: `${input.newEvidence} piece${input.newEvidence === 1 ? "" : "s"} of evidence to read`,
        href: `${base}/portfolio`,
        urgency: "due",
        due: null,
      });
  }

  if (party === "team_manager")
    for (const r of reviews)
      if (r.state === "approved")
        tasks.push({
          text: `${r.title} to countersign`,
          href: `${base}/reviews/${r.code}`,
          urgency: dated(r.due),
          due: r.due,
        });

  return tasks.sort(byUrgency);
}

/** What in the year is overdue, whoever's it is to do: those who oversee the year see all of it. */
export function overdueInYear(input: YearTaskInput, today: Date): Pick<Task, "text" | "href">[] {
  if (input.panel?.passed) return [];
  const { base } = input;
  const overdue: Pick<Task, "text" | "href">[] = [];
  for (const r of input.reviews ?? [])
    if (r.state !== "complete" && differenceInCalendarDays(r.due, today) < 0)
      overdue.push({ text: `${r.title} overdue`, href: `${base}/reviews/${r.code}` });
  if (input.agreement.state === "overdue")
    overdue.push({ text: "Learning agreement overdue", href: `${base}/agreement` });
  if (input.missedSupervision)
    overdue.push({ text: `${input.missedSupervision} supervision missed`, href: `${base}/supervision` });
  if (input.workloadFlags)
    overdue.push({
      text: `Workload: ${input.workloadFlags} ${input.workloadFlags === 1 ? "week" : "weeks"} flagged`,
      href: `${base}/workload`,
    });
  return overdue;
}
