/**
 * The gates of shared multi-agency sessions (ADR 026). A session is seen, in the organisation that runs
 * it, by its programme lead, its facilitator and the people invited to it (a learner as a learner, a
 * partner as a partner); to anyone else it does not exist (404). A partner reaches nothing else.
 */
import { notFound, requireMembership, type ActingUser } from "~/utils/auth.server";
import { findSession, inviteeOf, type SessionRow } from "./sessions.server";

export async function requireSessionsLead(request: Request): Promise<ActingUser> {
  return requireMembership(request, { permission: "shared-session:manage:organisation", employerOnly: true });
}

/** Anyone who may be invited to or facilitate a session: their own sessions' list. */
export async function requireSessionsMember(request: Request): Promise<ActingUser> {
  return requireMembership(request, { permission: "shared-session:attend:invited" });
}

export interface SessionStanding {
  /** The programme lead of the organisation that runs it. */
  lead: boolean;
  facilitator: boolean;
  /** Invited, and acting in the role they were invited in. */
  invitee: "learner" | "partner" | null;
  /** A learner's enrolment on the programme, where their attendance is evidence. */
  enrolmentId: string | null;
}

export async function requireSession(
  request: Request,
  sessionId: string | undefined,
): Promise<{ current: ActingUser; session: SessionRow; standing: SessionStanding }> {
  const current = await requireSessionsMember(request);
  const session = await findSession(sessionId, current.active.organisationId);
  if (!session) notFound("We could not find that session.");
  const role = current.active.role;
  const invited = role === "learner" || role === "partner" ? await inviteeOf(session.id, current.user.id) : null;
  const standing: SessionStanding = {
    lead: role === "programme_lead",
    facilitator: role !== "learner" && role !== "partner" && session.facilitatorId === current.user.id,
    invitee: invited && invited.party === role ? invited.party : null,
    enrolmentId: invited?.party === "learner" ? invited.enrolmentId : null,
  };
  if (!standing.lead && !standing.facilitator && !standing.invitee) notFound("We could not find that session.");
  return { current, session, standing };
}
