/**
 * Resetting a member's two-factor sign-in, for someone who has lost their phone and their
 * recovery codes: a platform admin, or their organisation's programme lead, removes the secret and
 * the recovery codes, signs the member out everywhere, and the member is told by email. It is in
 * the audit trail of the member's organisation, naming who did it, in which role, and why.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import {
  memberships,
  organisations,
  pendingSignIns,
  twoFactorCredentials,
  twoFactorRecoveryCodes,
  users,
} from "#db/schema";
import { recordAudit, type AuditActor } from "~/modules/audit/audit.server";
import { listMembershipsForUser } from "~/modules/organisations/memberships.server";
import { ROLE_LABELS, type Role } from "~/modules/organisations/roles";
import { getDb } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { englandDateTime } from "~/utils/england";
import { invalidateUserSessions } from "./session.server";
import { twoFactorRequiredBy } from "./two-factor";

export interface ResetTarget {
  membershipId: string;
  organisationId: string;
  organisationName: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  twoFactorOn: boolean;
  /** Every role the member holds, in any organisation (a lead may not reset an admin's). */
  roles: Role[];
  /** Organisations that require the member to use it: they will be asked to set it up again. */
  requiredBy: string[];
}

/** The member an active membership names, with what deciding and doing a reset needs. */
export async function findResetTarget(membershipId: string): Promise<ResetTarget | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      membershipId: memberships.id,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      enabledAt: twoFactorCredentials.enabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(twoFactorCredentials, eq(twoFactorCredentials.userId, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.active, true)))
    .limit(1);
  if (!row) return null;
  const theirs = await listMembershipsForUser(row.userId);
  const { enabledAt, ...rest } = row;
  return {
    ...rest,
    twoFactorOn: !!enabledAt,
    roles: [...new Set(theirs.map((m) => m.role))],
    requiredBy: twoFactorRequiredBy(theirs),
  };
}

/** Who is resetting: the audit actor, with the names the member's email gives. */
export type Resetter = AuditActor & { name: string; organisationName: string; role: Role };

/**
 * Removes the member's two-factor secret (and a new phone being set up), recovery codes and any
 * half-done sign-in, and signs them out everywhere, in one transaction with the audit event; then
 * emails them. `not_on` when there was nothing to reset (already reset, or never on).
 */
export async function resetTwoFactor(
  actor: Resetter,
  target: ResetTarget,
  reason: string,
  origin: string,
): Promise<{ ok: true } | { ok: false; reason: "not_on" }> {
  const db = await getDb();
  const at = new Date();
  const done = await db.transaction(async (tx) => {
    const removed = await tx
      .delete(twoFactorCredentials)
      .where(and(eq(twoFactorCredentials.userId, target.userId), isNotNull(twoFactorCredentials.enabledAt)))
      .returning({ userId: twoFactorCredentials.userId });
    if (removed.length === 0) return false;
    await tx.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, target.userId));
    await tx.delete(pendingSignIns).where(eq(pendingSignIns.userId, target.userId));
    await invalidateUserSessions(target.userId, undefined, tx);
    await recordAudit(
      {
        actorUserId: actor.userId,
        actorRole: actor.role,
        organisationId: target.organisationId,
        action: "auth.two_factor.reset",
        subjectType: "user",
        subjectId: target.userId,
        detail: {
          reason,
          membership: target.membershipId,
          member: target.name,
          actingFor: actor.organisationId,
        },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
    return true;
  });
  if (!done) return { ok: false, reason: "not_on" };
  await sendEmail(resetEmail(actor, target, origin, at));
  return { ok: true };
}

function resetEmail(actor: Resetter, target: ResetTarget, origin: string, at: Date) {
  const who =
    actor.role === "admin"
      ? `${actor.name} of the Practice Pathways team`
      : `${actor.name}, ${ROLE_LABELS[actor.role].toLowerCase()} at ${actor.organisationName}`;
  const next = target.requiredBy.length
    ? `The next time you sign in, you will be asked to set up two-factor sign-in again (${target.requiredBy.join(" and ")} ${target.requiredBy.length > 1 ? "require" : "requires"} it for your role). Have your phone with an authenticator app ready.`
    : "The next time you sign in, you will need only your password. Turn two-factor sign-in on again at Your account, Two-factor sign-in:";
  return {
    to: target.email,
    subject: "Your two-factor sign-in was reset",
    text: [
      `Hello ${target.name},`,
      "",
      `${who} reset two-factor sign-in on your Practice Pathways account on ${englandDateTime(at)}. Your old security codes and recovery codes no longer work, and you have been signed out everywhere.`,
      "",
      next,
      ...(target.requiredBy.length ? [] : [`${origin}/account/security`]),
      "",
      `If you did not ask for this, reset your password now at ${origin}/forgot-password and tell ${target.organisationName}'s programme lead, or the Practice Pathways team, straight away.`,
    ].join("\n"),
  };
}
