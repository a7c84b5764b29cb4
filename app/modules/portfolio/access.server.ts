/** The gate for every portfolio page: the year's access rules, plus what this person may write. */
import { requireYearAccess } from "~/modules/first-year/access.server";
import { loadManifest } from "~/modules/programmes/catalogue.server";
import { requireUser } from "~/utils/auth.server";
import { criteriaFramework } from "~/modules/assessment/criteria";
import type { PortfolioActor } from "./portfolio.server";
import { isoDate, yearEnd, yearInputFor } from "~/modules/first-year/year";
import {
  coverageRules,
  frameworksFor,
  frameworksOf,
  kindsWrittenBy,
  mappableCodes,
  mappingProblem,
  replacementFor,
  type CoverageRule,
} from "./rules";

/** The dates a framework's evidence counts between, for the form's hint: "from 1 April 2027". */
function datesOf(coverage: CoverageRule[], id: string) {
  const rule = coverage.find((c) => c.framework === id && (c.from || c.until));
  return rule ? { from: rule.from ?? null, until: rule.until ?? null } : null;
}

export async function requirePortfolio(request: Request, enrolmentId: string | undefined, ipAddress?: string) {
  const current = await requireUser(request);
  const access = await requireYearAccess(current, enrolmentId, { criteria: true });
  const actor: PortfolioActor = {
    userId: current.user.id,
    role: access.party === "learner" ? "learner" : current.active!.role,
    organisationId: access.enrolment.organisationId,
    ipAddress,
  };
  if (!access.programme.assessment) {
    // Assessed against criteria (ADR 024): evidence is mapped to the programme's criteria, as to a framework.
    const framework = criteriaFramework(access.programme);
    return {
      current,
      ...access,
      rules: null,
      criteria: true as const,
      frameworks: [{ ...framework, dates: null }],
      codes: mappableCodes([framework], [framework.id]),
      endsOn: null,
      replacement: null,
      mappingProblem: () => null,
      writable: kindsWrittenBy(access.party),
      actor,
    };
  }
  const rules = access.programme.assessment;
  const { pathway } = access.enrolment;
  const endsOn = isoDate(yearEnd(yearInputFor(access.enrolment, access.programme)));
  const frameworkIds = frameworksFor(rules, pathway, endsOn);
  const frameworks = frameworksOf(loadManifest().frameworks, rules, pathway, endsOn);
  const coverage = coverageRules(rules, pathway, endsOn);
  return {
    current,
    ...access,
    rules,
    criteria: false as const,
    frameworks: frameworks.map((f) => ({ ...f, dates: datesOf(coverage, f.id) })),
    codes: mappableCodes(frameworks, frameworkIds),
    endsOn,
    replacement: replacementFor(rules, pathway, endsOn),
    /** Why evidence of a date cannot be mapped to the chosen codes (a withdrawn framework), or null. */
    mappingProblem: (occurredOn: string, chosen: string[]) => mappingProblem(frameworks, coverage, occurredOn, chosen),
    writable: kindsWrittenBy(access.party),
    actor,
  };
}
