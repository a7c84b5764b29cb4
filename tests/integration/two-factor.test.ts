import type { AppLoadContext } from "@remix-run/node";
import { and, count, eq, isNull } from "drizzle-orm";
import {
  auditEvents,
  memberships,
  organisations,
  pendingSignIns,
  sessions,
  signInAttempts,
  twoFactorCredentials,
  twoFactorRecoveryCodes,
} from "#db/schema";
import { completeTwoFactorSignIn, signIn } from "~/modules/auth/accounts.server";
import { pendingSignInCookieName, sessionCookie, sessionCookieName } from "~/modules/auth/cookie.server";
import { createSession, generateToken, hashToken, validateSessionToken } from "~/modules/auth/session.server";
import { codeAt, hashRecoveryCode, timeStep, TOTP_PERIOD_SECONDS } from "~/modules/auth/two-factor";
import {
  confirmNewPhone,
  confirmSetup,
  newPhoneSetup,
  pendingSetup,
  REPLACEMENT_LIFETIME_MS,
  startMovingToNewPhone,
  regenerateRecoveryCodes,
  turnOffTwoFactor,
  twoFactorStatus,
} from "~/modules/auth/two-factor.server";
import * as homePage from "~/routes/home";
import * as organisationSettingsPage from "~/routes/organisation.settings";
import * as setupPage from "~/routes/account.security.two-factor";
import * as newPhonePage from "~/routes/account.security.new-phone";
import * as resetPage from "~/routes/members.$membershipId.two-factor";
import * as signInPage from "~/routes/sign-in";
import * as signOutPage from "~/routes/sign-out";
import * as secondStepPage from "~/routes/sign-in_.two-factor";
import { getCurrentUser, requireUser, TWO_FACTOR_SETUP_PATH } from "~/utils/auth.server";
import { withTestDatabase } from "../support/database";
import {
  emailsTo,
  makeMembership,
  makeOrganisation,
  makeUser,
  ORIGIN,
  requestFrom,
  signedIn,
  type SignedIn,
} from "../support/fixtures";

const t = withTestDatabase();

const PASSWORD = "kettle orbit lantern moss";
const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;

let ipSequence = 0;
/** A fresh address per test, so the per-address limits of one test do not reach into another. */
function freshAddress() {
  ipSequence += 1;
  return requestFrom(`198.51.100.${ipSequence}`);
}

type User = Awaited<ReturnType<typeof makeUser>>;

/** Turns two-factor sign-in on for `user` as the setup page would, returning the secret the app holds. */
async function withTwoFactor(user: User) {
  const setup = await pendingSetup(user);
  if (!setup) throw new Error("already on");
  const result = await confirmSetup(user, codeAt(setup.secret, Date.now()), { ipAddress: "192.0.2.1" });
  if (!result.ok) throw new Error(`setup failed: ${result.reason}`);
  return { secret: setup.secret, recoveryCodes: result.recoveryCodes };
}

/** The code the app shows for the first time step not yet used (the next one, if this one was). */
async function freshCode(userId: string, secret: string) {
  const [row] = await t.db
    .select({ last: twoFactorCredentials.lastUsedStep })
    .from(twoFactorCredentials)
    .where(eq(twoFactorCredentials.userId, userId));
  const now = Date.now();
  const last = row?.last ?? -1;
  const offset = timeStep(now) > last ? 0 : TOTP_PERIOD_SECONDS * 1000;
  return codeAt(secret, now + offset);
}

async function passwordStep(email: string, details = freshAddress()) {
  const result = await signIn(email, PASSWORD, details);
  if (result.ok || result.reason !== "second_step")
    throw new Error(`expected the second step, got ${JSON.stringify(result)}`);
  return result.pendingToken;
}

async function sessionCount(userId: string) {
  const [row] = await t.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

async function auditActions(userId: string) {
  const rows = await t.db
    .select({ action: auditEvents.action, detail: auditEvents.detail })
    .from(auditEvents)
    .where(eq(auditEvents.actorUserId, userId));
  return rows;
}

/** What a loader or action answered: a redirect (thrown or returned), or data with a status. */
async function answerOf(run: () => Promise<unknown>) {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    return {
      status: result.status,
      location: result.headers.get("Location"),
      cookies: result.headers.getSetCookie(),
      errors: {} as Record<string, string>,
    };
  }
  const { init, data } = result as { init: ResponseInit | null; data: { errors?: Record<string, string> } };
  return { status: init?.status ?? 200, location: null, cookies: [] as string[], errors: data?.errors ?? {} };
}

function post(path: string, fields: Record<string, string>, cookie?: string) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: cookie ? { Cookie: cookie } : {} });
}

