/**
 * One line per learner's assessed year for the supervisor's desk and the programme lead's
 * people page: learning agreement, supervision against the schedule, workload flags.
 * A fixed number of queries however many learners there are.
 */
import { findProgramme } from "~/modules/programmes/catalogue.server";
import type { Enrolment } from "~/modules/programmes/learning.server";
import { supervisionSchedule } from "~/modules/supervision/schedule";
import { sessionDatesFor } from "~/modules/supervision/supervision.server";
import { breaches, judgeWeeks } from "~/modules/workload/rules";
import { workloadFor } from "~/modules/workload/workload.server";
import { agreementSummaries, type AgreementSummary } from "./overview.server";

export interface YearSummary {
  enrolmentId: string;
  userId: string;
  agreement: AgreementSummary;
  supervisionHref: string;
  nextSupervision: Date | null;
  missedSupervision: number;
  workloadHref: string;
  workloadFlags: number;
}

export async function yearSummaries(enrolments: Enrolment[], today = new Date()): Promise<Map<string, YearSummary>> {
  const assessed = enrolments.filter((e) => e.organisationId && findProgramme(e.programmeSlug)?.assessment);
  const ids = assessed.map((e) => e.id);
  const [agreements, held, workload] = await Promise.all([
    agreementSummaries(assessed, today),
    sessionDatesFor(ids),
    workloadFor(ids),
  ]);
  const result = new Map<string, YearSummary>();
  for (const e of assessed) {
    const programme = findProgramme(e.programmeSlug)!;
    const schedule = supervisionSchedule(e, programme, held.get(e.id) ?? [], today);
    result.set(e.id, {
      enrolmentId: e.id,
      userId: e.userId,
      agreement: agreements.get(e.id)!,
      supervisionHref: `/year/${e.id}/supervision`,
      nextSupervision: schedule.next?.due ?? null,
      missedSupervision: schedule.overdue,
      workloadHref: `/year/${e.id}/workload`,
      workloadFlags: breaches(
        judgeWeeks(
          workload.weeks.get(e.id) ?? [],
          workload.limits.get(e.id) ?? null,
          programme.assessment!.protectedTimeShare,
        ),
      ),
    });
  }
  return result;
}
