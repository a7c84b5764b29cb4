/**
 * Small builders for database tests. Rows are inserted directly (no argon2 unless a
 * password is asked for, and then each distinct password is hashed once per test file).
 */
import { eq } from "drizzle-orm";
import type { Database } from "#db/client";
import { memberships, organisations, users } from "#db/schema";
import type { RequestDetails } from "~/modules/auth/accounts.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { hashPassword } from "~/modules/auth/password.server";
import { createSession, generateToken } from "~/modules/auth/session.server";
import { getCurrentUser, type CurrentUser } from "~/utils/auth.server";
import { listStoredEmails, type StoredEmail } from "~/utils/email.server";

export const ORIGIN = "https://pathways.test";

export function requestFrom(ipAddress = "203.0.113.7"): RequestDetails {
  return { ipAddress, userAgent: "vitest", origin: ORIGIN };
}

const hashes = new Map<string, Promise<string>>();
/** One argon2 hash per distinct password per test file. */
export function cachedHash(password: string): Promise<string> {
  let pending = hashes.get(password);
  if (!pending) {
    pending = hashPassword(password);
    hashes.set(password, pending);
  }
  return pending;
}

let sequence = 0;
function unique() {
  sequence += 1;
  return `${sequence}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function makeOrganisation(
  db: Database,
  values: Partial<typeof organisations.$inferInsert> = {},
): Promise<typeof organisations.$inferSelect> {
  const [row] = await db
    .insert(organisations)
    .values({ slug: `org-${unique()}`, name: `Test Council ${unique()}`, kind: "council", ...values })
    .returning();
  return row!;
}

export async function makeUser(
  db: Database,
  values: {
    email?: string;
    name?: string;
    password?: string | null;
    accountKind?: "invited" | "returner" | "self_funding";
    helplineContactConsent?: boolean;
  } = {},
): Promise<typeof users.$inferSelect> {
  const [row] = await db
    .insert(users)
    .values({
      email: values.email ?? `person-${unique()}@example.test`,
      name: values.name ?? "Test Person",
      passwordHash: values.password ? await cachedHash(values.password) : null,
      accountKind: values.accountKind ?? "invited",
      helplineContactConsent: values.helplineContactConsent ?? false,
    })
    .returning();
  return row!;
}

export async function makeMembership(
  db: Database,
  values: typeof memberships.$inferInsert,
): Promise<typeof memberships.$inferSelect> {
  const [row] = await db.insert(memberships).values(values).returning();
  return row!;
}

export async function findUserByEmail(db: Database, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

/** Emails written to this test file's MAIL_DIR for one address, newest first. */
export async function emailsTo(address: string): Promise<StoredEmail[]> {
  return (await listStoredEmails(1000)).filter((e) => e.to === address);
}

/** The token at the end of the first `${ORIGIN}${path}/<token>` link in an email. */
export function tokenFromLink(email: StoredEmail, path: string): string {
  const escaped = `${ORIGIN}${path}/`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}([a-z2-7]+)(?=\\s|$)`, "m").exec(email.text);
  if (!match?.[1]) throw new Error(`No ${path} link in:\n${email.text}`);
  return match[1];
}

/** A person signed in for real: a session row, and the cookie the browser would send back. */
export interface SignedIn {
  userId: string;
  name: string;
  cookie: string;
  current: CurrentUser;
}

/** A new user with one membership, signed in to it, for calling loaders and actions as they would be called. */
export async function signedIn(
  db: Database,
  organisationId: string,
  role: (typeof memberships.$inferInsert)["role"],
  name: string,
): Promise<SignedIn> {
  const user = await makeUser(db, { name });
  // A partner always says which agency they are from (the database checks it: ADR 026).
  const agency = role === "partner" ? { agencyKind: "police" as const, agency: "Test Police, Public Protection Unit" } : {};
  const membership = await makeMembership(db, { userId: user.id, organisationId, role, ...agency });
  const token = generateToken();
  await createSession(token, user.id, { activeMembershipId: membership.id });
  // The Set-Cookie header the app sends at sign-in, as the browser returns it.
  const cookie = sessionCookie(token).split(";")[0]!;
  const current = await getCurrentUser(new Request(`${ORIGIN}/home`, { headers: { Cookie: cookie } }));
  if (!current) throw new Error(`${name}'s session did not validate`);
  return { userId: user.id, name, cookie, current };
}
