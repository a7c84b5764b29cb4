/**
 * Sessions as Lucia's author now publishes them (the `lucia` package is deprecated):
 * a random token goes to the cookie; the database keeps only SHA-256(token) as the
 * session id. Idle and absolute expiry are both enforced here. See docs/decisions/002.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { memberships, organisations, sessions, twoFactorCredentials, users } from "#db/schema";
import {
  activeMembershipsOf,
  liveOrganisationOf,
  membershipOrder,
  type MembershipWithOrganisation,
} from "~/modules/organisations/memberships.server";
import { getDb, preparedStatement } from "~/utils/db.server";
import { env } from "~/utils/env.server";

/** lastSeenAt is written at most this often, so that reading a page is not a write each time. */
const TOUCH_INTERVAL_MS = 60_000;

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function sessionLifetimes() {
  const e = env();
  return { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

/** Pure: is a session with these times still valid at `now`? */
export function sessionState(
  session: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  idleMs: number,
): "valid" | "expired" | "idle" {
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMs) return "idle";
  return "valid";
}

export async function createSession(
  token: string,
  userId: string,
  details: { activeMembershipId?: string | null; ipAddress?: string | null; userAgent?: string | null } = {},
  tx?: Database,
) {
  const db = tx ?? (await getDb());
  const now = new Date();
  const [session] = await db
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      activeMembershipId: details.activeMembershipId ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + sessionLifetimes().absoluteMs),
      ipAddress: details.ipAddress ?? null,
      userAgent: details.userAgent?.slice(0, 300) ?? null,
    })
    .returning();
  return session!;
}

export type SessionRow = typeof sessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/**
 * The session and its user, with whether they have two-factor sign-in on and their active
 * memberships (with each organisation, by organisation name and role), and how many notices
 * they have not read, all read in one query:
 * every signed-in request starts here.
 */
export async function validateSessionToken(token: string): Promise<{
  session: SessionRow;
  user: UserRow;
  twoFactorOn: boolean;
  memberships: MembershipWithOrganisation[];
  unreadNotices: number;
} | null> {
  const db = await getDb();
  const id = hashToken(token);
  const lookup = await preparedStatement("session_lookup", (db) =>
    db
      .select({
        session: sessions,
        user: users,
        twoFactorEnabledAt: twoFactorCredentials.enabledAt,
        membership: memberships,
        organisation: organisations,
        // The header's count of unread notices rides on this statement, so no page reads it apart.
        unreadNotices: sql<number>`(select count(*)::int from notifications n where n.user_id = ${sessions.userId} and n.read_at is null)`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(twoFactorCredentials, eq(twoFactorCredentials.userId, sessions.userId))
      .leftJoin(memberships, activeMembershipsOf(sessions.userId))
      .leftJoin(organisations, liveOrganisationOf(memberships.organisationId))
      .where(eq(sessions.id, sql.placeholder("id")))
      .orderBy(...membershipOrder)
      .prepare("session_lookup"),
  );
  const rows = await lookup.execute({ id });
  const found = rows[0];
  if (!found) return null;
  const row = {
    session: found.session,
    user: found.user,
    twoFactorOn: !!found.twoFactorEnabledAt,
    unreadNotices: Number(found.unreadNotices ?? 0),
    memberships: rows.flatMap((r) =>
      r.membership && r.organisation ? [{ ...r.membership, organisation: r.organisation }] : [],
    ),
  };
  const now = new Date();
  const state = sessionState(row.session, now, sessionLifetimes().idleMs);
  // Deactivating an account ends its sessions; one that slipped past (opened at that moment) ends here.
  if (state !== "valid" || row.user.deactivatedAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    row.session.lastSeenAt = now;
  }
  return row;
}

export async function setActiveMembership(sessionId: string, membershipId: string | null, tx?: Database) {
  const db = tx ?? (await getDb());
  await db.update(sessions).set({ activeMembershipId: membershipId }).where(eq(sessions.id, sessionId));
}

export async function invalidateSession(sessionId: string, tx?: Database) {
  const db = tx ?? (await getDb());
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs the user out everywhere, or everywhere but the session they are using (inside the caller's transaction when one is given). */
export async function invalidateUserSessions(userId: string, exceptSessionId?: string, tx?: Database) {
  const db = tx ?? (await getDb());
  await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    );
}

export async function deleteExpiredSessions(now = new Date()) {
  const db = await getDb();
  const idleCutoff = new Date(now.getTime() - sessionLifetimes().idleMs);
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
}
