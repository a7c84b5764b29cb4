/**
 * One line per learner's assessed year for the supervisor's desk, the team manager's team and the
 * programme lead's people page: learning agreement, supervision against the schedule, portfolio, workload
 * flags, and what of it waits for the viewer or is overdue.
 * A fixed number of queries however many learners there are.
 */
import { parseISO } from "date-fns";
import { findProgramme, loadManifest } from "~/modules/programmes/catalogue.server";
import type { Enrolment } from "~/modules/programmes/learning.server";
import { evidenceForEnrolments } from "~/modules/portfolio/portfolio.server";
import { observationsBehind } from "~/modules/portfolio/rules";
import { assembleYear } from "./assembly";
import { describeYear, learningAgreementDue } from "./year";
import { sessionsFor } from "~/modules/supervision/supervision.server";
import { workloadFor } from "~/modules/workload/workload.server";
import { reviewRecordsFor } from "~/modules/signoff/reviews.server";
import { attentionFrom, type AttentionItem } from "./attention";
import { yearTasks, type TaskParty, type Urgency, type YearTaskInput } from "./tasks";
import { agreementSummaries, type AgreementSummary } from "./overview.server";
import { oldestKept, perYear } from "./year-cache.server";
import { cacheEntry } from "~/utils/cache.server";
import { englandToday } from "~/utils/england";

/** Each year's summary, in the data cache. */
const SUMMARIES = cacheEntry<YearSummary>("year-summary");

export interface YearSummary {
  enrolmentId: string;
  userId: string;
  yearHref: string;
  /** Where the learner is in the year, in words (describeYear). */
  position: string;
  agreement: AgreementSummary;
  supervisionHref: string;
  nextSupervision: Date | null;
  missedSupervision: number;
  workloadHref: string;
  workloadFlags: number;
  portfolioHref: string;
  evidencePercent: number;
  waiting: AttentionItem[];
  overdue: AttentionItem[];
  /** The most urgent thing in the year for the viewer: what they must do, or what is overdue. */
  urgency: Urgency | null;
  /** What the year's tasks are worked out from (tasks.ts), for a page that adds what it knows. */
  taskInput: YearTaskInput;
}

/**
 * The summaries of the assessed years among `enrolments`, each worked out again only when its year
 * has changed (its revision), on a new day, or after five minutes (year-cache.server).
 */
export async function yearSummaries(
  enrolments: (Enrolment & { revision: number })[],
  today = englandToday(),
  viewer: TaskParty = "programme_lead",
): Promise<Map<string, YearSummary>> {
  const assessed = enrolments.filter((e) => e.organisationId && findProgramme(e.programmeSlug)?.assessment);
  return perYear(
    SUMMARIES,
    assessed.map((e) => ({ enrolment: e, revision: e.revision })),
    today,
    viewer,
    (missing) =>
      workOutSummaries(
        missing.map((m) => m.enrolment),
        today,
        viewer,
      ),
  );
}

/** When the oldest kept summary of these enrolments' years was worked out (`now` if none is kept). */
export function summariesKeptSince(enrolments: { id: string }[], now: number) {
  return oldestKept(
    SUMMARIES,
    enrolments.map((e) => e.id),
    now,
  );
}

async function workOutSummaries(
  assessed: Enrolment[],
  today: Date,
  viewer: TaskParty,
): Promise<Map<string, YearSummary>> {
  const ids = assessed.map((e) => e.id);
  const [agreements, held, workload, evidence, reviews] = await Promise.all([
    agreementSummaries(assessed, today),
    sessionsFor(ids),
    workloadFor(ids),
    evidenceForEnrolments(ids),
    reviewRecordsFor(ids),
  ]);
  const frameworks = loadManifest().frameworks;
  const result = new Map<string, YearSummary>();
  for (const e of assessed) {
    const programme = findProgramme(e.programmeSlug)!;
    const items = evidence.get(e.id) ?? [];
    const {
      year,
      ends,
      reviews: reviewPoints,
      schedule,
      meter,
      flaggedWeeks,
    } = assembleYear(
      e,
      programme,
      frameworks,
      {
        heldOn: (held.get(e.id) ?? []).map((s) => s.heldOn),
        evidence: items,
        weeks: workload.weeks.get(e.id) ?? [],
        limit: workload.limits.get(e.id) ?? null,
        reviews: reviews.get(e.id)!,
      },
      today,
    );
    const start = parseISO(e.startedOn).getTime();
    const shareGone = (today.getTime() - start) / (ends.getTime() - start);
    const observations = meter.kinds.find((k) => k.kind === "direct_observation");
    const base = `/year/${e.id}`;
    const summary = {
      enrolmentId: e.id,
      userId: e.userId,
      yearHref: base,
      position: describeYear(year, today),
      agreement: agreements.get(e.id)!,
      supervisionHref: `${base}/supervision`,
      nextSupervision: schedule.next?.due ?? null,
      missedSupervision: schedule.overdue,
      workloadHref: `${base}/workload`,
      workloadFlags: flaggedWeeks.length,
      portfolioHref: `${base}/portfolio`,
      evidencePercent: meter.percent,
    };
    const taskInput: YearTaskInput = {
      base,
      agreement: { ...summary.agreement, due: learningAgreementDue(year) },
      teamManagerNamed: !!e.teamManagerId,
      nextSupervision: summary.nextSupervision,
      missedSupervision: summary.missedSupervision,
      workloadFlags: summary.workloadFlags,
      observationsToRecord: observations ? observationsBehind(observations.required, observations.have, shareGone) : 0,
      newEvidence: items.filter((i) => i.toRead).length,
      reviews: reviewPoints,
      supervisionToAcknowledge: (held.get(e.id) ?? []).filter((s) => !s.acknowledged).length,
      reflectionsToWrite: items.filter((i) => i.awaitingReflection).length,
    };
    // Sorted most urgent first: the first is what the row of people is sorted by.
    const tasks = yearTasks(taskInput, viewer, today);
    const { waiting, overdue } = attentionFrom(tasks, taskInput, today);
    const first = tasks[0];
    const urgency = overdue.length && (!first || first.urgency !== "returned") ? "overdue" : (first?.urgency ?? null);
    result.set(e.id, { ...summary, waiting, overdue, urgency, taskInput });
  }
  return result;
}