const cookieValue = (cookies: string[], name: string) =>
  cookies
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

describe("turning two-factor sign-in on", () => {
  it("keeps a set-up secret inactive until a code from it is entered, and stores it encrypted", async () => {
    const user = await makeUser(t.db, { email: "ben.thornton@harbourtrust.example", password: PASSWORD });
    const setup = await pendingSetup(user);
    expect(setup?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup?.uri).toContain(`secret=${setup?.secret}`);
    expect(setup?.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    // Asking again (a reload) shows the same secret, so a QR code already scanned still works.
    expect((await pendingSetup(user))?.secret).toBe(setup?.secret);

    const [stored] = await t.db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, user.id));
    expect(stored?.enabledAt).toBeNull();
    expect(stored?.secretCiphertext).not.toContain(setup!.secret);

    // Not yet on: the password alone still signs in.
    expect((await signIn(user.email, PASSWORD, freshAddress())).ok).toBe(true);
    expect((await twoFactorStatus(user.id)).enabled).toBe(false);

    const wrong = await confirmSetup(user, "000000", { ipAddress: "192.0.2.10" });
    expect(wrong).toEqual({ ok: false, reason: "wrong" });
    expect((await twoFactorStatus(user.id)).enabled).toBe(false);

    const result = await confirmSetup(user, codeAt(setup!.secret, Date.now()), { ipAddress: "192.0.2.10" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(10);
    const status = await twoFactorStatus(user.id);
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const stored10 = await t.db.select().from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, user.id));
    expect(stored10.map((r) => r.codeHash).sort()).toEqual(result.recoveryCodes.map((c) => hashRecoveryCode(c)).sort());
    expect(JSON.stringify(stored10)).not.toContain(result.recoveryCodes[0]!);
    expect((await auditActions(user.id)).map((a) => a.action)).toContain("auth.two_factor.enabled");
    // Once on, there is nothing left to set up.
    expect(await pendingSetup(user)).toBeNull();
  });

  it("signs the person out on their other devices when it is turned on", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const elsewhere = await signIn(user.email, PASSWORD, freshAddress());
    const here = await signIn(user.email, PASSWORD, freshAddress());
    if (!elsewhere.ok || !here.ok) throw new Error("sign-in failed");
    const hereSession = await validateSessionToken(here.token);
    const setup = await pendingSetup(user);
    await confirmSetup(user, codeAt(setup!.secret, Date.now()), {
      ipAddress: "192.0.2.11",
      sessionId: hereSession!.session.id,
    });
    expect(await validateSessionToken(elsewhere.token)).toBeNull();
    expect(await validateSessionToken(here.token)).not.toBeNull();
  });
});

