/**
 * The platform team's administration: organisations (add, rename, deactivate) and people (find,
 * deactivate, change a role, send an invitation again). Every change is in the audit trail, in the
 * same transaction, and the rules that keep the platform administrable (admin.ts) are checked there
 * too, under one lock, so two admins acting at once cannot leave the platform without one.
 */
import { and, asc, eq, ilike, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "#db/client";
import { invitations, memberships, organisations, pendingSignIns, twoFactorCredentials, users } from "#db/schema";
import { actedBy, recordAudit, type AuditActor } from "~/modules/audit/audit.server";
import { INVITATION_LIFETIME_MS, sendInvitationEmail } from "~/modules/auth/accounts.server";
import { generateToken, hashToken, invalidateUserSessions } from "~/modules/auth/session.server";
import { getDb, likeContaining } from "~/utils/db.server";
import {
  refuseAccountDeactivation,
  refuseOrganisationDeactivation,
  refuseRoleChange,
  slugFor,
  type OrganisationKind,
} from "./admin";
import type { Role } from "./roles";

/** Every organisation's name, for choosing one (the audit trail's filter). */
export async function listOrganisationNames() {
  const db = await getDb();
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export type AdminResult<T = object> = ({ ok: true } & T) | { ok: false; field: string; message: string };

/** Held for the rest of the transaction by every change that could remove an admin. */
async function lockAdmins(tx: Database) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('practice-pathways:platform-admins'))`);
}

/**
 * Platform admins who can still work as one: an active admin membership, in an organisation not
 * deactivated, of an account not deactivated; leaving out an account or an organisation if asked.
 */
async function countAdmins(tx: Database, without: { userId?: string; organisationId?: string } = {}) {
  const [row] = await tx
    .select({ count: sql<number>`count(distinct ${memberships.userId})`.mapWith(Number) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(memberships.role, "admin"),
        eq(memberships.active, true),
        isNull(users.deactivatedAt),
        isNull(organisations.deactivatedAt),
        without.userId ? ne(memberships.userId, without.userId) : undefined,
        without.organisationId
          ? sql`${memberships.userId} not in (select ${memberships.userId} from ${memberships} where ${memberships.organisationId} = ${without.organisationId} and ${memberships.role} = 'admin' and ${memberships.active})`
          : undefined,
      ),
    );
  return row?.count ?? 0;
}

// Organisations

export async function findOrganisation(organisationId: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      region: organisations.region,
      deactivatedAt: organisations.deactivatedAt,
      createdAt: organisations.createdAt,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  return row ?? null;
}

export interface NewOrganisation {
  name: string;
  kind: Exclude<OrganisationKind, "platform">;
  region: string | null;
}

export async function createOrganisation(actor: AuditActor, input: NewOrganisation): Promise<AdminResult<{ id: string }>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(sql`lower(${organisations.name}) = lower(${input.name})`)
      .limit(1);
    if (clash) return { ok: false, field: "name", message: "An organisation already has this name" };
    const base = slugFor(input.name);
    const taken = await tx
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(or(eq(organisations.slug, base), sql`${organisations.slug} like ${`${base}-%`}`));
    const slugs = new Set(taken.map((t) => t.slug));
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    const [row] = await tx
      .insert(organisations)
      .values({ name: input.name, kind: input.kind, region: input.region, slug })
      .returning({ id: organisations.id });
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: row!.id }),
        action: "organisation.created",
        subjectType: "organisation",
        subjectId: row!.id,
        detail: { name: input.name, kind: input.kind, region: input.region },
      },
      tx,
    );
    return { ok: true, id: row!.id };
  });
}

export async function renameOrganisation(actor: AuditActor, organisationId: string, name: string): Promise<AdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .for("update");
    if (!before) return { ok: false, field: "name", message: "This organisation no longer exists" };
    if (before.name === name) return { ok: true };
    const [clash] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(sql`lower(${organisations.name}) = lower(${name})`, ne(organisations.id, organisationId)))
      .limit(1);
    if (clash) return { ok: false, field: "name", message: "Another organisation already has this name" };
    await tx.update(organisations).set({ name }).where(eq(organisations.id, organisationId));
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId }),
        action: "organisation.renamed",
        subjectType: "organisation",
        subjectId: organisationId,
        detail: { from: before.name, to: name },
      },
      tx,
    );
    return { ok: true };
  });
}

/**
 * Deactivating an organisation stops its members working in it (their sessions leave it out from
 * the next page on) and keeps every record it holds; reactivating lets them back in.
 */
export async function setOrganisationActive(
  actor: AuditActor & { organisationId: string | null },
  organisationId: string,
  active: boolean,
  reason: string | null,
): Promise<AdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [before] = await tx
      .select({ deactivatedAt: organisations.deactivatedAt })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .for("update");
    if (!before) return { ok: false, field: "form", message: "This organisation no longer exists" };
    if (!before.deactivatedAt === active) return { ok: true };
    if (!active) {
      const refusal = refuseOrganisationDeactivation({
        actorOrganisationId: actor.organisationId ?? "",
        organisationId,
        adminsOutside: await countAdmins(tx, { organisationId }),
      });
      if (refusal) return { ok: false, field: "reason", message: refusal };
    }
    await tx
      .update(organisations)
      .set({ deactivatedAt: active ? null : new Date() })
      .where(eq(organisations.id, organisationId));
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId }),
        action: active ? "organisation.reactivated" : "organisation.deactivated",
        subjectType: "organisation",
        subjectId: organisationId,
        detail: reason ? { reason } : undefined,
      },
      tx,
    );
    return { ok: true };
  });
}

// People

export interface FoundPerson {
  userId: string;
  name: string;
  email: string;
  deactivated: boolean;
  /** Each active membership: the role, and the organisation's name. */
  memberships: { role: Role; organisation: string }[];
}

/** People whose name or email holds the words typed, with where they work: one statement. */
export async function findPeople(query: string, limit = 50): Promise<FoundPerson[]> {
  const pattern = likeContaining(query.trim());
  const db = await getDb();
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      deactivatedAt: users.deactivatedAt,
      // Written out with aliases: a select from one table leaves drizzle's column names unqualified.
      memberships: sql<{ role: Role; organisation: string }[] | null>`(
        select json_agg(json_build_object('role', m.role, 'organisation', o.name) order by o.name, m.role)
        from ${memberships} m join ${organisations} o on o.id = m.organisation_id
        where m.user_id = "users"."id" and m.active
      )`,
    })
    .from(users)
    .where(or(ilike(users.name, pattern), ilike(users.email, pattern)))
    .orderBy(asc(users.name), asc(users.email))
    .limit(limit);
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    email: r.email,
    deactivated: !!r.deactivatedAt,
    // json_agg arrives parsed from one driver and as text from the other.
    memberships: (typeof r.memberships === "string" ? JSON.parse(r.memberships) : (r.memberships ?? [])) as FoundPerson["memberships"],
  }));
}

const inviter = alias(users, "inviter");

/** One person as the platform admin sees them: the account, every membership, invitations waiting. */
export async function personForAdmin(userId: string) {
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      accountKind: users.accountKind,
      deactivatedAt: users.deactivatedAt,
      createdAt: users.createdAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      twoFactorOn: sql<boolean>`${twoFactorCredentials.enabledAt} is not null`,
    })
    .from(users)
    .leftJoin(twoFactorCredentials, eq(twoFactorCredentials.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) return null;
  const [roles, waiting] = await Promise.all([
    db
      .select({
        membershipId: memberships.id,
        role: memberships.role,
        organisationId: organisations.id,
        organisationName: organisations.name,
        kind: organisations.kind,
        organisationDeactivated: sql<boolean>`${organisations.deactivatedAt} is not null`,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
      .orderBy(asc(organisations.name), asc(memberships.role)),
    pendingInvitationsFor(sql`${invitations.email} = lower(${user.email})`),
  ]);
  return { ...user, memberships: roles, invitations: waiting };
}

function pendingInvitationsFor(condition: ReturnType<typeof sql>) {
  return getDb().then((db) =>
    db
      .select({
        id: invitations.id,
        name: invitations.name,
        email: invitations.email,
        role: invitations.role,
        organisationId: invitations.organisationId,
        organisationName: organisations.name,
        expiresAt: invitations.expiresAt,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
      .where(and(condition, isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(asc(invitations.createdAt)),
  );
}

/** Invitations not yet accepted whose name or email holds the words typed. */
export function findPendingInvitations(query: string) {
  const pattern = likeContaining(query.trim());
  return pendingInvitationsFor(sql`(${invitations.name} ilike ${pattern} or ${invitations.email} ilike ${pattern})`);
}

/**
 * Deactivating an account stops the person signing in and ends every session they have, at once;
 * their records (and the trail of what they did) are kept. Reactivating lets them sign in again.
 */
export async function setAccountActive(
  actor: AuditActor,
  userId: string,
  active: boolean,
  reason: string | null,
): Promise<AdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [before] = await tx
      .select({ deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before) return { ok: false, field: "form", message: "This account no longer exists" };
    if (!before.deactivatedAt === active) return { ok: true };
    if (!active) {
      const admins = await countAdmins(tx);
      const refusal = refuseAccountDeactivation({
        actorUserId: actor.userId,
        targetUserId: userId,
        targetIsAdmin: (await countAdmins(tx, { userId })) < admins,
        activeAdmins: admins,
      });
      if (refusal) return { ok: false, field: "reason", message: refusal };
    }
    await tx.update(users).set({ deactivatedAt: active ? null : new Date() }).where(eq(users.id, userId));
    if (!active) {
      await invalidateUserSessions(userId, undefined, tx);
      await tx.delete(pendingSignIns).where(eq(pendingSignIns.userId, userId));
    }
    await recordAudit(
      {
        // The account is the person's own, across organisations: recorded for the platform team.
        ...actedBy(actor),
        action: active ? "user.reactivated" : "user.deactivated",
        subjectType: "user",
        subjectId: userId,
        detail: reason ? { reason } : undefined,
      },
      tx,
    );
    return { ok: true };
  });
}

/** Changes the role of one of a person's memberships; the organisation's trail records it. */
export async function changeMemberRole(actor: AuditActor, membershipId: string, to: Role): Promise<AdminResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockAdmins(tx);
    const [member] = await tx
      .select({
        userId: memberships.userId,
        role: memberships.role,
        organisationId: memberships.organisationId,
        organisationName: organisations.name,
        kind: organisations.kind,
        name: users.name,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.active, true)))
      .for("update", { of: memberships });
    if (!member) return { ok: false, field: "membership", message: "Choose one of their roles" };
    const held = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, member.userId), eq(memberships.organisationId, member.organisationId)));
    const refusal = refuseRoleChange({
      actorUserId: actor.userId,
      member: { userId: member.userId, role: member.role, name: member.name },
      to,
      kind: member.kind,
      organisationName: member.organisationName,
      heldRoles: held.map((h) => h.role).filter((r) => r !== member.role),
      activeAdmins: await countAdmins(tx),
    });
    if (refusal) return { ok: false, field: "role", message: refusal };
    await tx.update(memberships).set({ role: to }).where(eq(memberships.id, membershipId));
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: member.organisationId }),
        action: "membership.role_changed",
        subjectType: "membership",
        subjectId: membershipId,
        detail: { from: member.role, to },
      },
      tx,
    );
    return { ok: true };
  });
}

/**
 * Sends an invitation not yet accepted again, with a new link (the old one stops working) good for
 * another 14 days, in the words of the first, naming who invited them.
 */
export async function resendInvitation(actor: AuditActor, invitationId: string, origin: string): Promise<AdminResult<{ email: string }>> {
  const token = generateToken();
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS) })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning();
    if (!row) return null;
    const [about] = await tx
      .select({ organisationName: organisations.name, deactivatedAt: organisations.deactivatedAt, inviterName: inviter.name })
      .from(organisations)
      .leftJoin(inviter, eq(inviter.id, sql`${row.invitedById}`))
      .where(eq(organisations.id, row.organisationId));
    if (!about || about.deactivatedAt) throw new InvitationRefused();
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId: row.organisationId }),
        action: "invitation.resent",
        subjectType: "invitation",
        subjectId: row.id,
        detail: { email: row.email, role: row.role },
      },
      tx,
    );
    return { invitation: row, about };
  }).catch((error: unknown) => {
    if (error instanceof InvitationRefused) return "organisation_deactivated" as const;
    throw error;
  });
  if (sent === "organisation_deactivated")
    return { ok: false, field: "form", message: "This organisation has been deactivated: reactivate it before inviting anyone" };
  if (!sent) return { ok: false, field: "form", message: "This invitation has already been accepted or withdrawn" };
  // Sent only once the new link is stored.
  await sendInvitationEmail(
    sent.invitation,
    { name: sent.about.inviterName ?? "Your programme lead", organisationName: sent.about.organisationName },
    token,
    origin,
  );
  return { ok: true, email: sent.invitation.email };
}

/** Thrown inside the transaction so that nothing of it is kept. */
class InvitationRefused extends Error {}
