/**
 * The gates of assessment against criteria (ADR 024). A candidate's assessment page has the year's
 * parties (the candidate, their supervisor, their line manager, the organisation's programme lead);
 * the independent assessor reads only submissions of candidates appointed to them (./assessment.server).
 */
import { requireYearAccess } from "~/modules/first-year/access.server";
import { notFound, requireMembership, requireUser, type ActingUser } from "~/utils/auth.server";

export async function requireCandidateAccess(request: Request, enrolmentId: string | undefined) {
  const current = await requireUser(request);
  const access = await requireYearAccess(current, enrolmentId, { criteria: true });
  // An assessed year has its own reviews and panel: this page is for programmes assessed against criteria.
  if (access.programme.assessment) notFound("We could not find that assessment.");
  return { current, ...access };
}

export async function requireIndependentAssessor(request: Request): Promise<ActingUser> {
  return requireMembership(request, { permission: "assessment:assess:appointed" });
}

export async function requireCandidatesLead(request: Request): Promise<ActingUser> {
  return requireMembership(request, { permission: "assessment:manage:organisation", employerOnly: true });
}