describe("signing in with two-factor sign-in on", () => {
  it("gives no session for the password alone, and the pending token cannot be used as one", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    await withTwoFactor(user);
    const before = await sessionCount(user.id);
    const pendingToken = await passwordStep(user.email);
    expect(await sessionCount(user.id)).toBe(before);
    expect(await validateSessionToken(pendingToken)).toBeNull();
    const asSession = new Request(`${ORIGIN}/home`, {
      headers: { Cookie: sessionCookie(pendingToken).split(";")[0]! },
    });
    expect(await getCurrentUser(asSession)).toBeNull();
    const answer = await answerOf(() => requireUser(asSession));
    expect(answer.location).toMatch(/^\/sign-in/);
    // Only its hash is stored, with ten minutes to live.
    const [row] = await t.db
      .select()
      .from(pendingSignIns)
      .where(eq(pendingSignIns.id, hashToken(pendingToken)));
    expect(row?.userId).toBe(user.id);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(10 * 60_000);
  });

  it("refuses a wrong code, lets the person try again, then signs in with the right one, once", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret } = await withTwoFactor(user);
    const pendingToken = await passwordStep(user.email);
    const details = freshAddress();
    expect(await completeTwoFactorSignIn(pendingToken, "123456", details)).toEqual({ ok: false, reason: "wrong" });
    const code = await freshCode(user.id, secret);
    const result = await completeTwoFactorSignIn(pendingToken, code, details);
    expect(result).toMatchObject({ ok: true, userId: user.id, method: "security_code" });
    if (!result.ok) return;
    expect((await validateSessionToken(result.token))?.user.id).toBe(user.id);
    // The pending token is spent.
    const again = await completeTwoFactorSignIn(pendingToken, await freshCode(user.id, secret), details);
    expect(again).toEqual({ ok: false, reason: "expired" });
    const actions = await auditActions(user.id);
    expect(actions).toContainEqual({ action: "auth.sign_in", detail: { twoFactor: "security_code" } });
    expect(actions).toContainEqual({
      action: "auth.two_factor.failed",
      detail: { during: "sign_in", reason: "wrong" },
    });
  });

  it("refuses a code already used, even on a new sign-in inside its 30 seconds", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret } = await withTwoFactor(user);
    const code = await freshCode(user.id, secret);
    const first = await completeTwoFactorSignIn(await passwordStep(user.email), code, freshAddress());
    expect(first.ok).toBe(true);
    const replay = await completeTwoFactorSignIn(await passwordStep(user.email), code, freshAddress());
    expect(replay).toEqual({ ok: false, reason: "replayed" });
  });

  it("accepts each recovery code once, in any case or spacing", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { recoveryCodes } = await withTwoFactor(user);
    const code = recoveryCodes[3]!;
    const typed = ` ${code.toUpperCase().replace("-", " ")} `;
    const first = await completeTwoFactorSignIn(await passwordStep(user.email), typed, freshAddress());
    expect(first).toMatchObject({ ok: true, method: "recovery_code", recoveryCodesLeft: 9 });
    const second = await completeTwoFactorSignIn(await passwordStep(user.email), code, freshAddress());
    expect(second).toEqual({ ok: false, reason: "wrong" });
    const [used] = await t.db
      .select()
      .from(twoFactorRecoveryCodes)
      .where(eq(twoFactorRecoveryCodes.codeHash, hashRecoveryCode(code)!));
    expect(used?.usedAt).not.toBeNull();
    expect((await auditActions(user.id)).map((a) => a.action)).toContain("auth.two_factor.recovery_code_used");
  });

  it("refuses a pending token that has run out of time", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret } = await withTwoFactor(user);
    const pendingToken = await passwordStep(user.email);
    await t.db
      .update(pendingSignIns)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(pendingSignIns.id, hashToken(pendingToken)));
    expect(await completeTwoFactorSignIn(pendingToken, await freshCode(user.id, secret), freshAddress())).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await completeTwoFactorSignIn(generateToken(), "123456", freshAddress())).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses someone else's code on a person's pending token, and never signs the other person in", async () => {
    const amara = await makeUser(t.db, { password: PASSWORD });
    const ben = await makeUser(t.db, { password: PASSWORD });
    const amaras = await withTwoFactor(amara);
    const bens = await withTwoFactor(ben);
    const amaraToken = await passwordStep(amara.email);
    const benSessions = await sessionCount(ben.id);
    // Ben's valid security code and recovery code do not finish Amara's sign-in (unless both apps show the same six digits).
    const benCode = await freshCode(ben.id, bens.secret);
    if (benCode !== (await freshCode(amara.id, amaras.secret))) {
      expect(await completeTwoFactorSignIn(amaraToken, benCode, freshAddress())).toEqual({
        ok: false,
        reason: "wrong",
      });
    }
    expect(await completeTwoFactorSignIn(amaraToken, bens.recoveryCodes[0]!, freshAddress())).toEqual({
      ok: false,
      reason: "wrong",
    });
    expect(await sessionCount(ben.id)).toBe(benSessions);
    // Ben's recovery code is still unused, and Amara's own code finishes her sign-in as Amara.
    expect((await twoFactorStatus(ben.id)).recoveryCodesLeft).toBe(10);
    const mine = await completeTwoFactorSignIn(amaraToken, await freshCode(amara.id, amaras.secret), freshAddress());
    expect(mine).toMatchObject({ ok: true, userId: amara.id });
  });
});

describe("rate limits on security codes", () => {
  it("after five wrong codes from one address refuses even the right one there, until the window passes", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret } = await withTwoFactor(user);
    const pendingToken = await passwordStep(user.email);
    const address = freshAddress();
    for (let i = 0; i < 5; i++) {
      expect(await completeTwoFactorSignIn(pendingToken, `00000${i}`, address)).toEqual({
        ok: false,
        reason: "wrong",
      });
    }
    const code = await freshCode(user.id, secret);
    expect(await completeTwoFactorSignIn(pendingToken, code, address)).toEqual({
      ok: false,
      reason: "rate_limited",
    });
    expect((await auditActions(user.id)).filter((a) => a.action === "auth.two_factor.failed")).toHaveLength(6);
    // Wrong codes do not lock the password step, which is counted apart.
    expect(await passwordStep(user.email)).toBeTruthy();

    await t.db
      .update(signInAttempts)
      .set({ at: new Date(Date.now() - 16 * 60_000) })
      .where(and(eq(signInAttempts.email, user.email), eq(signInAttempts.kind, "two_factor")));
    expect(await completeTwoFactorSignIn(pendingToken, code, address)).toMatchObject({ ok: true });
  }, 30_000);

  it("after thirty wrong codes from one address by others, slows that address but lets the right code in", async () => {
    const ip = "203.0.113.200";
    await t.db.insert(signInAttempts).values(
      Array.from({ length: 30 }, (_, i) => ({
        kind: "two_factor" as const,
        email: `guess${i}@example.test`,
        ipAddress: ip,
        succeeded: false,
      })),
    );
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret } = await withTwoFactor(user);
    const pendingToken = await passwordStep(user.email);
    const code = await freshCode(user.id, secret);
    expect(await completeTwoFactorSignIn(pendingToken, code, requestFrom(ip))).toMatchObject({ ok: true });
  });
});

