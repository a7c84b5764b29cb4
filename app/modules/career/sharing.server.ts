/**
 * Who may read a person's career record besides them: an organisation they belong to now (an active
 * membership of a live organisation) whose latest share row, written by the person, says shared.
 * Leaving ends it twice over: the membership is no longer active, and the database writes a row
 * ending the share (migration career_record_sql), so a later return to the organisation starts
 * unshared until the person chooses again.
 */
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { careerShares, memberships, organisations, users } from "#db/schema";
import { actedBy, recordAudit, type AuditActor } from "~/modules/audit/audit.server";
import type { MembershipWithOrganisation } from "~/modules/organisations/memberships.server";
import { getDb } from "~/utils/db.server";

/** The kinds of organisation a person can share their record with: employers and universities, not the helpline or platform team. */
const SHAREABLE_KINDS = ["council", "voluntary", "university"] as const;

export interface ShareChoice {
  organisationId: string;
  organisationName: string;
  shared: boolean;
  /** When the choice in force was made; null when it never was. */
  since: Date | null;
}

/** The organisations among these memberships the person may share with, each once, by name. */
export function shareableOrganisations(mine: readonly MembershipWithOrganisation[]) {
  const seen = new Map<string, string>();
  for (const m of mine)
    if ((SHAREABLE_KINDS as readonly string[]).includes(m.organisation.kind)) seen.set(m.organisationId, m.organisation.name);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The choice in force for each organisation the person belongs to now (one statement). */
export async function shareChoicesOf(userId: string, mine: readonly MembershipWithOrganisation[]): Promise<ShareChoice[]> {
  const orgs = shareableOrganisations(mine);
  if (!orgs.length) return [];
  const db = await getDb();
  const latest = await db
    .selectDistinctOn([careerShares.organisationId], {
      organisationId: careerShares.organisationId,
      shared: careerShares.shared,
      at: careerShares.at,
    })
    .from(careerShares)
    .where(
      and(
        eq(careerShares.userId, userId),
        inArray(
          careerShares.organisationId,
          orgs.map((o) => o.id),
        ),
      ),
    )
    .orderBy(careerShares.organisationId, desc(careerShares.at), desc(careerShares.id));
  return orgs.map((o) => {
    const row = latest.find((l) => l.organisationId === o.id);
    return { organisationId: o.id, organisationName: o.name, shared: row?.shared ?? false, since: row?.at ?? null };
  });
}

export type ShareResult = { ok: true; changed: boolean; organisationName: string } | { ok: false; message: string };

/**
 * The person shares their record with one of their organisations, or stops: a new row (never an
 * edit) and an audit event in that organisation's trail, so its lead can see when access began and
 * ended. Choosing what is already in force writes nothing.
 */
export async function chooseShare(
  actor: AuditActor,
  mine: readonly MembershipWithOrganisation[],
  organisationId: string,
  shared: boolean,
): Promise<ShareResult> {
  const org = shareableOrganisations(mine).find((o) => o.id === organisationId);
  if (!org) return { ok: false, message: "You can share your career record only with an organisation you belong to now." };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // One choice at a time per person: two tabs cannot interleave their rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`career-share:${actor.userId}`}))`);
    const [latest] = await tx
      .select({ shared: careerShares.shared })
      .from(careerShares)
      .where(and(eq(careerShares.userId, actor.userId), eq(careerShares.organisationId, organisationId)))
      .orderBy(desc(careerShares.at), desc(careerShares.id))
      .limit(1);
    if ((latest?.shared ?? false) === shared) return { ok: true, changed: false, organisationName: org.name };
    await tx.insert(careerShares).values({
      userId: actor.userId,
      organisationId,
      shared,
      reason: "chosen",
      decidedById: actor.userId,
      decidedByRole: actor.role,
    });
    await recordAudit(
      {
        ...actedBy({ ...actor, organisationId }),
        action: shared ? "career.shared" : "career.share_withdrawn",
        subjectType: "user",
        subjectId: actor.userId,
        detail: { organisation: org.name },
      },
      tx,
    );
    return { ok: true, changed: true, organisationName: org.name };
  });
}

/**
 * A member of the reader's organisation whose career record the organisation may read now: the
 * membership is active, in this live organisation, and the person's latest choice for it is to
 * share. Otherwise null (one statement).
 */
export async function sharedMemberOf(organisationId: string, membershipId: string) {
  const db = await getDb();
  const latestShared = sql<boolean>`coalesce((select ${careerShares.shared} from ${careerShares} where ${careerShares.userId} = ${memberships.userId} and ${careerShares.organisationId} = ${memberships.organisationId} order by ${careerShares.at} desc, ${careerShares.id} desc limit 1), false)`;
  const [row] = await db
    .select({ userId: users.id, name: users.name, shared: latestShared })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), isNull(users.deactivatedAt)))
    .innerJoin(organisations, and(eq(organisations.id, memberships.organisationId), isNull(organisations.deactivatedAt)))
    .where(and(eq(memberships.id, membershipId), eq(memberships.organisationId, organisationId), eq(memberships.active, true)))
    .limit(1);
  return row?.shared ? { userId: row.userId, name: row.name } : null;
}

/** Whether a current member (by membership) has shared their record with the organisation: for a link on their page. */
export async function hasSharedWith(organisationId: string, membershipId: string) {
  return !!(await sharedMemberOf(organisationId, membershipId));
}
