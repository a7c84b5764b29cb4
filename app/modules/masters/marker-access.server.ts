/** Who may mark: a marker acting in their university; what they may open is decided by their allocations. */
import { forbidden, requireMembership, type ActingUser } from "~/utils/auth.server";

export async function requireMarker(request: Request): Promise<ActingUser> {
  const current = await requireMembership(request, { permission: "coursework:mark:allocated" });
  if (current.active.organisation.kind !== "university") forbidden("Marking is for universities running a Masters programme.");
  return current;
}