describe("recovery codes and turning it off", () => {
  it("gives new recovery codes for the password, and the old ones stop working", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { recoveryCodes } = await withTwoFactor(user);
    expect(await regenerateRecoveryCodes(user, { password: "not my password" }, { ipAddress: "192.0.2.30" })).toEqual({
      ok: false,
      field: "password",
      reason: "wrong",
    });
    const fresh = await regenerateRecoveryCodes(user, { password: PASSWORD }, { ipAddress: "192.0.2.30" });
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(await completeTwoFactorSignIn(await passwordStep(user.email), recoveryCodes[0]!, freshAddress())).toEqual({
      ok: false,
      reason: "wrong",
    });
    expect(
      await completeTwoFactorSignIn(await passwordStep(user.email), fresh.recoveryCodes[0]!, freshAddress()),
    ).toMatchObject({ ok: true });
    expect((await auditActions(user.id)).map((a) => a.action)).toContain("auth.two_factor.recovery_codes_replaced");
  });

  it("turns off only with the password and a code, and then the password alone signs in again", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret } = await withTwoFactor(user);
    const code = await freshCode(user.id, secret);
    expect(await turnOffTwoFactor(user, "wrong password here", code, { ipAddress: "192.0.2.40" })).toMatchObject({
      ok: false,
      field: "password",
    });
    expect(await turnOffTwoFactor(user, PASSWORD, "999999", { ipAddress: "192.0.2.40" })).toMatchObject({
      ok: false,
      field: "code",
    });
    expect(await turnOffTwoFactor(user, PASSWORD, code, { ipAddress: "192.0.2.40" })).toEqual({ ok: true });
    expect(await twoFactorStatus(user.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const rows = await t.db.select().from(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, user.id));
    expect(rows).toHaveLength(0);
    expect((await signIn(user.email, PASSWORD, freshAddress())).ok).toBe(true);
    expect((await auditActions(user.id)).map((a) => a.action)).toContain("auth.two_factor.disabled");
  });
});

describe("an organisation that requires two-factor sign-in", () => {
  async function requiringOrganisation() {
    return makeOrganisation(t.db, { name: "Harbour Family Trust", requireTwoFactor: true });
  }

  it("sends a supervisor who has not set it up to do so before anything else, but never a learner", async () => {
    const org = await requiringOrganisation();
    const supervisor = await signedIn(t.db, org.id, "supervisor", "Ben Thornton");
    const learner = await signedIn(t.db, org.id, "learner", "Megan Lloyd");
    const get = (cookie: string, path = "/home") => new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } });

    const home = await answerOf(() => homePage.loader({ request: get(supervisor.cookie), params: {}, context }));
    expect(home.location).toBe(TWO_FACTOR_SETUP_PATH);
    const setup = await answerOf(() =>
      setupPage.loader({ request: get(supervisor.cookie, TWO_FACTOR_SETUP_PATH), params: {}, context }),
    );
    expect(setup.status).toBe(200);
    // Signing out is always possible.
    const out = await answerOf(() =>
      signOutPage.action({ request: post("/sign-out", {}, supervisor.cookie), params: {}, context }),
    );
    expect(out.location).toBe("/?signed-out=1");

    const learnerHome = await answerOf(() => homePage.loader({ request: get(learner.cookie), params: {}, context }));
    expect(learnerHome.location).toBe("/learning");
  });

  it("lets the person in once they have set it up, and refuses to turn it off", async () => {
    const org = await requiringOrganisation();
    const user = await makeUser(t.db, { password: PASSWORD });
    await makeMembership(t.db, { userId: user.id, organisationId: org.id, role: "assessor" });
    const { secret } = await withTwoFactor(user);
    const result = await completeTwoFactorSignIn(
      await passwordStep(user.email),
      await freshCode(user.id, secret),
      freshAddress(),
    );
    if (!result.ok) throw new Error("sign-in failed");
    const cookie = sessionCookie(result.token).split(";")[0]!;
    const home = await answerOf(() =>
      homePage.loader({ request: new Request(`${ORIGIN}/home`, { headers: { Cookie: cookie } }), params: {}, context }),
    );
    expect(home.location).toBe("/supervision");
    expect(
      await turnOffTwoFactor(user, PASSWORD, await freshCode(user.id, secret), { ipAddress: "192.0.2.50" }),
    ).toEqual({ ok: false, field: "form", reason: "required", requiredBy: ["Harbour Family Trust"] });
    expect((await twoFactorStatus(user.id)).enabled).toBe(true);
  });

  it("is set by the programme lead on the settings page, audited, and not by a supervisor", async () => {
    const org = await makeOrganisation(t.db, { name: "Riverside Borough Council" });
    const lead = await signedIn(t.db, org.id, "programme_lead", "Marcus Reid");
    const supervisor = await signedIn(t.db, org.id, "supervisor", "Farah Ali");
    const refused = await answerOf(() =>
      organisationSettingsPage.action({
        request: post("/organisation/settings", { requireTwoFactor: "yes" }, supervisor.cookie),
        params: {},
        context,
      }),
    );
    expect(refused.status).toBe(403);
    const saved = await answerOf(() =>
      organisationSettingsPage.action({
        request: post("/organisation/settings", { requireTwoFactor: "yes" }, lead.cookie),
        params: {},
        context,
      }),
    );
    expect(saved.location).toBe("/organisation/settings?saved=1");
    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(row?.requireTwoFactor).toBe(true);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, org.id), eq(auditEvents.action, "organisation.two_factor_required")));
    expect(audit).toHaveLength(1);
    // The lead is now required to use it too, and is sent to set it up.
    const next = await answerOf(() =>
      organisationSettingsPage.loader({
        request: new Request(`${ORIGIN}/organisation/settings`, { headers: { Cookie: lead.cookie } }),
        params: {},
        context,
      }),
    );
    expect(next.location).toBe(TWO_FACTOR_SETUP_PATH);
  });
});

