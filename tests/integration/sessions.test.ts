import { eq } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import {
  createSession,
  deleteExpiredSessions,
  generateToken,
  hashToken,
  invalidateSession,
  invalidateUserSessions,
  validateSessionToken,
} from "~/modules/auth/session.server";
import { withTestDatabase } from "../support/database";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const t = withTestDatabase();

const MINUTE = 60_000;
const IDLE = 120 * MINUTE;
const ABSOLUTE = 12 * 60 * MINUTE;

async function setTimes(token: string, times: { lastSeenAt?: Date; expiresAt?: Date }) {
  await t.db
    .update(sessions)
    .set(times)
    .where(eq(sessions.id, hashToken(token)));
}

async function rowFor(token: string) {
  const [row] = await t.db
    .select()
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return row;
}

async function signedIn(userId?: string) {
  const id = userId ?? (await makeUser(t.db)).id;
  const token = generateToken();
  const session = await createSession(token, id, { ipAddress: "203.0.113.7", userAgent: "Firefox" });
  return { token, session, userId: id };
}

describe("creating a session", () => {
  it("stores only the SHA-256 of the token, never the token itself", async () => {
    const { token, session } = await signedIn();
    expect(session.id).toBe(hashToken(token));
    const row = await rowFor(token);
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(token);
    const everything = await t.db.select().from(sessions);
    expect(JSON.stringify(everything)).not.toContain(token);
  });

  it("expires absolutely 12 hours after it starts and records where it came from", async () => {
    const before = Date.now();
    const { session } = await signedIn();
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(ABSOLUTE);
    expect(session.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(session.ipAddress).toBe("203.0.113.7");
    expect(session.userAgent).toBe("Firefox");
  });

  it("keeps the organisation the person is acting in", async () => {
    const user = await makeUser(t.db);
    const org = await makeOrganisation(t.db);
    const membership = await makeMembership(t.db, { userId: user.id, organisationId: org.id, role: "supervisor" });
    const token = generateToken();
    await createSession(token, user.id, { activeMembershipId: membership.id });
    expect((await validateSessionToken(token))?.session.activeMembershipId).toBe(membership.id);
  });

  it("trims an absurdly long User-Agent", async () => {
    const user = await makeUser(t.db);
    const session = await createSession(generateToken(), user.id, { userAgent: "A".repeat(5000) });
    expect(session.userAgent).toHaveLength(300);
  });
});

describe("validating a session token", () => {
  it("returns the session and its user for a fresh token", async () => {
    const { token, userId } = await signedIn();
    const found = await validateSessionToken(token);
    expect(found?.user.id).toBe(userId);
    expect(found?.session.id).toBe(hashToken(token));
  });

  it("returns null for a token that was never issued, or for the stored hash used as a token", async () => {
    const { token } = await signedIn();
    expect(await validateSessionToken(generateToken())).toBeNull();
    expect(await validateSessionToken(hashToken(token))).toBeNull();
    expect(await validateSessionToken(token)).not.toBeNull();
  });

  it("keeps a session that was used within the idle time, and moves its last-seen time on", async () => {
    const { token } = await signedIn();
    const earlier = new Date(Date.now() - (IDLE - 5 * MINUTE));
    await setTimes(token, { lastSeenAt: earlier });
    const found = await validateSessionToken(token);
    expect(found?.session.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
    const row = await rowFor(token);
    // The idle clock restarts from now, so the session outlives its original idle deadline.
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });

  it("signs out a session left idle for two hours, and removes it", async () => {
    const { token } = await signedIn();
    await setTimes(token, { lastSeenAt: new Date(Date.now() - IDLE - 1000) });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await rowFor(token)).toBeUndefined();
    // Even if its last-seen time were put back, it has gone.
    await setTimes(token, { lastSeenAt: new Date() });
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("signs out a session past its absolute expiry even if it was used a moment ago", async () => {
    const { token } = await signedIn();
    await setTimes(token, { lastSeenAt: new Date(), expiresAt: new Date(Date.now() - 1000) });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await rowFor(token)).toBeUndefined();
  });

  it("does not extend the absolute expiry when the session is used", async () => {
    const { token, session } = await signedIn();
    await setTimes(token, { lastSeenAt: new Date(Date.now() - 10 * MINUTE) });
    const found = await validateSessionToken(token);
    expect(found?.session.expiresAt.getTime()).toBe(session.expiresAt.getTime());
  });

  it("ends the sessions of a user who is deleted", async () => {
    const { token, userId } = await signedIn();
    await t.db.delete(users).where(eq(users.id, userId));
    expect(await validateSessionToken(token)).toBeNull();
  });
});

describe("signing out", () => {
  it("ends one session", async () => {
    const { token, userId } = await signedIn();
    const other = await signedIn(userId);
    await invalidateSession(hashToken(token));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await validateSessionToken(other.token)).not.toBeNull();
  });

  it("everywhere ends all of that user's sessions and nobody else's", async () => {
    const a = await signedIn();
    const b = await signedIn(a.userId);
    const stranger = await signedIn();
    await invalidateUserSessions(a.userId);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await validateSessionToken(stranger.token)).not.toBeNull();
  });

  it("everywhere but here keeps only the session being used", async () => {
    const here = await signedIn();
    const laptop = await signedIn(here.userId);
    const phone = await signedIn(here.userId);
    const stranger = await signedIn();
    await invalidateUserSessions(here.userId, here.session.id);
    expect(await validateSessionToken(here.token)).not.toBeNull();
    expect(await validateSessionToken(laptop.token)).toBeNull();
    expect(await validateSessionToken(phone.token)).toBeNull();
    expect(await validateSessionToken(stranger.token)).not.toBeNull();
  });
});

describe("clearing out old sessions", () => {
  it("deletes idle and expired sessions and keeps live ones", async () => {
    const live = await signedIn();
    const idle = await signedIn();
    const expired = await signedIn();
    await setTimes(idle.token, { lastSeenAt: new Date(Date.now() - IDLE - MINUTE) });
    await setTimes(expired.token, { expiresAt: new Date(Date.now() - MINUTE) });
    await deleteExpiredSessions();
    expect(await rowFor(live.token)).toBeDefined();
    expect(await rowFor(idle.token)).toBeUndefined();
    expect(await rowFor(expired.token)).toBeUndefined();
  });
});
