/** An organisation's own settings, kept by its programme lead (or, for the platform team, an admin). */
import { and, asc, eq, inArray } from "drizzle-orm";
import { memberships, organisations, twoFactorCredentials, users } from "#db/schema";
import { actedBy, type OrganisationActor, recordAudit } from "~/modules/audit/audit.server";
import { TWO_FACTOR_ROLES } from "~/modules/auth/two-factor";
import { getDb } from "~/utils/db.server";
import type { Role } from "./roles";

export async function organisationSettings(organisationId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ name: organisations.name, requireTwoFactor: organisations.requireTwoFactor })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  return row ?? null;
}

/** Everyone in the roles two-factor sign-in can be required of, and whether they have turned it on. */
export async function listStaffTwoFactor(organisationId: string) {
  const db = await getDb();
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      enabledAt: twoFactorCredentials.enabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(twoFactorCredentials, eq(twoFactorCredentials.userId, users.id))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.active, true),
        inArray(memberships.role, [...TWO_FACTOR_ROLES]),
      ),
    )
    .orderBy(asc(users.name), asc(memberships.role));
  const byUser = new Map<
    string,
    { userId: string; name: string; email: string; roles: Role[]; twoFactorOn: boolean }
  >();
  for (const r of rows) {
    const person = byUser.get(r.userId) ?? {
      userId: r.userId,
      name: r.name,
      email: r.email,
      roles: [],
      twoFactorOn: !!r.enabledAt,
    };
    person.roles.push(r.role);
    byUser.set(r.userId, person);
  }
  return [...byUser.values()];
}

export async function setTwoFactorRequirement(actor: OrganisationActor, required: boolean) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ requireTwoFactor: organisations.requireTwoFactor })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId))
      .for("update");
    if (!before || before.requireTwoFactor === required) return;
    await tx
      .update(organisations)
      .set({ requireTwoFactor: required })
      .where(eq(organisations.id, actor.organisationId));
    await recordAudit(
      {
        ...actedBy(actor),
        action: required ? "organisation.two_factor_required" : "organisation.two_factor_not_required",
        subjectType: "organisation",
        subjectId: actor.organisationId,
      },
      tx,
    );
  });
}