describe("the sign-in pages", () => {
  it("answer the password with the second step (a pending cookie, no session), then the code with a session", async () => {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret } = await withTwoFactor(user);
    const first = await answerOf(() =>
      signInPage.action({
        request: post("/sign-in", { email: user.email, password: PASSWORD, redirectTo: "/account" }),
        params: {},
        context,
      }),
    );
    expect(first.location).toBe("/sign-in/two-factor");
    expect(cookieValue(first.cookies, sessionCookieName())).toBeUndefined();
    const pending = cookieValue(first.cookies, pendingSignInCookieName());
    expect(pending).toMatch(/^[a-z2-7]{32}$/);
    const cookie = `${pendingSignInCookieName()}=${pending}`;

    const shown = await answerOf(() =>
      secondStepPage.loader({
        request: new Request(`${ORIGIN}/sign-in/two-factor`, { headers: { Cookie: cookie } }),
        params: {},
        context,
      }),
    );
    expect(shown.status).toBe(200);
    const noCookie = await answerOf(() =>
      secondStepPage.loader({ request: new Request(`${ORIGIN}/sign-in/two-factor`), params: {}, context }),
    );
    expect(noCookie.location).toBe("/sign-in?step=expired");

    const wrong = await answerOf(() =>
      secondStepPage.action({ request: post("/sign-in/two-factor", { code: "12" }, cookie), params: {}, context }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.errors.code).toMatch(/not right/);
    const empty = await answerOf(() =>
      secondStepPage.action({ request: post("/sign-in/two-factor", { code: "" }, cookie), params: {}, context }),
    );
    expect(empty.errors.code).toBe("Enter the security code from your authenticator app");

    const code = await freshCode(user.id, secret);
    const done = await answerOf(() =>
      secondStepPage.action({
        request: post("/sign-in/two-factor", { code }, cookie),
        params: {},
        context,
      }),
    );
    expect(done.location).toBe("/account");
    const session = cookieValue(done.cookies, sessionCookieName());
    expect((await validateSessionToken(session!))?.user.id).toBe(user.id);
    expect(cookieValue(done.cookies, pendingSignInCookieName())).toBe("");
    const unused = await t.db
      .select()
      .from(pendingSignIns)
      .where(and(eq(pendingSignIns.userId, user.id), isNull(pendingSignIns.usedAt)));
    expect(unused).toHaveLength(0);
  });
});

