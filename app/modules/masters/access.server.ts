/** Who may do what with Masters coursework: the university's programme lead, the learner, and the university's staff. */
import { can } from "~/modules/organisations/roles";
import { findLearnerInOrganisation } from "~/modules/organisations/memberships.server";
import { forbidden, notFound, requireMembership, type ActingUser, type CurrentUser } from "~/utils/auth.server";
import { isUuid } from "~/utils/ids";
import { mastersEnrolmentOf } from "./transcript.server";

/** The programme lead of a university, acting in it: opens assignments and decides extensions. */
export async function requireCourseworkLead(request: Request): Promise<ActingUser> {
  const current = await requireMembership(request, { permission: "coursework:manage:organisation" });
  if (current.active.organisation.kind !== "university")
    forbidden("Assignments are for universities running a Masters programme.");
  return current;
}

/**
 * A handed-in file is for the learner whose work it is, and for staff of the university that set the
 * work, acting in it; for anyone else it does not exist.
 */
export function mayOpenSubmission(current: CurrentUser, file: { learnerId: string; organisationId: string }) {
  if (current.user.id === file.learnerId) return true;
  const active = current.active;
  return !!active && active.organisationId === file.organisationId && can(active.role, "coursework:read:organisation");
}

/**
 * A learner's Masters enrolment for their university's programme lead (by the learner's membership
 * in the lead's organisation); for anyone else, or a learner elsewhere, it does not exist.
 */
export async function requireTranscriptReader(request: Request, membershipId: string | undefined) {
  const current = await requireMembership(request, { permission: "transcript:read:organisation" });
  if (current.active.organisation.kind !== "university" || !isUuid(membershipId)) notFound();
  const learner = await findLearnerInOrganisation(current.active.organisationId, membershipId);
  const found = learner ? await mastersEnrolmentOf(learner.userId, current.active.organisationId) : null;
  if (!found) notFound("We could not find a Masters transcript for that learner.");
  return { current, found };
}
