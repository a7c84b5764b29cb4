/** The gate for every portfolio page: the year's access rules, plus what this person may write. */
import { requireYearAccess } from "~/modules/first-year/access.server";
import { loadManifest } from "~/modules/programmes/catalogue.server";
import { requireUser } from "~/utils/auth.server";
import type { PortfolioActor } from "./portfolio.server";
import { frameworksFor, frameworksOf, kindsWrittenBy, mappableCodes } from "./rules";

export async function requirePortfolio(request: Request, enrolmentId: string | undefined, ipAddress?: string) {
  const current = await requireUser(request);
  const access = await requireYearAccess(current, enrolmentId);
  const rules = access.programme.assessment!;
  const frameworkIds = frameworksFor(rules, access.enrolment.pathway);
  const frameworks = frameworksOf(loadManifest().frameworks, rules, access.enrolment.pathway);
  const actor: PortfolioActor = {
    userId: current.user.id,
    role: access.party === "learner" ? "learner" : current.active!.role,
    organisationId: access.enrolment.organisationId,
    ipAddress,
  };
  return {
    current,
    ...access,
    rules,
    frameworks,
    codes: mappableCodes(frameworks, frameworkIds),
    writable: kindsWrittenBy(access.party),
    actor,
  };
}
