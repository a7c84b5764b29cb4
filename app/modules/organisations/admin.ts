/**
 * The rules that keep the platform administrable, pure so they are tested at their edges: an
 * admin cannot lock themselves out, and no change may leave the platform without an admin.
 */
import { invitableRolesFor, ROLE_LABELS, type Role } from "./roles";

export type OrganisationKind = "council" | "voluntary" | "university" | "helpline" | "platform";

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  council: "Council",
  voluntary: "Voluntary organisation",
  university: "University",
  helpline: "Recruitment helpline",
  platform: "Platform team",
};

/** The roles a member of each kind of organisation can hold. */
export function rolesFor(kind: OrganisationKind): readonly Role[] {
  if (kind === "platform") return ["admin"];
  if (kind === "helpline") return ["helpline_advisor"];
  return invitableRolesFor(kind);
}

export const LAST_ADMIN =
  "This would leave Practice Pathways without a platform admin. Make someone else an admin first.";

/** Why an admin may not deactivate this account (null: they may). */
export function refuseAccountDeactivation(input: {
  actorUserId: string;
  targetUserId: string;
  /** The account is an active platform admin's. */
  targetIsAdmin: boolean;
  /** Active platform admins now, the target included. */
  activeAdmins: number;
}): string | null {
  if (input.actorUserId === input.targetUserId)
    return "You cannot deactivate your own account. Ask another platform admin to do it.";
  if (input.targetIsAdmin && input.activeAdmins <= 1) return LAST_ADMIN;
  return null;
}

/** Why an admin may not change this member's role to `to` (null: they may). */
export function refuseRoleChange(input: {
  actorUserId: string;
  member: { userId: string; role: Role; name: string };
  to: Role;
  kind: OrganisationKind;
  organisationName: string;
  /** Roles the member already holds in the organisation. */
  heldRoles: readonly Role[];
  activeAdmins: number;
}): string | null {
  const { member, to } = input;
  if (!rolesFor(input.kind).includes(to)) return `Choose a role that ${input.organisationName} has`;
  if (member.role === to) return `${member.name} is already ${ROLE_LABELS[to].toLowerCase()} here`;
  if (input.heldRoles.includes(to))
    return `${member.name} already holds the role of ${ROLE_LABELS[to].toLowerCase()} at ${input.organisationName}`;
  if (member.role === "admin" && member.userId === input.actorUserId)
    return "You cannot take away your own admin role. Ask another platform admin to do it.";
  if (member.role === "admin" && input.activeAdmins <= 1) return LAST_ADMIN;
  return null;
}

/** Why an admin may not deactivate this organisation (null: they may). */
export function refuseOrganisationDeactivation(input: {
  actorOrganisationId: string;
  organisationId: string;
  /** Active platform admins who are not members of this organisation. */
  adminsOutside: number;
}): string | null {
  if (input.actorOrganisationId === input.organisationId)
    return "You cannot deactivate the organisation you are working in.";
  if (input.adminsOutside < 1) return LAST_ADMIN;
  return null;
}

/** An organisation's address-safe name: "Northmoor City Council" → "northmoor-city-council". */
export function slugFor(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return slug || "organisation";
}