describe("a lead or admin resets a member's two-factor sign-in", () => {
  /** A member of `org` with a password, two-factor on and a session somewhere; and where their page is. */
  async function memberWithTwoFactor(orgId: string, role: "supervisor" | "learner" | "admin" = "supervisor") {
    const user = await makeUser(t.db, { password: PASSWORD, name: "Ben Thornton" });
    const membership = await makeMembership(t.db, { userId: user.id, organisationId: orgId, role });
    const { secret } = await withTwoFactor(user);
    const session = await completeTwoFactorSignIn(
      await passwordStep(user.email),
      await freshCode(user.id, secret),
      freshAddress(),
    );
    if (!session.ok) throw new Error("sign-in failed");
    return { user, membership, path: `/members/${membership.id}/two-factor` };
  }

  const reset = (
    path: string,
    cookie: string,
    fields = { reason: "Lost her phone; I rang her back on her work number", confirm: "yes" },
  ) =>
    answerOf(() =>
      resetPage.action({ request: post(path, fields, cookie), params: { membershipId: path.split("/")[2]! }, context }),
    );
  const open = (path: string, cookie: string) =>
    answerOf(() =>
      resetPage.loader({
        request: new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } }),
        params: { membershipId: path.split("/")[2]! },
        context,
      }),
    );

  async function stillOn(userId: string) {
    const [codes] = await t.db
      .select({ n: count() })
      .from(twoFactorRecoveryCodes)
      .where(eq(twoFactorRecoveryCodes.userId, userId));
    return { on: (await twoFactorStatus(userId)).enabled, codes: codes?.n ?? 0, sessions: await sessionCount(userId) };
  }

  /** Two-factor on for someone signed in, keeping their session (turning it on signs out the others). */
  async function keepingSession(person: SignedIn) {
    const user = { id: person.userId, email: person.current.user.email };
    const setup = await pendingSetup(user);
    await confirmSetup(user, codeAt(setup!.secret, Date.now()), {
      ipAddress: "192.0.2.70",
      sessionId: person.current.session.id,
    });
    return person;
  }

  it("by the member's own programme lead: off, signed out, audited with who and why, emailed, and set up again at sign-in", async () => {
    const org = await makeOrganisation(t.db, { name: "Harbour Family Trust", requireTwoFactor: true });
    const lead = await keepingSession(await signedIn(t.db, org.id, "programme_lead", "Ruth Adeyemi"));
    await withTwoFactor(await makeUser(t.db)); // someone else's, untouched
    const member = await memberWithTwoFactor(org.id);
    expect(await stillOn(member.user.id)).toEqual({ on: true, codes: 10, sessions: 1 });

    expect((await open(member.path, lead.cookie)).status).toBe(200);
    const done = await reset(member.path, lead.cookie);
    expect(done.location).toBe(`${member.path}?reset=1`);
    expect(await stillOn(member.user.id)).toEqual({ on: false, codes: 0, sessions: 0 });

    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.two_factor.reset"), eq(auditEvents.subjectId, member.user.id)));
    expect(event).toMatchObject({
      actorUserId: lead.userId,
      actorRole: "programme_lead",
      organisationId: org.id,
      subjectType: "user",
      ipAddress: context.clientIp,
      detail: expect.objectContaining({
        reason: "Lost her phone; I rang her back on her work number",
        membership: member.membership.id,
      }),
    });
    expect(event?.at).toBeInstanceOf(Date);

    const [email] = await emailsTo(member.user.email);
    expect(email?.subject).toBe("Your two-factor sign-in was reset");
    expect(email?.text).toContain("Ruth Adeyemi, programme lead at Harbour Family Trust reset two-factor sign-in");
    expect(email?.text).toContain("you will be asked to set up two-factor sign-in again");
    expect(email?.text).toContain(`${ORIGIN}/forgot-password`);

    // The password alone now signs in, and the organisation sends them straight to set it up again.
    const signedInAgain = await signIn(member.user.email, PASSWORD, freshAddress());
    if (!signedInAgain.ok) throw new Error("expected a session from the password alone");
    const cookie = sessionCookie(signedInAgain.token).split(";")[0]!;
    const home = await answerOf(() =>
      homePage.loader({ request: new Request(`${ORIGIN}/home`, { headers: { Cookie: cookie } }), params: {}, context }),
    );
    expect(home.location).toBe(TWO_FACTOR_SETUP_PATH);
  });

  it("by a platform admin, for any organisation's member; the email names the Practice Pathways team", async () => {
    const platform = await makeOrganisation(t.db, { name: "Practice Pathways", kind: "platform" });
    const admin = await signedIn(t.db, platform.id, "admin", "Alex Morgan");
    const council = await makeOrganisation(t.db, { name: "Riverside Borough Council" });
    const member = await memberWithTwoFactor(council.id, "learner");
    expect((await reset(member.path, admin.cookie)).location).toBe(`${member.path}?reset=1`);
    expect(await stillOn(member.user.id)).toMatchObject({ on: false, codes: 0 });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.two_factor.reset"), eq(auditEvents.subjectId, member.user.id)));
    expect(event).toMatchObject({ actorUserId: admin.userId, actorRole: "admin", organisationId: council.id });
    const [email] = await emailsTo(member.user.email);
    expect(email?.text).toContain("Alex Morgan of the Practice Pathways team reset two-factor sign-in");
    expect(email?.text).toContain("you will need only your password");
  });

  it("is refused to another council's lead, to a supervisor, to a lead for themselves or an admin, and changes nothing", async () => {
    const org = await makeOrganisation(t.db);
    const other = await makeOrganisation(t.db);
    const platform = await makeOrganisation(t.db, { kind: "platform" });
    const member = await memberWithTwoFactor(org.id);
    const foreignLead = await signedIn(t.db, other.id, "programme_lead", "Marcus Reid");
    const supervisor = await signedIn(t.db, org.id, "supervisor", "Daniel Okafor");
    const lead = await signedIn(t.db, org.id, "programme_lead", "Priya Shah");

    expect((await open(member.path, foreignLead.cookie)).status).toBe(404);
    expect((await reset(member.path, foreignLead.cookie)).status).toBe(404);
    expect((await open(member.path, supervisor.cookie)).status).toBe(403);
    expect((await reset(member.path, supervisor.cookie)).status).toBe(403);

    // Her own, by her membership's page: not here.
    const [leadMembership] = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, lead.userId), eq(memberships.organisationId, org.id)));
    await keepingSession(lead);
    expect((await reset(`/members/${leadMembership!.id}/two-factor`, lead.cookie)).status).toBe(403);
    expect((await twoFactorStatus(lead.userId)).enabled).toBe(true);

    // A member of her council who is also a platform admin.
    const adminHere = await memberWithTwoFactor(org.id);
    await makeMembership(t.db, { userId: adminHere.user.id, organisationId: platform.id, role: "admin" });
    expect((await reset(adminHere.path, lead.cookie)).status).toBe(403);

    expect(await stillOn(member.user.id)).toEqual({ on: true, codes: 10, sessions: 1 });
    expect(await stillOn(adminHere.user.id)).toMatchObject({ on: true, codes: 10 });
    const resets = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.two_factor.reset"), eq(auditEvents.actorUserId, lead.userId)));
    expect(resets).toEqual([]);
    expect(
      await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "auth.two_factor.reset"), eq(auditEvents.subjectId, member.user.id))),
    ).toEqual([]);
    expect(await emailsTo(member.user.email)).toEqual([]);
  });

  it("asks for a reason and the confirmation, and keeps the reason typed", async () => {
    const org = await makeOrganisation(t.db);
    const lead = await signedIn(t.db, org.id, "programme_lead", "Priya Shah");
    const member = await memberWithTwoFactor(org.id);
    const refused = await answerOf(() =>
      resetPage.action({
        request: post(member.path, { reason: "New phone, checked by a call" }, lead.cookie),
        params: { membershipId: member.membership.id },
        context,
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual({ confirm: "Confirm that you have checked it is them asking" });
    const blank = await reset(member.path, lead.cookie, { reason: "   ", confirm: "yes" });
    expect(blank.errors).toEqual({ reason: "Enter why you are resetting their two-factor sign-in" });
    expect(await stillOn(member.user.id)).toMatchObject({ on: true, codes: 10 });
  });
});

describe("moving two-factor sign-in to a new phone", () => {
  async function signedInWithTwoFactor() {
    const user = await makeUser(t.db, { password: PASSWORD });
    const { secret, recoveryCodes } = await withTwoFactor(user);
    const here = generateToken();
    const elsewhere = generateToken();
    await createSession(here, user.id);
    await createSession(elsewhere, user.id);
    return { user, secret, recoveryCodes, sessionId: hashToken(here), here, elsewhere };
  }

  it("keeps the old phone working until a code from the new one is confirmed, then only the new one", async () => {
    const { user, secret: oldSecret, recoveryCodes, sessionId, here, elsewhere } = await signedInWithTwoFactor();
    const details = { ...requestFrom("192.0.2.60"), sessionId };

    expect(await startMovingToNewPhone(user, "not my password", "000000", details)).toMatchObject({
      ok: false,
      field: "password",
    });
    expect(await startMovingToNewPhone(user, PASSWORD, "000000", details)).toMatchObject({ ok: false, field: "code" });
    expect(await newPhoneSetup(user, sessionId)).toBeNull();
    // A recovery code will do instead of the old phone (and leaves its codes for the checks below).
    expect(await startMovingToNewPhone(user, PASSWORD, recoveryCodes[0]!, details)).toEqual({
      ok: true,
    });

    const setup = await newPhoneSetup(user, sessionId);
    expect(setup?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup?.secret).not.toBe(oldSecret);
    // Only in the session that started it.
    expect(await newPhoneSetup(user, "another-session")).toBeNull();

    // Not yet confirmed: the old phone still signs in.
    expect(
      await completeTwoFactorSignIn(
        await passwordStep(user.email),
        await freshCode(user.id, oldSecret),
        freshAddress(),
      ),
    ).toMatchObject({ ok: true });
    expect(await confirmNewPhone(user, "000000", details)).toEqual({ ok: false, reason: "wrong" });
    expect(await confirmNewPhone(user, codeAt(oldSecret, Date.now()), details)).toEqual({ ok: false, reason: "wrong" });
    expect(await emailsTo(user.email)).toEqual([]);

    expect(await confirmNewPhone(user, codeAt(setup!.secret, Date.now()), details)).toEqual({ ok: true });
    expect(
      await completeTwoFactorSignIn(
        await passwordStep(user.email),
        await freshCode(user.id, oldSecret),
        freshAddress(),
      ),
    ).toEqual({ ok: false, reason: "wrong" });
    expect(
      await completeTwoFactorSignIn(
        await passwordStep(user.email),
        await freshCode(user.id, setup!.secret),
        freshAddress(),
      ),
    ).toMatchObject({ ok: true });
    expect((await twoFactorStatus(user.id)).recoveryCodesLeft).toBe(9); // the one spent above; the rest still work
    expect(await validateSessionToken(here)).not.toBeNull();
    expect(await validateSessionToken(elsewhere)).toBeNull();
    const actions = (await auditActions(user.id)).map((a) => a.action);
    expect(actions).toContain("auth.two_factor.new_phone_started");
    expect(actions).toContain("auth.two_factor.moved_to_new_phone");
    const [email] = await emailsTo(user.email);
    expect(email?.subject).toBe("Two-factor sign-in was moved to a new device");
    expect(email?.text).toContain(`${ORIGIN}/forgot-password`);
  });

  it("runs out if the new phone is not confirmed in time", async () => {
    const { user, secret, sessionId } = await signedInWithTwoFactor();
    const details = { ...requestFrom("192.0.2.61"), sessionId };
    expect(await startMovingToNewPhone(user, PASSWORD, await freshCode(user.id, secret), details)).toEqual({
      ok: true,
    });
    const setup = await newPhoneSetup(user, sessionId);
    const later = Date.now() + REPLACEMENT_LIFETIME_MS + 1_000;
    expect(await confirmNewPhone(user, codeAt(setup!.secret, later), details, later)).toEqual({
      ok: false,
      reason: "not_started",
    });
  });

  it("counts wrong passwords like changing the password: refused after five from one address, even the right one", async () => {
    const { user, secret, sessionId } = await signedInWithTwoFactor();
    const details = { ...requestFrom("192.0.2.62"), sessionId };
    for (let i = 0; i < 5; i += 1)
      expect(await startMovingToNewPhone(user, `wrong ${i}`, "000000", details)).toMatchObject({ reason: "wrong" });
    expect(await startMovingToNewPhone(user, PASSWORD, await freshCode(user.id, secret), details)).toEqual({
      ok: false,
      field: "password",
      reason: "rate_limited",
    });
    expect(await newPhoneSetup(user, sessionId)).toBeNull();
  }, 60_000);

  it("works as a plain form: password and code, then the new phone's code, on one page", async () => {
    const { user, secret, here } = await signedInWithTwoFactor();
    const cookie = sessionCookie(here).split(";")[0]!;
    const path = "/account/security/new-phone";
    const send = (fields: Record<string, string>) =>
      answerOf(() => newPhonePage.action({ request: post(path, fields, cookie), params: {}, context }));
    const page = async () => {
      const loaded = (await newPhonePage.loader({
        request: new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } }),
        params: {},
        context,
      })) as { step: string; typed?: string };
      return loaded;
    };
    expect((await page()).step).toBe("prove");
    expect((await send({ intent: "prove", password: "", code: "" })).errors).toEqual({
      password: "Enter your password",
      code: "Enter a security code from your authenticator app, or a recovery code",
    });
    expect((await send({ intent: "prove", password: PASSWORD, code: await freshCode(user.id, secret) })).location).toBe(
      path,
    );
    const step = await page();
    expect(step.step).toBe("confirm");
    const newSecret = step.typed!.replace(/\s/g, "");
    expect((await send({ intent: "confirm", code: "" })).errors).toEqual({
      code: "Enter the security code from your authenticator app",
    });
    expect((await send({ intent: "confirm", code: codeAt(newSecret, Date.now()) })).location).toBe(
      "/account/security?two-factor=moved",
    );
    expect((await page()).step).toBe("prove");
  });
});
