import { and, count, eq } from "drizzle-orm";
import { auditEvents, sessions, signInAttempts, users } from "#db/schema";
import { signIn, signUp } from "~/modules/auth/accounts.server";
import { beginSignInAttempt } from "~/modules/auth/rate-limit.server";
import { validateSessionToken } from "~/modules/auth/session.server";
import { listConsentingReturners } from "~/modules/organisations/memberships.server";
import { withTestDatabase } from "../support/database";
import { makeMembership, makeOrganisation, makeUser, requestFrom } from "../support/fixtures";

const t = withTestDatabase();

const PASSWORD = "kettle orbit lantern moss";

async function sessionCount(userId: string) {
  const [row] = await t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

async function ageAttempts(email: string, minutes: number) {
  await t.db
    .update(signInAttempts)
    .set({ at: new Date(Date.now() - minutes * 60_000) })
    .where(eq(signInAttempts.email, email));
}

describe("signing in", () => {
  it("starts a session in the person's organisation, whatever the case or spacing of the email", async () => {
    const user = await makeUser(t.db, { email: "priya.shah@northmoor.example", password: PASSWORD });
    const org = await makeOrganisation(t.db, { name: "Northmoor City Council" });
    const membership = await makeMembership(t.db, { userId: user.id, organisationId: org.id, role: "programme_lead" });

    const result = await signIn("  Priya.Shah@Northmoor.EXAMPLE ", PASSWORD, requestFrom());
    expect(result).toMatchObject({ ok: true, userId: user.id, membershipCount: 1 });
    if (!result.ok) return;
    const found = await validateSessionToken(result.token);
    expect(found?.user.id).toBe(user.id);
    expect(found?.session.activeMembershipId).toBe(membership.id);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in"), eq(auditEvents.actorUserId, user.id)));
    expect(audit).toHaveLength(1);
  });

  it("gives the same answer for an unknown email as for a wrong password, and starts no session", async () => {
    const user = await makeUser(t.db, { email: "tom.gallagher@northmoor.example", password: PASSWORD });
    const wrongPassword = await signIn(
      "tom.gallagher@northmoor.example",
      "kettle orbit lantern mist",
      requestFrom("198.51.100.1"),
    );
    const unknownEmail = await signIn("nobody@northmoor.example", PASSWORD, requestFrom("198.51.100.1"));
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("refuses an invited person who has not set a password yet", async () => {
    await makeUser(t.db, { email: "not.yet@northmoor.example", password: null });
    expect(await signIn("not.yet@northmoor.example", "", requestFrom())).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("not.yet@northmoor.example", PASSWORD, requestFrom())).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("lets someone with no organisation sign in", async () => {
    const user = await makeUser(t.db, {
      email: "janet.okoye@example.com",
      password: PASSWORD,
      accountKind: "returner",
    });
    const result = await signIn("janet.okoye@example.com", PASSWORD, requestFrom());
    expect(result).toMatchObject({ ok: true, userId: user.id, membershipCount: 0 });
    if (result.ok) expect((await validateSessionToken(result.token))?.session.activeMembershipId).toBeNull();
  });
});

describe("sign-in rate limiting", () => {
  /** Failed attempts written straight into the counter, as if made within the window. */
  async function failures(n: number, values: (i: number) => { email: string; ipAddress: string }) {
    await t.db.insert(signInAttempts).values(Array.from({ length: n }, (_, i) => ({ ...values(i), succeeded: false })));
  }
  async function timed<T>(work: () => Promise<T>) {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  }

  it("allows four wrong passwords and then the right one", async () => {
    await makeUser(t.db, { email: "four@northmoor.example", password: PASSWORD });
    for (let i = 0; i < 4; i++) {
      expect(await signIn("four@northmoor.example", "wrong password!", requestFrom("198.51.100.20"))).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect((await signIn("four@northmoor.example", PASSWORD, requestFrom("198.51.100.20"))).ok).toBe(true);
  });

  it("after five failures on an account from one address refuses even the right password there, and nowhere else", async () => {
    const user = await makeUser(t.db, { email: "zainab.hussain@northmoor.example", password: PASSWORD });
    const spellings = [
      "zainab.hussain@northmoor.example",
      "Zainab.Hussain@northmoor.example",
      "ZAINAB.HUSSAIN@NORTHMOOR.EXAMPLE",
    ];
    await failures(5, (i) => ({ email: spellings[i % 3]!.toLowerCase(), ipAddress: "198.51.100.30" }));
    expect(await signIn(spellings[1]!, PASSWORD, requestFrom("198.51.100.30"))).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect(await sessionCount(user.id)).toBe(0);

    // Zainab, at her desk on another network, is not locked out by whoever guessed from there.
    expect((await signIn("zainab.hussain@northmoor.example", PASSWORD, requestFrom("192.0.2.99"))).ok).toBe(true);

    // Fifteen minutes later the pair can be used again.
    await ageAttempts("zainab.hussain@northmoor.example", 16);
    expect((await signIn("zainab.hussain@northmoor.example", PASSWORD, requestFrom("198.51.100.30"))).ok).toBe(true);
  });

  it("signs in with the right password from an address after thirty failures by others from it", async () => {
    const office = "203.0.113.66";
    await failures(30, (i) => ({ email: `guess${i}@northmoor.example`, ipAddress: office }));
    await makeUser(t.db, { email: "kwame.mensah@northmoor.example", password: PASSWORD });
    const { result, ms } = await timed(() => signIn("kwame.mensah@northmoor.example", PASSWORD, requestFrom(office)));
    expect(result.ok).toBe(true);
    // Slowed, not refused: half a second at thirty failures.
    expect(ms).toBeGreaterThanOrEqual(450);
  });

  it("slows an address more the more it fails, never past eight seconds, and never refuses it", async () => {
    const noisy = "203.0.113.77";
    await failures(60, (i) => ({ email: `stuffed${i}@northmoor.example`, ipAddress: noisy }));
    await makeUser(t.db, { email: "grace.whitfield@northmoor.example", password: PASSWORD });
    const { result, ms } = await timed(() => signIn("grace.whitfield@northmoor.example", PASSWORD, requestFrom(noisy)));
    expect(result.ok).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(7_500);
    expect(ms).toBeLessThan(15_000);
  }, 30_000);

  it("refuses an account guessed at from fifty addresses, except from an address it has signed in from before", async () => {
    const email = "spread.guessing@northmoor.example";
    const user = await makeUser(t.db, { email, password: PASSWORD });
    const home = "198.51.100.80";
    expect((await signIn(email, PASSWORD, requestFrom(home))).ok).toBe(true);
    await failures(50, (i) => ({ email, ipAddress: `10.0.${Math.floor(i / 200)}.${i % 200}` }));
    expect(await signIn(email, PASSWORD, requestFrom("192.0.2.150"))).toEqual({ ok: false, reason: "rate_limited" });
    expect((await signIn(email, PASSWORD, requestFrom(home))).ok).toBe(true);
    expect(await sessionCount(user.id)).toBe(2);
  }, 30_000);

  // Each attempt is counted before argon2 runs, so guesses sent at the same moment cannot all pass the check.
  it("gives no more than five guesses to a burst of simultaneous attempts on one account from one address", async () => {
    await makeUser(t.db, { email: "burst@northmoor.example", password: PASSWORD });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn("burst@northmoor.example", `guess number ${i}`, requestFrom("198.51.100.100"))),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(5);
  }, 30_000);

  it("counts only recent failures: five failures spread beyond the window do not stop the pair", async () => {
    const email = "spread@northmoor.example";
    const ipAddress = "198.51.100.40";
    await t.db.insert(signInAttempts).values(
      Array.from({ length: 4 }, () => ({ email, ipAddress, succeeded: false, at: new Date(Date.now() - 20 * 60_000) })),
    );
    await t.db.insert(signInAttempts).values({ email, ipAddress, succeeded: false });
    expect((await beginSignInAttempt(email, ipAddress)).blocked).toBe(false);
    await failures(4, () => ({ email, ipAddress }));
    expect((await beginSignInAttempt(email, ipAddress)).blocked).toBe(true);
  }, 30_000);

  it("does not count successful sign-ins as failures", async () => {
    const email = "often@northmoor.example";
    await t.db
      .insert(signInAttempts)
      .values(Array.from({ length: 10 }, () => ({ email, ipAddress: "198.51.100.50", succeeded: true })));
    expect((await beginSignInAttempt(email, "198.51.100.50")).blocked).toBe(false);
  });
});

describe("signing up", () => {
  it("creates a returner's account with their consent, stores the email lower-cased and signs them in", async () => {
    const result = await signUp(
      {
        name: "  Ruth Taylor ",
        email: " Ruth.Taylor@Example.com",
        password: PASSWORD,
        kind: "returner",
        helplineContactConsent: true,
      },
      requestFrom(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const found = await validateSessionToken(result.token);
    expect(found?.user).toMatchObject({
      id: result.userId,
      email: "ruth.taylor@example.com",
      name: "Ruth Taylor",
      accountKind: "returner",
      helplineContactConsent: true,
    });
    expect(found?.user.passwordHash?.startsWith("$argon2id$")).toBe(true);
    expect((await listConsentingReturners()).map((r) => r.email)).toContain("ruth.taylor@example.com");
    // And they can sign in again later with the same password.
    expect((await signIn("ruth.taylor@example.com", PASSWORD, requestFrom())).ok).toBe(true);
  });

  it("refuses a second account for the same email in another case, and keeps the first", async () => {
    await makeUser(t.db, { email: "amara.nwosu@northmoor.example", name: "Amara Nwosu" });
    const result = await signUp(
      {
        name: "Someone Else",
        email: "AMARA.Nwosu@Northmoor.example ",
        password: PASSWORD,
        kind: "self_funding",
        helplineContactConsent: false,
      },
      requestFrom(),
    );
    expect(result).toEqual({
      ok: false,
      field: "email",
      message: expect.stringMatching(/already uses this email address/),
    });
    const rows = await t.db.select().from(users).where(eq(users.email, "amara.nwosu@northmoor.example"));
    expect(rows.map((r) => r.name)).toEqual(["Amara Nwosu"]);
  });

  it("never records helpline consent for a self-funding learner", async () => {
    const result = await signUp(
      {
        name: "Sam Self",
        email: "sam.self@example.com",
        password: PASSWORD,
        kind: "self_funding",
        helplineContactConsent: true,
      },
      requestFrom(),
    );
    expect(result.ok).toBe(true);
    const [row] = await t.db.select().from(users).where(eq(users.email, "sam.self@example.com"));
    expect(row?.helplineContactConsent).toBe(false);
    expect((await listConsentingReturners()).map((r) => r.email)).not.toContain("sam.self@example.com");
  });
});
