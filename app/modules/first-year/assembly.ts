/**
 * One assessed year worked out from its records: the year's dates, its review points, supervision
 * against the schedule, the portfolio's sufficiency and the workload weeks. The year page and the
 * one-line summaries (the desk, the team, the people page) both start here, so they cannot disagree
 * about where a learner is.
 */
import type { Framework, Programme } from "~/modules/programmes/content-schema";
import { frameworksOf, sufficiency, type EvidenceSummary } from "~/modules/portfolio/rules";
import { reviewStates, type SignoffLike, type SubmissionLike } from "~/modules/signoff/reviews";
import { supervisionSchedule } from "~/modules/supervision/schedule";
import { judgeWeeks, type WorkloadWeek } from "~/modules/workload/rules";
import { isoDate, yearEnd, yearInputFor } from "./year";

export interface YearRecords<E extends EvidenceSummary> {
  /** The days supervision was held. */
  heldOn: string[];
  evidence: E[];
  weeks: WorkloadWeek[];
  /** The caseload limit the employer set for this year, if any. */
  limit: number | null;
  reviews: {
    submissions: (SubmissionLike & { reviewCode: string })[];
    signoffs: (SignoffLike & { reviewCode: string; signedAt: Date })[];
    reopened?: ReadonlySet<string>;
  };
}

export function assembleYear<E extends EvidenceSummary>(
  enrolment: Parameters<typeof yearInputFor>[0] & { pathway: string | null },
  programme: Programme,
  frameworks: Framework[],
  records: YearRecords<E>,
  today: Date,
) {
  const rules = programme.assessment!;
  const year = yearInputFor(enrolment, programme);
  const reviews = reviewStates(year, records.reviews);
  const ends = yearEnd(year);
  const endsOn = isoDate(ends);
  const schedule = supervisionSchedule(enrolment, programme, records.heldOn, today);
  const meter = sufficiency(
    rules,
    enrolment.pathway,
    frameworksOf(frameworks, rules, enrolment.pathway, endsOn),
    records.evidence,
    { reviews, today, endsOn },
  );
  const weeks = judgeWeeks(records.weeks, records.limit, rules.protectedTimeShare);
  const flaggedWeeks = weeks.filter((w) => w.overCaseload || w.shortOfProtectedTime);
  return { rules, year, ends, endsOn, reviews, schedule, meter, weeks, flaggedWeeks };
}

export type AssembledYear = ReturnType<typeof assembleYear>;
