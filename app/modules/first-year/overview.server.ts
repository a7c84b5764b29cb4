/** The learning agreement's state for a list of enrolments, for start pages and the supervisor's desk. */
import type { Enrolment } from "~/modules/programmes/learning.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { agreementStatus, type Party } from "./agreement";
import { agreementsFor } from "./agreement.server";
import { learningAgreementDue, yearInputFor } from "./year";
import { perYear } from "./year-cache.server";
import { cacheEntry } from "~/utils/cache.server";
import { englandToday } from "~/utils/england";

export type AgreementSummary = {
  href: string;
  yearHref: string;
  state: "signed" | "overdue" | "waiting";
  missing: Party[];
  written: boolean;
};

/** Each year's agreement summary, in the data cache. */
const AGREEMENT_SUMMARIES = cacheEntry<AgreementSummary>("agreement-summary");

export async function agreementSummaries(enrolments: Enrolment[], today = englandToday()) {
  const assessed = enrolments.filter((e) => findProgramme(e.programmeSlug)?.assessment);
  const found = await agreementsFor(assessed.map((e) => e.id));
  const summaries = new Map<string, AgreementSummary>();
  for (const e of assessed) {
    const programme = findProgramme(e.programmeSlug)!;
    const due = learningAgreementDue(yearInputFor(e, programme));
    const row = found.get(e.id);
    const status = agreementStatus(row?.agreement ?? null, row?.signatures ?? [], due, today);
    summaries.set(e.id, {
      href: `/year/${e.id}/agreement`,
      yearHref: `/year/${e.id}`,
      state: status.complete ? "signed" : status.overdue ? "overdue" : "waiting",
      missing: status.missing,
      written: !!row?.agreement,
    });
  }
  return summaries;
}

/**
 * The same, cached against each year's revision (year-cache.server.ts): a learner's start page
 * reads the agreements again only when something in the year has changed.
 */
export async function keptAgreementSummaries(years: (Enrolment & { revision: number })[], today = englandToday()) {
  const assessed = years.filter((e) => findProgramme(e.programmeSlug)?.assessment);
  return perYear(
    AGREEMENT_SUMMARIES,
    assessed.map((e) => ({ enrolment: e, revision: e.revision })),
    today,
    "",
    (missing) => agreementSummaries(missing.map((m) => m.enrolment), today),
  );
}
